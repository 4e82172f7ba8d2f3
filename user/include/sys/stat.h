/* File status: struct stat exactly as Linux x86_64 lays it out (144 bytes). */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>

struct stat {
	dev_t st_dev;
	ino_t st_ino;
	nlink_t st_nlink;
	mode_t st_mode;
	uid_t st_uid;
	gid_t st_gid;
	int __pad0;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	int64_t __unused[3];
};

_Static_assert(sizeof(struct stat) == 144, "struct stat must match Linux x86_64");

/* S_IFMT, S_IFDIR, ...: the kernel's, with its own struct linux_stat. */
#include <aurora/stat.h>
_Static_assert(sizeof(struct stat) == sizeof(struct linux_stat),
	       "struct stat must be the kernel's struct linux_stat");

#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int mkdir(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
/* Set the mask of permission bits new files do not get; the old one. */
mode_t umask(mode_t mask);
/* Access and modification times: times[0] and times[1], each a time,
   UTIME_NOW or UTIME_OMIT; NULL sets both to now.  flags: 0 or
   AT_SYMLINK_NOFOLLOW. */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif
