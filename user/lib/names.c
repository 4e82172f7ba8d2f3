/* Calls that make, move and read names: each is its system call, with
   errno on failure. */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int unlinkat(int dirfd, const char *path, int flags)
{
	return syscall(SYS_unlinkat, dirfd, path, flags);
}

int link(const char *old_path, const char *new_path)
{
	return syscall(SYS_link, old_path, new_path);
}

int symlink(const char *target, const char *link_path)
{
	return syscall(SYS_symlink, target, link_path);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return syscall(SYS_readlink, path, buf, size);
}

int rename(const char *old_path, const char *new_path)
{
	return syscall(SYS_rename, old_path, new_path);
}

int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path)
{
	return syscall(SYS_renameat, old_dirfd, old_path, new_dirfd, new_path);
}
