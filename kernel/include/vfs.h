/*
 * The virtual file system (shared code): what every file system, device
 * and pipe looks like to the rest of the kernel.
 *
 * An inode is one file, directory, device or pipe.  Its common fields are
 * here; a file system embeds struct inode in its own node and fills in
 * ops.  Reference counts say who holds an inode: a file system keeps its
 * own references for what it stores (ramfs: one per linked name), and
 * every open file, cwd and path walk in progress holds one more.  The last
 * inode_put hands the inode back to its file system (ops->free).
 *
 * A struct vfs is a namespace: a mount table whose first entry is "/".
 * Paths are resolved here, one component at a time, over ops->lookup:
 * "//", "." and ".." work as in Linux, ".." at the root stays there, and a
 * walk crosses mount points both ways (into a mounted file system's root,
 * and from that root's ".." back to the directory it is mounted on).  A
 * symbolic link's target is spliced into the rest of the path, at most
 * VFS_SYMLINK_MAX links per walk (-ELOOP beyond).
 *
 * Locking: none here.  The caller serialises every call on one namespace
 * and its file systems (in the kernel, vfs_lock in kernel/vfs/root.c), so
 * nothing changes under a walk.  Error codes are Linux's, negated.
 */
#ifndef AURORA_VFS_H
#define AURORA_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "aurora/stat.h"

#define VFS_NAME_MAX 255	/* bytes in one path component */
#define VFS_PATH_MAX 4096	/* bytes in a path, its NUL included */
#define VFS_MODE_BITS 07777	/* the permission bits an inode keeps */
#define VFS_MOUNTS_MAX 8
#define VFS_SYMLINK_MAX 40	/* links followed in one walk, as Linux */

enum inode_type { INODE_DIR, INODE_FILE, INODE_CHARDEV, INODE_FIFO, INODE_SYMLINK };

/* A time stamp: seconds and nanoseconds since the epoch. */
struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* What statfs reports of a file system (in its own block size). */
struct vfs_statfs {
	uint64_t magic;		/* f_type: 0xEF53 for ext2, 0x858458f6 for ramfs */
	uint64_t block_size;
	uint64_t blocks, blocks_free, blocks_avail;	/* avail: for non-root users */
	uint64_t files, files_free;
	uint64_t name_max;
	uint64_t flags;		/* ST_RDONLY (1) when mounted read-only */
};

struct inode;

/*
 * What a file system does.  The VFS checks types and names before it calls:
 * directory operations get a directory and a name that is neither "", "."
 * nor "..", except lookup, which also answers ".." (the parent, or the
 * directory itself at its file system's root; -ENOENT once removed).  Data
 * operations get a regular file.  Operations a file system lacks are NULL.
 */
struct inode_ops {
	/* The child called name (len bytes, no NUL needed), with a reference. */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	/* A new child; -EEXIST if the name is taken.  *out gets a reference. */
	int (*create)(struct inode *dir, const char *name, size_t len, enum inode_type type,
		      uint32_t mode, uint32_t rdev, struct inode **out);
	/* Remove a name: unlink a non-directory, rmdir an empty directory. */
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/* struct linux_dirent64 records from cursor *pos (0 at first); see
	   vfs_getdents64. */
	long (*getdents64)(struct inode *dir, uint64_t *pos, void *buf, size_t len);
	long (*read)(struct inode *file, uint64_t offset, void *buf, size_t len);
	long (*write)(struct inode *file, uint64_t offset, const void *buf, size_t len);
	int (*truncate)(struct inode *file, uint64_t len);
	/* 512-byte blocks the inode occupies, for st_blocks. */
	uint64_t (*blocks)(struct inode *inode);
	/* A new name in dir for the non-directory target (nlink goes up);
	   -EEXIST if the name is taken, -EMLINK at the file system's limit. */
	int (*link)(struct inode *dir, const char *name, size_t len, struct inode *target);
	/* A new symbolic link holding target (a NUL-terminated path);
	   *out gets it with a reference. */
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
		       struct inode **out);
	/* A symbolic link's target into buf, not NUL-terminated: its length
	   (at most len; a longer target is cut, as readlink(2) does). */
	long (*readlink)(struct inode *link, char *buf, size_t len);
	/*
	 * Move old_dir's name to new_dir's, both on this file system.  The
	 * VFS has checked that the name exists, that the move does not put
	 * a directory inside itself, and that a target of that name, if any,
	 * is of a compatible type (a directory for a directory); the file
	 * system replaces it, giving -ENOTEMPTY for a directory with entries.
	 * A directory moved to another parent gets its ".." changed.
	 */
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len,
		      struct inode *new_dir, const char *new_name, size_t new_len);
	/* The VFS changed the inode's mode or times: store them. */
	int (*update)(struct inode *inode);
	/* Make the inode's data (and, unless data_only, its metadata) durable. */
	int (*fsync)(struct inode *inode, bool data_only);
	/* Make the whole file system durable (sync). */
	int (*sync)(struct inode *any);
	int (*statfs)(struct inode *any, struct vfs_statfs *out);
	/* The last reference is gone. */
	void (*free)(struct inode *inode);
};

