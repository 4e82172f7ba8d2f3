/*
 * Paths from user space, for the file-system calls of kernel/vfs/sys_*.c.
 */
#ifndef AURORA_USER_PATH_H
#define AURORA_USER_PATH_H

#include <stdbool.h>
#include <stdint.h>
#include "vfs.h"

/* A user string into a kmalloc'd buffer of VFS_PATH_MAX bytes (the caller
   frees *path): 0, -EFAULT, -ENAMETOOLONG or -ENOMEM. */
int user_path_copy(uint64_t upath, char **path);

/* The directory *at calls resolve path in: the cwd, or dirfd's (-EBADF,
   -ENOTDIR).  No reference is taken: the process holds both. */
int user_path_base(int dirfd, const char *path, struct inode **dir);

/* Look up a user path relative to dirfd, following a last symbolic link
   if follow: the node with a reference. */
int user_path_lookup(int dirfd, uint64_t upath, bool follow, struct inode **node);

#endif
