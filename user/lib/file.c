/* File and directory calls: each is its system call, with errno on failure. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n)
{
	return syscall(SYS_read, fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return syscall(SYS_write, fd, buf, n);
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return syscall(SYS_pread64, fd, buf, n, offset);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
	return syscall(SYS_pwrite64, fd, buf, n, offset);
}

/* The mode argument is there only with O_CREAT; reading it otherwise would
   read whatever happens to be in the register. */
static mode_t open_mode(int flags, va_list ap)
{
	return flags & O_CREAT ? va_arg(ap, mode_t) : 0;
}

/* The kernel's struct iovec is two 64-bit words, its ABI being x86_64's;
   where pointers are narrower (wasm32), readv and writev pass a widened
   copy (a count the kernel refuses goes through as it is). */
struct wide_iovec {
	uint64_t base, len;
};

static long vectored(int nr, int fd, const struct iovec *iov, int count)
{
	if (sizeof(struct iovec) == sizeof(struct wide_iovec) || count <= 0 || count > IOV_MAX)
		return syscall(nr, fd, iov, count);
	struct wide_iovec wide[count];

	for (int i = 0; i < count; i++)
		wide[i] = (struct wide_iovec){ (uintptr_t)iov[i].iov_base, iov[i].iov_len };
	return syscall(nr, fd, wide, count);
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return vectored(SYS_readv, fd, iov, count);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return vectored(SYS_writev, fd, iov, count);
}

/* As POSIX has it, the error comes back as the result, not in errno. */
int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
	(void)fd, (void)offset, (void)len, (void)advice;
	return ENOSYS;
}

int open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	mode_t mode = open_mode(flags, ap);
	va_end(ap);
	return syscall(SYS_open, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	mode_t mode = open_mode(flags, ap);
	va_end(ap);
	return syscall(SYS_openat, dirfd, path, flags, mode);
}

int close(int fd)
{
	return syscall(SYS_close, fd);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return syscall(SYS_lseek, fd, offset, whence);
}

int dup(int fd)
{
	return syscall(SYS_dup, fd);
}

int dup2(int fd, int newfd)
{
	return syscall(SYS_dup2, fd, newfd);
}

int pipe(int fds[2])
{
	return syscall(SYS_pipe, fds);
}

int pipe2(int fds[2], int flags)
{
	return syscall(SYS_pipe2, fds, flags);
}

int access(const char *path, int mode)
{
	return syscall(SYS_access, path, mode);
}

/* Every fcntl command this library knows takes an integer or nothing. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;

	va_start(ap, cmd);
	long arg = va_arg(ap, long);
	va_end(ap);
	return syscall(SYS_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;

	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return syscall(SYS_ioctl, fd, request, arg);
}

/* A terminal is what answers a terminal ioctl (musl asks the same one). */
int isatty(int fd)
{
	struct winsize ws;

	return ioctl(fd, TIOCGWINSZ, &ws) == 0;
}

int stat(const char *path, struct stat *st)
{
	return syscall(SYS_stat, path, st);
}

int lstat(const char *path, struct stat *st)
{
	return syscall(SYS_lstat, path, st);
}

int fstat(int fd, struct stat *st)
{
	return syscall(SYS_fstat, fd, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return syscall(SYS_newfstatat, dirfd, path, st, flags);
}

int mkdir(const char *path, mode_t mode)
{
	return syscall(SYS_mkdir, path, mode);
}

int rmdir(const char *path)
{
	return syscall(SYS_rmdir, path);
}

int unlink(const char *path)
{
	return syscall(SYS_unlink, path);
}

int chdir(const char *path)
{
	return syscall(SYS_chdir, path);
}

int fchdir(int fd)
{
	return syscall(SYS_fchdir, fd);
}

/* The system call returns the length; C's getcwd returns the buffer. */
char *getcwd(char *buf, size_t size)
{
	return syscall(SYS_getcwd, buf, size) < 0 ? NULL : buf;
}

ssize_t getdents64(int fd, void *buf, size_t size)
{
	return syscall(SYS_getdents64, fd, buf, size);
}
