/*
 * t_disk: the disk work of lab 5's grader (grade/test_lab5.py), which
 * checks the results from the host too.
 *
 *   t_disk write PATH BYTES    write PATH with the pattern (64 KiB a write)
 *   t_disk verify PATH BYTES   read PATH back and compare it with the pattern
 *   t_disk files DIR COUNT     make DIR and COUNT files in it, f00000 ...,
 *                              each holding its name and a newline
 *   t_disk crash PATH BYTES    write PATH, fsync it and its directory, say
 *                              so, then write other files (never synced)
 *                              until killed
 *
 * The pattern: 16 bytes for every 16 of the file, the number of those 16
 * (the offset / 16) in 15 hex digits and a newline, so every block of the
 * file is different and says where it belongs.  Each command prints one
 * line saying what it did, "t_disk: ...", or what failed, with strerror's
 * words, and exits 1 on a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 65536
#define UNIT 16
#define UNSYNCED_FILES 8

static char buf[CHUNK], got[CHUNK];

/* The pattern's CHUNK bytes from offset (a multiple of CHUNK) into out. */
static void pattern(unsigned long offset, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (unsigned long u = 0; u < CHUNK / UNIT; u++) {
		unsigned long n = offset / UNIT + u;
		char *p = out + u * UNIT;

		for (int i = UNIT - 2; i >= 0; i--, n >>= 4)
			p[i] = hex[n & 15];
		p[UNIT - 1] = '\n';
	}
}

static int fail(const char *what, const char *path)
{
	printf("t_disk: %s: %s: %s\n", what, path, strerror(errno));
	return 1;
}

/* Write bytes of the pattern to fd; what it wrote, less on an error. */
static unsigned long write_pattern(int fd, unsigned long bytes)
{
	unsigned long done = 0;

	while (done < bytes) {
		unsigned long off = done % CHUNK;
		unsigned long len = bytes - done < CHUNK - off ? bytes - done : CHUNK - off;

		if (off == 0)
			pattern(done, buf);
		long n = write(fd, buf + off, len);
		if (n <= 0)
			break;
		done += (unsigned long)n;
	}
	return done;
}

static int write_file(const char *path, unsigned long bytes)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fail("open", path);
	unsigned long done = write_pattern(fd, bytes);
	if (done < bytes) {
		printf("t_disk: write: %s: %s after %lu bytes\n", path, strerror(errno), done);
		close(fd);
		return 1;
	}
	if (close(fd) < 0)
		return fail("close", path);
	printf("t_disk: wrote %lu bytes to %s\n", bytes, path);
	return 0;
}

/* Read up to CHUNK bytes, fewer only at the end of the file; -1 on an error. */
static long read_chunk(int fd, char *out)
{
	long done = 0, n = 1;

	while (done < CHUNK && (n = read(fd, out + done, (size_t)(CHUNK - done))) > 0)
		done += n;
	return n < 0 ? -1 : done;
}

static int verify_file(const char *path, unsigned long bytes)
{
	int fd = open(path, O_RDONLY);
	unsigned long done = 0;
	long n;

	if (fd < 0)
		return fail("open", path);
	while ((n = read_chunk(fd, got)) > 0) {
		pattern(done, buf);
		for (long i = 0; i < n; i++)
			if (done + (unsigned long)i >= bytes || got[i] != buf[i]) {
				printf("t_disk: %s: byte %lu is wrong\n", path, done + (unsigned long)i);
				close(fd);
				return 1;
			}
		done += (unsigned long)n;
	}
	close(fd);
	if (n < 0)
		return fail("read", path);
	if (done != bytes) {
		printf("t_disk: %s: %lu bytes, not %lu\n", path, done, bytes);
		return 1;
	}
	printf("t_disk: %s: %lu bytes as written\n", path, bytes);
	return 0;
}

static int make_files(const char *dir, unsigned long count)
{
	char path[256], line[16];

	if (mkdir(dir, 0755) < 0)
		return fail("mkdir", dir);
	for (unsigned long i = 0; i < count; i++) {
		int len = snprintf(line, sizeof(line), "f%05lu\n", i);

		snprintf(path, sizeof(path), "%s/f%05lu", dir, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			return fail("open", path);
		if (write(fd, line, (size_t)len) != len)
			return fail("write", path);
		if (close(fd) < 0)
			return fail("close", path);
	}
	printf("t_disk: made %lu files in %s\n", count, dir);
	return 0;
}

/* fsync the directory holding path, so that its entry is durable too (as
   on Linux, a file's fsync need not write its name). */
static int fsync_parent(const char *path)
{
	char dir[256];
	const char *slash = strrchr(path, '/');

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
	int fd = open(dir, O_RDONLY);
	if (fd < 0)
		return -1;
	int err = fsync(fd);
	close(fd);
	return err;
}

/* Write the pattern to PATH and fsync it and its directory; then churn files beside it,
   never synced, until killed (the grader pulls the plug). */
static int crash(const char *path, unsigned long bytes)
{
	char other[256];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fail("open", path);
	if (write_pattern(fd, bytes) != bytes)
		return fail("write", path);
	if (fsync(fd) < 0)
		return fail("fsync", path);
	close(fd);
	if (fsync_parent(path) < 0)
		return fail("fsync of the directory of", path);
	printf("t_disk: fsynced %lu bytes to %s\n", bytes, path);
	for (unsigned long round = 0;; round++) {
		snprintf(other, sizeof(other), "%s.unsynced%lu", path, round % UNSYNCED_FILES);
		unlink(other);
		fd = open(other, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write_pattern(fd, bytes) != bytes)
			return fail("unsynced write", other);
		close(fd);
		if (round == UNSYNCED_FILES)
			printf("t_disk: unsynced writes under way\n");
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: t_disk write|verify|crash PATH BYTES, or t_disk files DIR COUNT\n");
		return 2;
	}
	unsigned long n = strtoul(argv[3], NULL, 0);
	if (strcmp(argv[1], "write") == 0)
		return write_file(argv[2], n);
	if (strcmp(argv[1], "verify") == 0)
		return verify_file(argv[2], n);
	if (strcmp(argv[1], "files") == 0)
		return make_files(argv[2], n);
	if (strcmp(argv[1], "crash") == 0)
		return crash(argv[2], n);
	fprintf(stderr, "t_disk: unknown command %s\n", argv[1]);
	return 2;
}
