/*
 * Aurora's own system calls (see kernel/include/aurora_abi.h) and the names
 * of capabilities as programs show and parse them: "fs-read,proc".
 */
#ifndef _AURORA_H
#define _AURORA_H

#include <stddef.h>
#include <stdint.h>
#include "../../kernel/include/aurora_abi.h"

/* Each returns -1 with errno set on failure. */
long aurora_cap_get(void);
long aurora_cap_drop(uint32_t mask, uint32_t flags);
long aurora_ps(struct aurora_procinfo *buf, size_t n);
int aurora_meminfo(struct aurora_meminfo *info);

/* "fs-read,fs-write" for a set, or "-" for none; returns buf. */
char *cap_format(uint32_t caps, char *buf, size_t size);
/* Parse a comma list ("" is the empty set); -1 if a name is unknown. */
int cap_parse(const char *list, uint32_t *caps);

#endif
