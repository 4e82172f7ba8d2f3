/* File-system statistics: struct statfs exactly as Linux x86_64 lays it
   out, with 64-bit fields on every machine. */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/types.h>

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	uint64_t f_type;	/* the file system's magic number */
	uint64_t f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail;	/* in f_bsize units */
	uint64_t f_files, f_ffree;
	fsid_t f_fsid;
	uint64_t f_namelen, f_frsize, f_flags;
	uint64_t f_spare[4];
};

/* RAMFS_MAGIC, ST_RDONLY, ...: the kernel's, with its own struct linux_statfs. */
#include <aurora/statfs.h>
_Static_assert(sizeof(struct statfs) == sizeof(struct linux_statfs),
	       "struct statfs must be the kernel's struct linux_statfs");

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