struct inode {
	const struct inode_ops *ops;
	enum inode_type type;
	uint32_t mode;		/* VFS_MODE_BITS only */
	uint32_t rdev;		/* INODE_CHARDEV: which device (kernel/vfs/open.c) */
	/* Names for the inode: 0 once removed.  A directory counts its own "."
	   and each subdirectory's "..", as in Linux: 2 + subdirectories. */
	uint32_t nlink;
	uint32_t refs;
	uint64_t dev;		/* which file system: st_dev */
	uint64_t ino;		/* unique within its file system */
	uint64_t size;		/* bytes: a file's data, a symlink's target */
	struct vfs_time atime, mtime, ctime;
	bool read_only;		/* its file system is mounted read-only: -EROFS */
};

/* A file system's root, attached at a directory of the namespace. */
struct mount {
	struct inode *root;
	struct inode *mountpoint;	/* NULL for "/" */
};

struct vfs {
	struct mount mounts[VFS_MOUNTS_MAX];
	unsigned nmounts;
};

/* "." and "..", which file systems answer or refuse. */
static inline bool vfs_is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static inline bool vfs_is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * Take the next component off *path, with the slashes before and after it:
 * its length and *name, 0 when none is left, or -ENAMETOOLONG for one over
 * VFS_NAME_MAX.  So **path == '\0' after a call means it was the last.
 */
int vfs_next_component(const char **path, const char **name);

/*
 * The clock of time stamps.  File systems stamp what their operations
 * change with vfs_now() (creation sets all three times, a write or a
 * truncate mtime and ctime, a new or removed name the directory's mtime
 * and ctime, any change of an inode its ctime).  The kernel sets the clock
 * at boot, a test its own; until then the time is 0.
 */
void vfs_set_clock(struct vfs_time (*now)(void));
struct vfs_time vfs_now(void);

/* Inodes: references, and what stat reports. */
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);
/* S_IFDIR, S_IFREG, S_IFCHR, S_IFIFO or S_IFLNK: st_mode's type bits. */
uint32_t inode_type_bits(const struct inode *inode);
void vfs_stat(struct inode *inode, struct linux_stat *st);

/* The namespace.  vfs_init mounts root at "/" (taking a reference). */
void vfs_init(struct vfs *vfs, struct inode *root);
/* Mount root on directory dir: -ENOTDIR, -EBUSY (dir is already a mount
   point or a mounted root), -ENOSPC (the table is full). */
int vfs_mount(struct vfs *vfs, struct inode *dir, struct inode *root);
/* Drop every mount's references (tests). */
void vfs_destroy(struct vfs *vfs);
/* "/", with a reference. */
struct inode *vfs_root(struct vfs *vfs);
/* The mount whose root is inode, or whose mountpoint is; else NULL. */
struct mount *vfs_mount_rooted_at(struct vfs *vfs, const struct inode *inode);
struct mount *vfs_mount_on(struct vfs *vfs, const struct inode *inode);

/*
 * Paths: absolute, or relative to cwd (NULL means "/").
 *
 * vfs_lookup: 0 and *out with a reference, symbolic links followed.  A
 * trailing "/" requires a directory.  Errors: -ENOENT (a name is missing,
 * or path is ""), -ENOTDIR (a non-directory where a directory is needed),
 * -ENAMETOOLONG (a component over VFS_NAME_MAX, a path of VFS_PATH_MAX or
 * more bytes, also once a link's target is spliced in), -ELOOP (more than
 * VFS_SYMLINK_MAX links).
 */
int vfs_lookup(struct vfs *vfs, struct inode *cwd, const char *path, struct inode **out);
/* vfs_lookup, but a symbolic link as the last component is the answer
   (lstat, readlink) unless a "/" follows it. */
int vfs_lookup_nofollow(struct vfs *vfs, struct inode *cwd, const char *path,
			struct inode **out);
/*
 * Create the last component of path with the permission bits mode and, for
 * a device, rdev; *out (if out is not NULL) gets it with a reference.
 * Errors as vfs_lookup's for the parent, and -EEXIST (the name exists, or
 * is "/", "." or ".."), -ENOENT (the parent was removed), -ENOTDIR (a
 * trailing "/" on a non-directory), -EPERM (the file system cannot),
 * -ENOMEM.
 */
