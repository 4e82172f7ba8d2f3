/*
 * ext2's on-disk format, revision 0 and 1 (the second extended file
 * system as Linux's documentation and e2fsprogs lay it out).  Every field
 * is little-endian, which x86_64 and wasm32 are, so the structures are
 * read and written as they lie in a block.  Shared by the file system
 * (kernel/fs/ext2) and the tests, which build and corrupt images with it.
 *
 * The disk is an array of blocks of 1024 << s_log_block_size bytes.  The
 * superblock is always at byte 1024; the group descriptor table starts in
 * the block after the one holding it.  Block groups of s_blocks_per_group
 * blocks follow from s_first_data_block, each with a block bitmap, an inode
 * bitmap and an inode table (where its descriptor says) and, in some
 * groups, backup copies of the superblock and descriptors.
 */
#ifndef AURORA_EXT2_FORMAT_H
#define AURORA_EXT2_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define EXT2_SUPER_OFFSET 1024		/* bytes from the start of the disk */
#define EXT2_SUPER_SIZE 1024
#define EXT2_MAGIC 0xEF53
#define EXT2_MIN_BLOCK_LOG 10		/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG 12		/* 4 KiB: the largest Aurora mounts */
#define EXT2_ROOT_INO 2
#define EXT2_GOOD_OLD_INODE_SIZE 128	/* revision 0's, and the fields below */
#define EXT2_GOOD_OLD_FIRST_INO 11
#define EXT2_NAME_LEN 255
#define EXT2_LINK_MAX 32000

/* s_state */
#define EXT2_VALID_FS 1			/* cleanly unmounted */
#define EXT2_ERROR_FS 2

/* s_rev_level */
#define EXT2_GOOD_OLD_REV 0
#define EXT2_DYNAMIC_REV 1

/* Features a kernel may ignore (compat), must understand to write (ro_compat)
   or to mount at all (incompat). */
#define EXT2_FEATURE_COMPAT_DIR_INDEX 0x0020
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002

struct ext2_super_block {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;	/* reserved for root */
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;	/* 1 with 1 KiB blocks, else 0 */
	uint32_t s_log_block_size;	/* block size = 1024 << this */
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;		/* last mount */
	uint32_t s_wtime;		/* last write */
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* Revision 1 only. */
	uint32_t s_first_ino;		/* first inode for files, after the reserved */
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;	/* the group holding this copy */
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;	/* resize_inode: after the descriptors */
	uint8_t s_rest[EXT2_SUPER_SIZE - 208];	/* journal, hash seed, ...: kept as read */
};

_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPER_SIZE, "ext2 superblock");
_Static_assert(offsetof(struct ext2_super_block, s_magic) == 56, "ext2 superblock");
_Static_assert(offsetof(struct ext2_super_block, s_first_ino) == 84, "ext2 superblock");
_Static_assert(offsetof(struct ext2_super_block, s_feature_ro_compat) == 100, "ext2 superblock");
_Static_assert(offsetof(struct ext2_super_block, s_reserved_gdt_blocks) == 206, "ext2 superblock");

struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_pad;
	uint8_t bg_reserved[12];
};

_Static_assert(sizeof(struct ext2_group_desc) == 32, "ext2 group descriptor");
_Static_assert(offsetof(struct ext2_group_desc, bg_free_blocks_count) == 12, "ext2 group descriptor");

/* i_block: 12 direct blocks, then one single, one double, one triple indirect. */
#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK 12
#define EXT2_DIND_BLOCK 13
#define EXT2_TIND_BLOCK 14
#define EXT2_N_BLOCKS 15

/* i_flags */
#define EXT2_INDEX_FL 0x00001000	/* a hashed (dir_index) directory */

/* The first 128 bytes of an inode, all revision 0 has; larger inodes keep
   the rest as they are. */
struct ext2_inode_disk {
	uint16_t i_mode;		/* type bits (S_IF*) and permissions */
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;		/* when it was deleted */
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;		/* 512-byte units, indirect blocks included */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];	/* a fast symlink's target instead */
	uint32_t i_generation;
	uint32_t i_file_acl;		/* extended attribute block */
	uint32_t i_size_high;		/* regular files, with large_file */
	uint32_t i_faddr;
	uint8_t i_osd2[12];
};

_Static_assert(sizeof(struct ext2_inode_disk) == EXT2_GOOD_OLD_INODE_SIZE, "ext2 inode");
_Static_assert(offsetof(struct ext2_inode_disk, i_block) == 40, "ext2 inode");
_Static_assert(offsetof(struct ext2_inode_disk, i_size_high) == 108, "ext2 inode");

/* A fast symlink's target lives in i_block: shorter than this. */
#define EXT2_FAST_SYMLINK_MAX (EXT2_N_BLOCKS * 4)

/*
 * A directory entry.  Entries tile each directory block: rec_len (a
 * multiple of 4, at least 8 + name_len) leads to the next, and the last
 * one's reaches the end of the block.  inode 0 marks unused space.
 * file_type is one of EXT2_FT_* with the filetype feature, else 0 (and
 * then the high byte of a 16-bit name length, always 0 for names of 255
 * bytes or less).
 */
struct ext2_dir_entry {
	uint32_t inode;
	uint16_t rec_len;
	uint8_t name_len;
	uint8_t file_type;
	char name[];
};

_Static_assert(sizeof(struct ext2_dir_entry) == 8, "ext2 directory entry");

#define EXT2_DIR_ROUND 4
/* The bytes an entry with a name of len bytes needs. */
#define EXT2_DIR_REC_LEN(len) ((8 + (len) + EXT2_DIR_ROUND - 1) & ~(EXT2_DIR_ROUND - 1))

enum ext2_file_type {
	EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV,
	EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK, EXT2_FT_MAX
};

#endif
