/* open() and fcntl(); the flags are the kernel's (Linux's). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <aurora/fcntl.h>
#include <aurora/unistd.h>	/* SEEK_* */

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int fcntl(int fd, int cmd, ...);

/* Advice on how a file will be read: Linux's values.  Aurora's kernel
   takes no advice (it has no fadvise64): posix_fadvise returns ENOSYS. */
#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_RANDOM	1
#define POSIX_FADV_SEQUENTIAL	2
#define POSIX_FADV_WILLNEED	3
#define POSIX_FADV_DONTNEED	4
#define POSIX_FADV_NOREUSE	5
int posix_fadvise(int fd, off_t offset, off_t len, int advice);

#endif
