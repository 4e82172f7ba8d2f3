/*
 * Parsing numbers from text (shared code): kernel command-line options,
 * monitor commands, visualiser parameters.
 */
#ifndef AURORA_PARSE_H
#define AURORA_PARSE_H

#include <stdint.h>

/*
 * Parse all of s as a decimal number, or a hex number after "0x" or "0X".
 * No sign, no spaces, at least one digit, nothing after the digits, and the
 * value must fit in 64 bits.  Returns 0 and sets *out, or returns -EINVAL
 * and leaves *out alone.
 */
int parse_u64(const char *s, uint64_t *out);

/* The same, with an optional leading '-', for a value that fits int64_t. */
int parse_i64(const char *s, int64_t *out);

#endif
