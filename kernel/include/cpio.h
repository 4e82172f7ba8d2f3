/*
 * A reader for cpio archives in the "newc" format (shared code), the format
 * of Linux initramfs images and of Aurora's initrd.
 *
 * Each entry is a 110-byte ASCII header, the name, then the data:
 *
 *   "070701"  then 13 fields of 8 hex digits: ino mode uid gid nlink mtime
 *             filesize devmajor devminor rdevmajor rdevminor namesize check
 *   name      namesize bytes, its NUL included; header + name padded to 4
 *   data      filesize bytes, padded to 4
 *
 * Offsets are counted from the start of the archive, so every entry starts
 * on a multiple of 4.  The archive ends with an entry named "TRAILER!!!";
 * whatever follows it (usually zero padding to a block) is ignored.
 *
 * The reader trusts nothing in the archive: every field is checked, and
 * an entry (padding included) that does not lie wholly inside the archive
 * is an error, so no call ever reads outside [archive, archive + len).
 */
#ifndef AURORA_CPIO_H
#define AURORA_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;	/* inside the archive, NUL-terminated */
	size_t name_len;	/* strlen(name) */
	uint32_t mode;		/* file type and permissions, as st_mode */
	const void *data;	/* inside the archive */
	uint64_t size;
};

/*
 * Read the entry at *offset (start with 0).  Returns 1 and fills *e, or 0
 * at the trailer; either way *offset moves past the entry.  A malformed
 * archive (bad magic, a non-hex digit, a name without its NUL, an entry
 * running past the end, no trailer) gives -EINVAL with a short reason in
 * *why (if why is not NULL), and *offset and *e are left alone.
 */
int cpio_next(const void *archive, size_t len, size_t *offset,
	      struct cpio_entry *e, const char **why);

struct inode;

/*
 * Add the contents of an archive under the directory root through its
 * file system's operations (vfs.h): directories with their modes, regular
 * files with a copy of their data.  The "." entry is skipped, missing
 * parent directories are made (mode 0755), and a directory listed again
 * just takes the new mode.  Hard links are not recognised: each name is a
 * separate file.  Errors, each with a reason in *why (if why is not NULL):
 * -EINVAL for a malformed archive, a ".." component or a type other than
 * directory and regular file; -EEXIST for a file whose name is taken;
 * -ENOTDIR for a file where a directory must be; -ENAMETOOLONG, -EFBIG (the
 * file system took only part of a file), -ENOMEM.  The entries before a
 * failure stay, and so do directories made on the way to the failed one;
 * a failed file does not.
 */
int cpio_unpack(struct inode *root, const void *archive, size_t len, const char **why);

#endif
