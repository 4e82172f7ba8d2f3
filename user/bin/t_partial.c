/*
 * t_partial: reads and writes whose buffers run into an unmapped page.
 * Linux moves the bytes before the hole and returns that partial count
 * (EFAULT only if nothing moved) for a file, whose offset moves by just
 * that much; a pipe hands over its bytes whole or not at all, and keeps
 * what a reader could not take.  Either way no byte is lost.  readv and
 * writev check every buffer before moving a byte.  The expectations are
 * Linux's: make test-user-host runs this on the host too.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE		4096
#define KERNEL_TEXT	((void *)0xffffffff80100000l)
#define FILE_PATH	"/tmp/t_partial"
#define TEXT		"hello world, and more"
#define LEN(s)		(sizeof(s) - 1)

/* A buffer whose last `valid` bytes (at most two pages) come just before
   an unmapped page; the bytes are 'x'. */
static char *edge(size_t valid)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 'x', 2 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
	return p + 2 * PAGE - valid;
}

/* What a call returned: the count, or -errno. */
static long result(long ret)
{
	return ret < 0 ? -errno : ret;
}

static long offset(int fd)
{
	return lseek(fd, 0, SEEK_CUR);
}

/* A file holding TEXT, open for reading and writing at offset 0. */
static int text_file(void)
{
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);

	write(fd, TEXT, LEN(TEXT));
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Everything the pipe holds, NUL-ended, and how many bytes.  An end mark
   goes in first, so that the read never waits, even for bytes a kernel
   lost; it is not counted. */
static long drain(int fds[2], char *buf, size_t size)
{
	write(fds[1], "$", 1);
	long n = result(read(fds[0], buf, size - 1));

	n -= n > 0 && buf[n - 1] == '$';
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void file_reads(void)
{
	int fd = text_file();
	char *five = edge(5);
	long n = result(read(fd, five, 11));

	check(n == 5 && memcmp(five, "hello", 5) == 0 && offset(fd) == 5,
	      "a file read into 5 bytes before a hole: 5 bytes, offset 5 (got %ld, offset %ld)",
	      n, offset(fd));
	n = result(read(fd, edge(0), 11));
	check(n == -EFAULT && offset(fd) == 5,
	      "a file read with no room: EFAULT, offset still 5 (got %ld, offset %ld)", n, offset(fd));
	close(fd);
}

static void file_writes(void)
{
	int fd = text_file();
	char *five = edge(5), back[32] = "";

	memcpy(five, "HELLO", 5);
	long n = result(write(fd, five, 11));
	check(n == 5 && offset(fd) == 5,
	      "a file write from 5 bytes before a hole: 5 bytes, offset 5 (got %ld, offset %ld)",
	      n, offset(fd));
	lseek(fd, 0, SEEK_SET);
	read(fd, back, LEN(TEXT));
	check(strcmp(back, "HELLO world, and more") == 0, "the file holds them (\"%s\")", back);
	n = result(write(fd, edge(0), 11));
	check(n == -EFAULT, "a file write from no bytes: EFAULT (got %ld)", n);
	close(fd);
}

static void pipe_reads(int fds[2])
{
	char rest[64];

	write(fds[1], "hello world", 11);
	long n = result(read(fds[0], edge(5), 11));
	long left = drain(fds, rest, sizeof(rest));
	check(n == -EFAULT && left == 11 && strcmp(rest, "hello world") == 0,
	      "a pipe read due 11 bytes with room for 5: EFAULT, all 11 kept (got %ld, then \"%s\")",
	      n, rest);
	write(fds[1], "hello world", 11);
	n = result(read(fds[0], edge(5), 3));
	check(n == 3, "a pipe read of 3 with room for 5: 3 (got %ld)", n);
	n = result(read(fds[0], edge(5), 11));
	left = drain(fds, rest, sizeof(rest));
	check(n == -EFAULT && strcmp(rest, "lo world") == 0,
	      "then one due 8 with room for 5: EFAULT, all 8 kept (got %ld, then \"%s\")", n, rest);
}

static void pipe_writes(int fds[2])
{
	char rest[2 * PAGE];

	long n = result(write(fds[1], edge(5), 11));
	long left = drain(fds, rest, sizeof(rest));
	check(n == -EFAULT && left == 0,
	      "a pipe write from 5 of 11 bytes: EFAULT, nothing written (got %ld, then \"%s\")",
	      n, rest);
	/* A Linux pipe takes a write a page at a time, each page whole.  The
	   page may fill Aurora's pipe: no end mark, a plain read. */
	n = result(write(fds[1], edge(PAGE + 5), 2 * PAGE));
	long got = n > 0 ? result(read(fds[0], rest, sizeof(rest))) : 0;
	check(n == PAGE && got == PAGE, "a pipe write from a page and 5 bytes of two pages: "
	      "the first page (got %ld, then %ld in the pipe)", n, got);
}

static void pipe_at_end_of_file(int fds[2])
{
	close(fds[1]);
	long n = result(read(fds[0], NULL, 16));
	check(n == 0, "a read at a pipe's end of file into NULL: 0 (got %ld)", n);
	close(fds[0]);
}

static void vectors_on_a_file(void)
{
	int fd = text_file();
	char four[4];
	struct iovec iov[2] = { { four, 4 }, { edge(5), 11 } };
	struct iovec bad[2] = { { four, 4 }, { KERNEL_TEXT, 4 } };

	long n = result(readv(fd, iov, 2));
	check(n == 9 && offset(fd) == 9,
	      "readv of a file into 4 bytes, then 5 before a hole: 9, offset 9 (got %ld, offset %ld)",
	      n, offset(fd));
	n = result(readv(fd, bad, 2));
	check(n == -EFAULT && offset(fd) == 9,
	      "readv with a kernel address second: EFAULT before reading (got %ld, offset %ld)",
	      n, offset(fd));
	iov[1].iov_base = edge(5);
	n = result(writev(fd, iov, 2));
	check(n == 9, "writev to a file from 4 bytes, then 5 before a hole: 9 (got %ld)", n);
	close(fd);
}

static void vectors_on_a_pipe(int fds[2])
{
	char four[4], rest[64];
	struct iovec iov[2] = { { four, 4 }, { edge(5), 11 } };

	write(fds[1], "hello world, more", 17);
	long n = result(readv(fds[0], iov, 2));
	long left = drain(fds, rest, sizeof(rest));
	check(n == -EFAULT && left == 17,
	      "readv of a pipe due 15 bytes with room for 9: EFAULT, all 17 kept (got %ld, %ld kept)",
	      n, left);
	memcpy(four, "abcd", 4);
	n = result(writev(fds[1], iov, 2));
	left = drain(fds, rest, sizeof(rest));
	check(n == -EFAULT && left == 0,
	      "writev to a pipe from 9 of 15 bytes: EFAULT, nothing written (got %ld, then \"%s\")",
	      n, rest);
}

int main(void)
{
	int fds[2];

	file_reads();
	file_writes();
	vectors_on_a_file();
	unlink(FILE_PATH);
	if (!check(pipe(fds) == 0, "pipe"))
		return check_summary("t_partial");
	pipe_reads(fds);
	pipe_writes(fds);
	vectors_on_a_pipe(fds);
	pipe_at_end_of_file(fds);
	return check_summary("t_partial");
}
