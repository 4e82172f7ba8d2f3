/*
 * printf-style formatting (shared code).  One engine, vformat(), writes
 * characters through a callback, so the kernel console, snprintf into a
 * buffer and the browser build all format the same way.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, with flags '-' '0' '+' ' ' '#',
 * a width and a precision (numbers or '*'), and length modifiers hh h l ll z t.
 */
#ifndef AURORA_FORMAT_H
#define AURORA_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef void (*format_putc_fn)(void *ctx, char c);

/* Format into the callback; returns the number of characters produced. */
int vformat(format_putc_fn putc, void *ctx, const char *fmt, va_list ap);

/* Like C's vsnprintf/snprintf: always NUL-terminates when size > 0 and
 * returns the length the full output would have had. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format why a check failed into why; returns false, so that a checking
   function can end with `return check_failed(why, why_len, ...)`. */
bool check_failed(char *why, size_t why_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
