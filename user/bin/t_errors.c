/*
 * t_errors: bad input gets an error number, never a dead kernel.  An
 * unknown system call is ENOSYS, a descriptor that is not open EBADF, a
 * pointer into the first page EFAULT (on x86_64 page zero is unmapped; the
 * browser kernel keeps a program's first 4 KiB out of reach the same way),
 * a path that leads nowhere ENOENT or ENOTDIR, and so on.  Every call here
 * has one right answer on Linux, QEMU and the browser alike, so the output
 * is the same line for line on all of them.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* In the first page; volatile, so the compiler cannot see what it is. */
static void *volatile bad_pointer = (void *)16;
#define UNKNOWN_SYSCALL 4000
#define CLOSED_FD 99

/* ret must be -1 with errno want. */
static void fails(long ret, int want, const char *what)
{
	int err = errno;

	check(ret == -1 && err == want, "%s: %s (got %ld, %s)", what, strerror(want), ret,
	      ret == -1 ? strerror(err) : "no error");
}

static void bad_numbers(void)
{
	char c;

	fails(syscall(UNKNOWN_SYSCALL), ENOSYS, "system call 4000");
	fails(read(CLOSED_FD, &c, 1), EBADF, "read from a closed descriptor");
	fails(write(-1, "x", 1), EBADF, "write to descriptor -1");
	fails(close(CLOSED_FD), EBADF, "close of a closed descriptor");
	fails(dup2(CLOSED_FD, 5), EBADF, "dup2 of a closed descriptor");
	int fd = open("/etc/motd", O_RDONLY);
	fails(lseek(fd, 0, 42), EINVAL, "lseek of a file with whence 42");
	close(fd);
}

static void bad_pointers(void)
{
	struct stat st;
	int fds[2];

	fails(write(1, bad_pointer, 1), EFAULT, "write from address 16");
	fails(open(bad_pointer, O_RDONLY), EFAULT, "open of a path at address 16");
	fails(stat("/", bad_pointer), EFAULT, "stat into address 16");
	fails(pipe(bad_pointer), EFAULT, "pipe into address 16");
	check(pipe(fds) == 0, "and a good pipe still works");
	close(fds[0]);
	close(fds[1]);
	fails(stat(NULL, &st), EFAULT, "stat of a null path");
}

static void bad_paths(void)
{
	char name[300];

	fails(open("/nosuch/file", O_RDONLY), ENOENT, "open under a missing directory");
	fails(open("/etc/motd/x", O_RDONLY), ENOTDIR, "open under a file");
	fails(open("/etc", O_WRONLY), EISDIR, "open of a directory for writing");
	fails(mkdir("/etc", 0755), EEXIST, "mkdir of an existing directory");
	fails(rmdir("/etc/motd"), ENOTDIR, "rmdir of a file");
	fails(chdir("/etc/motd"), ENOTDIR, "chdir to a file");
	fails(unlink("/nosuch"), ENOENT, "unlink of a missing file");
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	fails(open(name, O_RDONLY), ENAMETOOLONG, "open of a 299-byte name");
	fails(execve("/etc/motd", (char *[]){ "motd", NULL }, (char *[]){ NULL }), EACCES,
	      "execve of a file without execute permission");
}

int main(void)
{
	bad_numbers();
	bad_pointers();
	bad_paths();
	return check_summary("t_errors");
}
