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

/* "dir/name", allocated; NULL if out of memory. */
char *path_join(const char *dir, const char *name);

/* Copy the regular file from into to, created with from's permissions
   (less the umask) or truncated.  On failure, reports "prog: path: error"
   for the file at fault and returns -1. */
int copy_file(const char *prog, const char *from, const char *to);

#endif
