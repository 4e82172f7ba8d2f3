/* Reading directories with getdents64(): the buffer fills with records. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <stdint.h>
#include <sys/types.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;	/* this record's size: the next starts this far on */
	uint8_t d_type;		/* DT_* */
	char d_name[];		/* NUL-terminated */
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10

/* Fills buf with whole records; returns bytes filled, 0 at the end. */
ssize_t getdents64(int fd, void *buf, size_t size);

#endif
