/*
 * struct stat as Linux x86_64 lays it out (the kernel's struct stat, which
 * stat, fstat, lstat and newfstatat copy to user space), and the file-type
 * bits of st_mode, which cpio archives use too.
 */
#ifndef AURORA_UAPI_STAT_H
#define AURORA_UAPI_STAT_H

#include <stddef.h>
#include <stdint.h>

#define S_IFMT	0170000		/* the file-type bits of a mode */
#define S_IFDIR	0040000
#define S_IFCHR	0020000
#define S_IFIFO	0010000
#define S_IFREG	0100000
#define S_IFBLK	0060000
#define S_IFLNK	0120000

/* utimensat's tv_nsec for "the time now" and "leave this one as it is". */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	int32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;	/* in 512-byte units, whatever st_blksize is */
	int64_t st_atime;
	int64_t st_atime_nsec;
	int64_t st_mtime;
	int64_t st_mtime_nsec;
	int64_t st_ctime;
	int64_t st_ctime_nsec;
	int64_t __unused[3];
};

_Static_assert(sizeof(struct linux_stat) == 144, "Linux x86_64 struct stat");
_Static_assert(offsetof(struct linux_stat, st_mode) == 24, "Linux x86_64 struct stat");
_Static_assert(offsetof(struct linux_stat, st_rdev) == 40, "Linux x86_64 struct stat");
_Static_assert(offsetof(struct linux_stat, st_atime) == 72, "Linux x86_64 struct stat");

#endif