int vfs_create(struct vfs *vfs, struct inode *cwd, const char *path, enum inode_type type,
	       uint32_t mode, uint32_t rdev, struct inode **out);
/* open(O_CREAT)'s new regular file: vfs_create, except that a last
   component that is a symbolic link to nothing makes what it names. */
int vfs_create_following(struct vfs *vfs, struct inode *cwd, const char *path, uint32_t mode,
			 struct inode **out);
/* Remove a non-directory's name: -EISDIR for a directory, else as lookup. */
int vfs_unlink(struct vfs *vfs, struct inode *cwd, const char *path);
/*
 * Remove an empty directory: -ENOTDIR, -ENOTEMPTY (also for a last
 * component ".."), -EBUSY for a root or a mount point, -EINVAL for a last
 * component ".", else as lookup.  Removing a process's cwd is allowed.
 */
int vfs_rmdir(struct vfs *vfs, struct inode *cwd, const char *path);
/*
 * A new name new_path for what old_path names (not following a last
 * symbolic link, as Linux's link): errors as vfs_create's for the new
 * name, and -EPERM for a directory, -EXDEV across file systems, -EMLINK,
 * -EROFS.  Each path is relative to its own cwd.
 */
int vfs_link(struct vfs *vfs, struct inode *old_cwd, const char *old_path,
	     struct inode *new_cwd, const char *new_path);
/* A symbolic link at path holding target: as vfs_create, and -ENOENT for
   an empty target. */
int vfs_symlink(struct vfs *vfs, struct inode *cwd, const char *target, const char *path);
/* A symbolic link's target (not NUL-terminated, cut at len): its length,
   or -EINVAL if link is none. */
long vfs_readlink(struct inode *link, char *buf, size_t len);
/*
 * rename(2): move old_path's name to new_path, replacing what is there.
 * Neither last component is followed.  Errors: as lookup's, -EXDEV across
 * file systems, -EINVAL for a directory into itself or below, -ENOTDIR
 * (a directory onto a non-directory), -EISDIR (the other way), -EBUSY (a
 * last component "/", "." or "..", a mount point or a mounted root),
 * -ENOTEMPTY, -EROFS.  Renaming a name onto another of the same inode
 * does nothing.
 */
int vfs_rename(struct vfs *vfs, struct inode *old_cwd, const char *old_path,
	       struct inode *new_cwd, const char *new_path);

/*
 * Attributes.  chmod sets the permission bits; set_times sets the times
 * given (NULL: leave it); both stamp ctime and store the inode
 * (ops->update).  -EROFS on a read-only file system.
 */
int vfs_chmod(struct inode *inode, uint32_t mode);
int vfs_set_times(struct inode *inode, const struct vfs_time *atime,
		  const struct vfs_time *mtime);
/* fsync(2): 0 for a file or directory of a file system without fsync,
   -EINVAL for anything else (a pipe, a device). */
int vfs_fsync(struct inode *inode, bool data_only);
/* sync(2): every mounted file system's ops->sync; the first error. */
int vfs_sync(struct vfs *vfs);
/* What statfs reports of the file system holding inode (ST_RDONLY added
   for a read-only inode): 0, or -ENOSYS if it cannot say. */
int vfs_statfs(struct inode *inode, struct vfs_statfs *out);

/*
 * dir's absolute path into buf (getcwd), found by walking ".." and looking
 * for each directory's name in its parent: 0, or -ERANGE if it and its NUL
 * do not fit in len, -ENAMETOOLONG if they would not fit in VFS_PATH_MAX,
 * -ENOENT if dir (or a directory above it) was removed, -ENOMEM.
 */
int vfs_path(struct vfs *vfs, struct inode *dir, char *buf, size_t len);

/*
 * Data.  read copies up to len bytes from offset and returns how many (0 at
 * or past the end); write may extend the file, filling a hole with zeros;
 * truncate sets the size.  A directory gives -EISDIR, anything else that
 * is not a regular file -EINVAL (devices and pipes are read through their
 * open files, not their inodes).
 */
long vfs_read(struct inode *file, uint64_t offset, void *buf, size_t len);
long vfs_write(struct inode *file, uint64_t offset, const void *buf, size_t len);
int vfs_truncate(struct inode *file, uint64_t len);

/*
 * Fill buf with struct linux_dirent64 records (aurora/dirent.h), "." and
 * ".." first, starting at cursor *pos (0 at first) and moving it on.
 * Returns the bytes written, 0 at the end, -EINVAL if the next record does
 * not fit in len, -ENOTDIR, -ENOENT for a removed directory.  Entries
 * present throughout a listing are returned exactly once.
 */
long vfs_getdents64(struct inode *dir, uint64_t *pos, void *buf, size_t len);

#endif
