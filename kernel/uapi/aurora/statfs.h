/* struct statfs as Linux x86_64 lays it out (statfs, fstatfs). */
#ifndef AURORA_UAPI_STATFS_H
#define AURORA_UAPI_STATFS_H

#include <stddef.h>
#include <stdint.h>

#define RAMFS_MAGIC	0x858458f6
#define EXT2_SUPER_MAGIC 0xef53

#define ST_RDONLY	1	/* f_flags: mounted read-only */

struct linux_statfs {
	int64_t f_type;		/* the file system's magic number */
	int64_t f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail;	/* in f_bsize units */
	uint64_t f_files, f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};

_Static_assert(sizeof(struct linux_statfs) == 120, "Linux x86_64 struct statfs");
_Static_assert(offsetof(struct linux_statfs, f_namelen) == 64, "Linux x86_64 struct statfs");

#endif
