/*
 * Building cpio newc archives in memory, for the tests of the cpio reader
 * and of cpio_unpack.  Every entry starts on a multiple of 4, so a test
 * can find and corrupt a header field with cpio_set_field.
 */
#ifndef AURORA_TESTS_CPIO_BUILD_H
#define AURORA_TESTS_CPIO_BUILD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "string.h"

#define CPIO_HEADER_SIZE 110
/* Header fields, numbered in the order they follow the 6-byte magic. */
#define CPIO_FIELD_MODE 1
#define CPIO_FIELD_FILESIZE 6
#define CPIO_FIELD_NAMESIZE 11
#define CPIO_FIELDS 13

struct cpio_build {
	char *buf;
	size_t len, cap;
	uint32_t next_ino;
};

static inline void cpio_put(struct cpio_build *b, const void *data, size_t len)
{
	if (b->len + len > b->cap) {
		b->cap = (b->len + len) * 2;
		b->buf = realloc(b->buf, b->cap);
		if (!b->buf)
			abort();
	}
	memcpy(b->buf + b->len, data, len);
	b->len += len;
}

static inline void cpio_pad(struct cpio_build *b)
{
	static const char zeros[3];

	cpio_put(b, zeros, (4 - b->len % 4) % 4);
}

/* Append an entry; returns its offset in the archive. */
static inline size_t cpio_add(struct cpio_build *b, const char *name, uint32_t mode,
			      const void *data, size_t size)
{
	size_t at = b->len;
	char header[CPIO_HEADER_SIZE + 1];

	snprintf(header, sizeof(header),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ++b->next_ino, mode, 0u, 0u, 1u, 0u, (unsigned)size,
		 0u, 0u, 0u, 0u, (unsigned)strlen(name) + 1, 0u);
	cpio_put(b, header, CPIO_HEADER_SIZE);
	cpio_put(b, name, strlen(name) + 1);
	cpio_pad(b);
	cpio_put(b, data, size);
	cpio_pad(b);
	return at;
}

static inline size_t cpio_trailer(struct cpio_build *b)
{
	return cpio_add(b, "TRAILER!!!", 0, NULL, 0);
}

/* Overwrite field i of the header at entry with value, as 8 lowercase hex digits. */
static inline void cpio_set_field(struct cpio_build *b, size_t entry, int i, uint32_t value)
{
	char digits[9];

	snprintf(digits, sizeof(digits), "%08x", value);
	memcpy(b->buf + entry + 6 + 8 * i, digits, 8);
}

static inline void cpio_free(struct cpio_build *b)
{
	free(b->buf);
	*b = (struct cpio_build){0};
}

#endif
