/* The kernel command line: space-separated words, some of them key=value. */
#ifndef AURORA_CMDLINE_H
#define AURORA_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Is `word` on the command line, by itself? */
bool cmdline_has(const char *cmdline, const char *word);

/* Copy the value of key=value into buf; false if the key is absent. */
bool cmdline_value(const char *cmdline, const char *key, char *buf, size_t size);

#endif
