/*
 * Standard I/O, unbuffered: every call goes to write() at once (printf
 * formats into a small buffer first, so one call is usually one write).
 * Nothing is left to flush at exit or to be copied twice by fork.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

typedef struct FILE {
	int fd;
} FILE;

extern FILE *const stdin, *const stdout, *const stderr;

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vdprintf(int fd, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int putchar(int c);
int fputc(int c, FILE *f);
int puts(const char *s);
int fputs(const char *s, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);

/* "prefix: message of errno" on stderr. */
void perror(const char *prefix);

int rename(const char *old_path, const char *new_path);
int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);

#endif
