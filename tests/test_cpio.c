/*
 * Tests of kernel/fs/ramfs/cpio.c.  Archives are built by tests/cpio_build.h;
 * the malformed ones are good archives cut short or with a header field
 * overwritten.  To catch a read past the end, a cut archive is passed as
 * the good buffer with a smaller len: a reader that looked past len would
 * find a valid continuation there and succeed where it must fail.
 */
#include "aurora/stat.h"
#include "cpio.h"
#include "cpio_build.h"
#include "errno.h"
#include "string.h"
#include "unit.h"

static const char hello[] = "hello, world\n";

/* ".", a directory, a file, an empty file: the usual shape of an initrd. */
static void build_sample(struct cpio_build *b)
{
	cpio_add(b, ".", S_IFDIR | 0755, NULL, 0);
	cpio_add(b, "bin", S_IFDIR | 0755, NULL, 0);
	cpio_add(b, "bin/hello", S_IFREG | 0644, hello, sizeof(hello) - 1);
	cpio_add(b, "empty", S_IFREG | 0600, NULL, 0);
	cpio_trailer(b);
}

/* Is [p, p + n) inside [base, base + len)? */
static bool inside(const void *base, size_t len, const void *p, uint64_t n)
{
	const char *b = base, *q = p;

	return q >= b && (size_t)(q - b) <= len && n <= len - (size_t)(q - b);
}

/*
 * Read archive[0, len) to the end.  Returns the last cpio_next result (0 at
 * the trailer, < 0 on error) and checks that each entry lies inside and
 * that the offset always moves forward, so the walk ends.
 */
static int walk(const void *archive, size_t len, int *entries)
{
	size_t offset = 0;
	struct cpio_entry e;
	const char *why = NULL;
	int ret;

	*entries = 0;
	for (;;) {
		size_t before = offset;

		ret = cpio_next(archive, len, &offset, &e, &why);
		if (ret <= 0)
			break;
		(*entries)++;
		CHECK(offset > before && offset <= len);
		CHECK(inside(archive, len, e.name, e.name_len + 1));
		CHECK(inside(archive, len, e.data, e.size));
	}
	if (ret < 0)
		CHECK(why != NULL);
	return ret;
}

static bool entry_is(const struct cpio_entry *e, const char *name, uint32_t mode,
		     const void *data, uint64_t size)
{
	return CHECK_STR_EQ(e->name, name) && CHECK_EQ(e->name_len, strlen(name)) &&
	       CHECK_EQ(e->mode, mode) && CHECK_EQ(e->size, size) &&
	       CHECK(size == 0 || memcmp(e->data, data, (size_t)size) == 0);
}

TEST(cpio_reads_every_entry_then_the_trailer)
{
	struct cpio_build b = {0};
	struct cpio_entry e;
	size_t offset = 0;
	const char *why = NULL;

	build_sample(&b);
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, &why), 1);
	entry_is(&e, ".", S_IFDIR | 0755, NULL, 0);
	CHECK_EQ(offset, 112);	/* 110 + 2, already a multiple of 4 */
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, &why), 1);
	entry_is(&e, "bin", S_IFDIR | 0755, NULL, 0);
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, &why), 1);
	entry_is(&e, "bin/hello", S_IFREG | 0644, hello, sizeof(hello) - 1);
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, &why), 1);
	entry_is(&e, "empty", S_IFREG | 0600, NULL, 0);
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, &why), 0);
	CHECK_EQ(offset, b.len);
	CHECK(why == NULL);
	cpio_free(&b);
}

TEST(cpio_pads_names_and_data_to_four)
{
	static const char data[8] = "abcdefg";
	static const char *const names[] = { "a", "ab", "abc", "abcd", "abcde" };
	struct cpio_build b = {0};
	struct cpio_entry e;
	size_t offset = 0;

	/* Every name length mod 4 with every data length mod 4. */
	for (int n = 0; n < 5; n++)
		for (size_t size = 0; size <= 4; size++)
			cpio_add(&b, names[n], S_IFREG | 0644, data, size);
	cpio_trailer(&b);
	for (int n = 0; n < 5; n++) {
		for (size_t size = 0; size <= 4; size++) {
			CHECK_EQ(offset % 4, 0);
			if (!CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, NULL), 1))
				goto out;
			entry_is(&e, names[n], S_IFREG | 0644, data, size);
		}
	}
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, NULL), 0);
out:
	cpio_free(&b);
}

TEST(cpio_ignores_what_follows_the_trailer)
{
	static const char zeros[512];
	struct cpio_build b = {0};
	int entries;

	build_sample(&b);
	size_t end = b.len;
	cpio_put(&b, zeros, sizeof(zeros));	/* the usual padding to a block */
	CHECK_EQ(walk(b.buf, b.len, &entries), 0);
	CHECK_EQ(entries, 4);

	size_t offset = 0;
	struct cpio_entry e;
	while (cpio_next(b.buf, b.len, &offset, &e, NULL) > 0)
		;
	CHECK_EQ(offset, end);
	cpio_free(&b);
}

TEST(cpio_accepts_upper_and_lower_case_hex)
{
	struct cpio_build b = {0};
	struct cpio_entry e;
	size_t offset = 0;

	size_t at = cpio_add(&b, "f", S_IFREG | 0644, "xyz", 3);
	cpio_trailer(&b);
	memcpy(b.buf + at + 6 + 8 * CPIO_FIELD_MODE, "000081aF", 8);
	CHECK_EQ(cpio_next(b.buf, b.len, &offset, &e, NULL), 1);
	CHECK_EQ(e.mode, 0x81af);
	cpio_free(&b);
}

