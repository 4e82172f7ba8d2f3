/* What the programs that work on files share (ls, stat, cp, mv, rm, ...). */
#ifndef _FILES_H
#define _FILES_H

#include <stdbool.h>
#include <sys/types.h>

/* A mode as ls -l shows it: the type, then rwx for user, group and others
   ("drwxr-xr-x"), s or t for the set-id and sticky bits; 11 bytes. */
void mode_string(mode_t mode, char out[11]);

/* path names a directory (following symbolic links). */
bool is_directory(const char *path);

/* The last component of path, within it ("b/" for "a/b/"). */
const char *base_name(const char *path);

/* Which path an error of a call on two (rename, link) is about: from if
   it does not exist, else to. */
const char *culprit(const char *from, const char *to);

/* "dir/name", allocated; NULL (errno ENOMEM) if out of memory. */
char *path_join(const char *dir, const char *name);

/* Call act(dir/name, name, arg) for each name in the directory dir but "."
   and "..", in order, going on after one fails (rm -r, cp -r).  Returns 0,
   or -1 if an act failed or, reported as "prog: dir: error", if dir could
   not be read. */
int for_each_child(const char *prog, const char *dir,
		   int (*act)(const char *path, const char *name, void *arg), void *arg);

/* The target of the symbolic link path, NUL-terminated, into buf; its
   length, or -1 with errno set (ENAMETOOLONG if it does not fit). */
ssize_t link_target(const char *path, char *buf, size_t size);

/* Print " -> target" for the symbolic link path (ls -l, stat), or report
   "prog: path: error". */
void print_link_target(const char *prog, const char *path);

/* Copy the regular file from into to, created with from's permissions
   (less the umask) or truncated.  On failure, reports "prog: path: error"
   for the file at fault and returns -1. */
int copy_file(const char *prog, const char *from, const char *to);

/*
 * The operands of "prog from to" or "prog from... dir" (cp, mv, ln): call
 * act(from, to) for each from, to being dir/(from's base name) when the
 * last operand is a directory.  Reports a missing operand (with usage) or
 * a last operand that should be a directory; returns the exit status: 0,
 * 1 if act failed (returned -1) once or more, 2 for the usage.
 */
int for_each_target(const char *prog, const char *usage, int n, char **operands,
		    int (*act)(const char *from, const char *to));

#endif
