/*
 * Unbuffered standard I/O.  printf and friends format with the kernel's
 * shared engine (kernel/lib/format.c) into a buffer on the stack and write
 * it out when it fills and at the end of the call.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format.h"

static FILE files[3] = { { 0 }, { 1 }, { 2 } };
FILE *const stdin = &files[0], *const stdout = &files[1], *const stderr = &files[2];

/* Write all of buf: a pipe or terminal may take less than asked. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, buf, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		buf += done;
		n -= done;
	}
	return 0;
}

struct out_buf {
	int fd;
	int failed;
	size_t len;
	char buf[512];
};

static void out_flush(struct out_buf *o)
{
	if (o->len && write_all(o->fd, o->buf, o->len) < 0)
		o->failed = 1;
	o->len = 0;
}

static void out_putc(void *ctx, char c)
{
	struct out_buf *o = ctx;

	o->buf[o->len++] = c;
	if (o->len == sizeof(o->buf))
		out_flush(o);
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct out_buf o = { .fd = fd };
	int n = vformat(out_putc, &o, fmt, ap);

	out_flush(&o);
	return o.failed ? -1 : n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	return vdprintf(f->fd, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(f->fd, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vdprintf(1, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(1, fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return kvsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	return write_all(f->fd, p, size * n) < 0 ? 0 : n;
}

int fputs(const char *s, FILE *f)
{
	return write_all(f->fd, s, strlen(s)) < 0 ? EOF : 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return write_all(f->fd, &ch, 1) < 0 ? EOF : (unsigned char)c;
}

int putchar(int c)
{
	return fputc(c, stdout);
}

/* One write, so that the line stays whole when others write too. */
int puts(const char *s)
{
	return printf("%s\n", s) < 0 ? EOF : 0;
}

void perror(const char *prefix)
{
	const char *message = strerror(errno);

	if (prefix && *prefix)
		dprintf(2, "%s: %s\n", prefix, message);
	else
		dprintf(2, "%s\n", message);
}
