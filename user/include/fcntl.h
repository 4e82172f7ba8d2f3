/* open() and fcntl(); the flags are the kernel's (Linux's). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <aurora/fcntl.h>
#include <aurora/unistd.h>	/* SEEK_* */

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int fcntl(int fd, int cmd, ...);

#endif
