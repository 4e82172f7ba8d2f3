/*
 * Memory and string functions.  The first group is the kernel's shared
 * kernel/lib/string.c, linked into the C library as it is, so its header is
 * included as it is too: standard functions only, nothing of the kernel's.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

#include "../../kernel/include/string.h"

void *memchr(const void *s, int c, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strdup(const char *s);

/* A message for an error number (errno.h's errno_name() gives "ENOENT"). */
char *strerror(int err);
/* A description of a signal, as in a shell's report: "Segmentation fault". */
char *strsignal(int sig);

#endif
