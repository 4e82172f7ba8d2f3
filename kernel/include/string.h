/*
 * Memory and string functions (shared code).  They keep the C library's
 * names because the compiler itself emits calls to memcpy, memset, memmove
 * and memcmp, even in a freestanding kernel.
 */
#ifndef AURORA_STRING_H
#define AURORA_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* Copy at most size-1 characters and NUL-terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
