/* Reading directories with getdents64(), which fills a buffer with struct
   linux_dirent64 records (aurora/dirent.h). */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <aurora/dirent.h>

/* Returns the bytes of whole records it filled, 0 at the end. */
ssize_t getdents64(int fd, void *buf, size_t size);

#endif
