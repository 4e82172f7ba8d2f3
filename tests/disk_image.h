/*
 * Disk images built at build time (tests/tests.mk: mke2fs over the tree of
 * tests/ext2_tree.py) and embedded in the test binaries by
 * tests/embed_image.py, which keeps only the sectors that are not zero.
 */
#ifndef AURORA_TESTS_DISK_IMAGE_H
#define AURORA_TESTS_DISK_IMAGE_H

#include <stdint.h>

struct disk_image_chunk {
	uint32_t offset;		/* bytes from the start of the disk */
	uint32_t len;
	const uint8_t *bytes;
};

struct disk_image {
	const char *name;
	uint64_t size;			/* bytes */
	unsigned nchunks;
	const struct disk_image_chunk *chunks;
};

/* 1 MiB, 1 KiB blocks, 128-byte inodes, four groups of 256 blocks;
   4 MiB, 4 KiB blocks, 256-byte inodes, one group; 1 MiB, 1 KiB blocks,
   with /many a hashed directory of 100 names (tests/ext2_tree.py). */
extern const struct disk_image ext2_1k, ext2_4k, ext2_hashed;

#endif
