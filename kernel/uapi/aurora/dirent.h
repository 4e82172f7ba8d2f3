/*
 * The records getdents64 returns, as Linux lays them out: a fixed part of
 * 19 bytes, the NUL-terminated name, then zero padding so that d_reclen,
 * the length of the whole record, is a multiple of 8.
 */
#ifndef AURORA_UAPI_DIRENT_H
#define AURORA_UAPI_DIRENT_H

#include <stddef.h>
#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* the position just after this record */
	uint16_t d_reclen;
	uint8_t d_type;		/* DT_* */
	char d_name[];
};

_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "Linux dirent64");

/* d_type values (S_IF* >> 12). */
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8

#endif
