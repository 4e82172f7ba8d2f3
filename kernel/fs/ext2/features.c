/*
 * ext2's feature flags (shared code): what a mount may do with a file
 * system that uses them.  An incompat feature changes the format in ways
 * a kernel that does not know it would misread, so the mount is refused;
 * a ro_compat one only in ways it would break by writing, so the mount is
 * read-only.  Compat features need nothing.
 */
#include "errno.h"
#include "ext2_internal.h"

#define INCOMPAT_KNOWN EXT2_FEATURE_INCOMPAT_FILETYPE
#define RO_COMPAT_KNOWN (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* Names as e2fsprogs prints them, by bit. */
static const char *const incompat_names[32] = {
	"compression", "filetype", "needs_recovery", "journal_dev", "meta_bg", NULL,
	"extent", "64bit", "mmp", "flex_bg", "ea_inode", NULL, "dirdata", "metadata_csum_seed",
	"large_dir", "inline_data", "encrypt", "casefold",
};

static const char *const ro_compat_names[32] = {
	"sparse_super", "large_file", "btree_dir", "huge_file", "uninit_bg", "dir_nlink",
	"extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica",
	"read-only", "project", "shared_blocks", "verity",
};

/* The first bit of unknown, as the name e2fsprogs gives it. */
static const char *feature_name(const char *const names[32], uint32_t unknown, char *scratch,
				size_t len)
{
	unsigned bit = (unsigned)__builtin_ctz(unknown);

	if (names[bit])
		return names[bit];
	ext2_refuse(scratch, len, 0, "bit %u", bit);
	return scratch;
}

int ext2_check_features(struct ext2_fs *fs, char *why, size_t why_len)
{
	const struct ext2_super_block *sb = &fs->sb;
	char scratch[16];

	fs->read_only = fs->opts.read_only;
	if (sb->s_rev_level == EXT2_GOOD_OLD_REV)
		return 0;	/* no feature flags: their fields are not there */
	uint32_t unknown = sb->s_feature_incompat & ~INCOMPAT_KNOWN;
	if (unknown)
		return ext2_refuse(why, why_len, -EINVAL, "unsupported incompat feature %s",
				   feature_name(incompat_names, unknown, scratch, sizeof(scratch)));
	unknown = sb->s_feature_ro_compat & ~RO_COMPAT_KNOWN;
	if (unknown && !fs->read_only) {
		fs->read_only = true;
		ext2_refuse(why, why_len, 0, "read-only: unsupported ro_compat feature %s",
			    feature_name(ro_compat_names, unknown, scratch, sizeof(scratch)));
	}
	return 0;
}
