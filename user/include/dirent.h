/* Reading directories: opendir() and readdir() over getdents64(), which
   fills a buffer with struct linux_dirent64 records (aurora/dirent.h). */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <stddef.h>
#include <sys/types.h>
#include <aurora/dirent.h>

/* readdir hands out the kernel's records as they are. */
struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;	/* DT_*, or 0 if the file system does not say */
	char d_name[256];
};
_Static_assert(offsetof(struct dirent, d_name) == offsetof(struct linux_dirent64, d_name),
	       "struct dirent must start as the kernel's struct linux_dirent64");

typedef struct dir DIR;

DIR *opendir(const char *path);
/* The next entry, NULL at the end (or on an error, with errno set). */
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
/* The descriptor open on the directory, for the *at() calls. */
int dirfd(DIR *d);

/* The names in the directory open on fd but "." and "..", sorted, into
   *names; returns how many, or -1 with errno set.  Reading them all first
   lets the caller change the directory (rm -r) while it goes through
   them.  Not in POSIX. */
ssize_t read_dir_names(int fd, char ***names);
/* read_dir_names for the directory at path. */
ssize_t list_dir_names(const char *path, char ***names);
/* Free what read_dir_names returned. */
void free_dir_names(char **names, ssize_t n);

/* Returns the bytes of whole records it filled, 0 at the end. */
ssize_t getdents64(int fd, void *buf, size_t size);

#endif