/* cpio_next on a bad archive: -EINVAL, the reason, and nothing touched. */
static void check_malformed(const struct cpio_build *b, size_t offset, const char *reason)
{
	struct cpio_entry e = { .name = "untouched" };
	const char *why = NULL;
	size_t at = offset;

	CHECK_EQ(cpio_next(b->buf, b->len, &at, &e, &why), -EINVAL);
	CHECK_STR_EQ(why, reason);
	CHECK_EQ(at, offset);
	CHECK_STR_EQ(e.name, "untouched");
}

TEST(cpio_rejects_bad_magic)
{
	static const char *const magics[] = { "070707", "070702", "07070 ", "\0\0\0\0\0\0" };
	struct cpio_build b = {0};

	build_sample(&b);
	for (int i = 0; i < 4; i++) {
		memcpy(b.buf, magics[i], 6);
		check_malformed(&b, 0, "bad magic (not a newc archive)");
	}
	cpio_free(&b);
}

TEST(cpio_rejects_a_bad_digit_in_any_field)
{
	static const char bad[] = { 'g', 'G', ' ', '-', 'x', '\0', '/', ':', '@', '`' };
	struct cpio_build b = {0};
	size_t at;

	cpio_add(&b, "x", S_IFREG | 0644, NULL, 0);
	at = cpio_add(&b, "y", S_IFREG | 0644, NULL, 0);
	cpio_trailer(&b);
	for (int field = 0; field < CPIO_FIELDS; field++) {
		for (size_t i = 0; i < sizeof(bad); i++) {
			char *digit = b.buf + at + 6 + 8 * field + (field + i) % 8;
			char saved = *digit;

			*digit = bad[i];
			check_malformed(&b, at, "bad hex digit in header");
			*digit = saved;
		}
	}
	cpio_free(&b);
}

TEST(cpio_rejects_a_name_without_its_nul)
{
	struct cpio_build b = {0};
	size_t at;

	at = cpio_add(&b, "abc", S_IFREG | 0644, NULL, 0);
	cpio_trailer(&b);
	b.buf[at + CPIO_HEADER_SIZE + 3] = 'd';		/* the NUL */
	check_malformed(&b, at, "name not NUL-terminated");
	b.buf[at + CPIO_HEADER_SIZE + 3] = '\0';
	b.buf[at + CPIO_HEADER_SIZE + 1] = '\0';	/* "a\0c\0" */
	check_malformed(&b, at, "name not NUL-terminated");
	b.buf[at + CPIO_HEADER_SIZE + 1] = 'b';
	cpio_set_field(&b, at, CPIO_FIELD_NAMESIZE, 0);
	check_malformed(&b, at, "name not NUL-terminated");
	cpio_set_field(&b, at, CPIO_FIELD_NAMESIZE, 3);	/* cuts the NUL off */
	check_malformed(&b, at, "name not NUL-terminated");
	cpio_free(&b);
}

TEST(cpio_rejects_sizes_past_the_end)
{
	static const uint32_t huge[] = { 0xffffffff, 0x80000000, 0x7fffffff, 4096 };
	struct cpio_build b = {0};
	size_t at;

	at = cpio_add(&b, "f", S_IFREG | 0644, "data", 4);
	cpio_trailer(&b);
	for (int i = 0; i < 4; i++) {
		cpio_set_field(&b, at, CPIO_FIELD_NAMESIZE, huge[i]);
		check_malformed(&b, at, "name runs past the end");
	}
	cpio_set_field(&b, at, CPIO_FIELD_NAMESIZE, 2);
	for (int i = 0; i < 4; i++) {
		cpio_set_field(&b, at, CPIO_FIELD_FILESIZE, huge[i]);
		check_malformed(&b, at, "data runs past the end");
	}
	cpio_free(&b);
}

TEST(cpio_rejects_a_missing_trailer)
{
	struct cpio_build b = {0};
	int entries;

	CHECK_EQ(walk("", 0, &entries), -EINVAL);
	check_malformed(&b, 0, "missing trailer");	/* the empty archive */
	cpio_add(&b, "f", S_IFREG | 0644, "data", 4);
	CHECK_EQ(walk(b.buf, b.len, &entries), -EINVAL);
	CHECK_EQ(entries, 1);
	check_malformed(&b, b.len, "missing trailer");
	check_malformed(&b, b.len + 4, "missing trailer");	/* an offset past the end */
	cpio_free(&b);
}

TEST(cpio_rejects_a_truncated_header)
{
	struct cpio_build b = {0};

	build_sample(&b);
	b.len = 109;
	check_malformed(&b, 0, "truncated header");
	b.len = 1;
	check_malformed(&b, 0, "truncated header");
	cpio_free(&b);
}

TEST(cpio_fails_cleanly_on_every_prefix)
{
	struct cpio_build b = {0};
	int entries, fails = 0;

	build_sample(&b);
	for (size_t len = 0; len < b.len; len++)
		if (walk(b.buf, len, &entries) == -EINVAL)
			fails++;
	CHECK_EQ(fails, b.len);
	CHECK_EQ(walk(b.buf, b.len, &entries), 0);
	cpio_free(&b);
}

TEST(cpio_survives_any_corrupted_byte)
{
	static const char values[] = { '\0', '0', '1', '7', 'f', 'F', (char)0xff };
	struct cpio_build b = {0};
	int entries;

	build_sample(&b);
	for (size_t i = 0; i < b.len; i++) {
		char saved = b.buf[i];

		for (size_t v = 0; v < sizeof(values); v++) {
			b.buf[i] = values[v];
			walk(b.buf, b.len, &entries);	/* checks bounds and progress */
		}
		b.buf[i] = saved;
	}
	cpio_free(&b);
}
