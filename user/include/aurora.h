/*
 * Aurora's own system calls (aurora/aurora.h), and capability sets as
 * text: cap_format(), cap_parse() and cap_name() are the kernel's shared
 * kernel/proc/caps.c, linked into the C library, so programs and kernel
 * logs spell them alike.
 */
#ifndef _AURORA_H
#define _AURORA_H

#include <stddef.h>
#include <stdint.h>
#include <aurora/aurora.h>

/* Each returns -1 with errno set on failure. */
long aurora_cap_get(void);
long aurora_cap_drop(uint32_t mask, uint32_t flags);
long aurora_ps(struct aurora_procinfo *buf, size_t n);
int aurora_meminfo(struct aurora_meminfo *info);
long aurora_check(char *report, size_t len, unsigned last_lab);

#endif
