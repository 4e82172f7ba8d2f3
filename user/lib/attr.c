/* Calls on a file's attributes, size and durability, and its file
   system's statistics: each is its system call, with errno on failure. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

int chmod(const char *path, mode_t mode)
{
	return syscall(SYS_chmod, path, mode);
}

int fchmod(int fd, mode_t mode)
{
	return syscall(SYS_fchmod, fd, mode);
}

/* umask cannot fail: its result is never an error. */
mode_t umask(mode_t mask)
{
	return (mode_t)__syscall(SYS_umask, mask);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return syscall(SYS_utimensat, dirfd, path, times, flags);
}

/* utimensat of the descriptor itself: a NULL path. */
int futimens(int fd, const struct timespec times[2])
{
	return syscall(SYS_utimensat, fd, NULL, times, 0);
}

int truncate(const char *path, off_t length)
{
	return syscall(SYS_truncate, path, length);
}

int ftruncate(int fd, off_t length)
{
	return syscall(SYS_ftruncate, fd, length);
}

int fsync(int fd)
{
	return syscall(SYS_fsync, fd);
}

int fdatasync(int fd)
{
	return syscall(SYS_fdatasync, fd);
}

void sync(void)
{
	__syscall(SYS_sync);
}

int statfs(const char *path, struct statfs *buf)
{
	return syscall(SYS_statfs, path, buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	return syscall(SYS_fstatfs, fd, buf);
}
