/*
 * The cpio "newc" reader (shared code).  See cpio.h for the format.
 *
 * Every length taken from the archive is compared with what is left of the
 * archive before it is added to an offset, so a hostile header can neither
 * point outside the buffer nor make an offset wrap around.
 */
#include <stdbool.h>
#include "cpio.h"
#include "errno.h"
#include "string.h"

#define HEADER_SIZE 110
#define MAGIC "070701"
#define MAGIC_LEN 6
#define FIELD_DIGITS 8
#define TRAILER "TRAILER!!!"

/* The header's fields, in the order they appear after the magic. */
enum field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NFIELDS
};

_Static_assert(MAGIC_LEN + NFIELDS * FIELD_DIGITS == HEADER_SIZE,
	       "newc header layout");

static int malformed(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EINVAL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse the 8 hex digits at s; false if any is not a hex digit. */
static bool parse_field(const char *s, uint32_t *out)
{
	uint32_t value = 0;

	for (int i = 0; i < FIELD_DIGITS; i++) {
		int digit = hex_digit(s[i]);

		if (digit < 0)
			return false;
		value = value << 4 | (uint32_t)digit;
	}
	*out = value;
	return true;
}

/*
 * Advance *pos by n bytes and then to the next multiple of 4, staying
 * within len; false if that would go past len.
 */
static bool skip_padded(size_t *pos, uint64_t n, size_t len)
{
	if (n > len - *pos)
		return false;
	size_t end = *pos + (size_t)n;
	size_t pad = (4 - end % 4) % 4;
	if (pad > len - end)
		return false;
	*pos = end + pad;
	return true;
}

int cpio_next(const void *archive, size_t len, size_t *offset,
	      struct cpio_entry *e, const char **why)
{
	const char *base = archive;
	size_t pos = *offset;
	uint32_t f[NFIELDS];

	if (pos >= len)
		return malformed(why, "missing trailer");
	if (len - pos < HEADER_SIZE)
		return malformed(why, "truncated header");
	const char *header = base + pos;
	if (memcmp(header, MAGIC, MAGIC_LEN) != 0)
		return malformed(why, "bad magic (not a newc archive)");
	for (int i = 0; i < NFIELDS; i++)
		if (!parse_field(header + MAGIC_LEN + i * FIELD_DIGITS, &f[i]))
			return malformed(why, "bad hex digit in header");

	pos += HEADER_SIZE;
	const char *name = base + pos;
	uint32_t namesize = f[F_NAMESIZE];
	if (!skip_padded(&pos, namesize, len))
		return malformed(why, "name runs past the end");
	/* The first NUL must be the last byte, or the name is not what it seems. */
	if (namesize == 0 || strnlen(name, namesize) != namesize - 1)
		return malformed(why, "name not NUL-terminated");
	const char *data = base + pos;
	if (!skip_padded(&pos, f[F_FILESIZE], len))
		return malformed(why, "data runs past the end");

	*offset = pos;
	if (strcmp(name, TRAILER) == 0)
		return 0;
	*e = (struct cpio_entry){
		.name = name, .name_len = namesize - 1, .mode = f[F_MODE],
		.data = data, .size = f[F_FILESIZE],
	};
	return 1;
}
