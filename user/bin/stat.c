/*
 * stat [-L] path...: each file's status as GNU stat shows it by default:
 * size, blocks, type, device, inode, links, permissions, owner and times
 * (in UTC).  A symbolic link is described itself, or with -L the file it
 * leads to.  Aurora has no user database: uid 0 is root, others UNKNOWN.
 */
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* What GNU stat calls each type of file. */
static const char *type_name(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG: return st->st_size == 0 ? "regular empty file" : "regular file";
	case S_IFDIR: return "directory";
	case S_IFLNK: return "symbolic link";
	case S_IFCHR: return "character special file";
	case S_IFBLK: return "block special file";
	case S_IFIFO: return "fifo";
	default: return "weird file";
	}
}

static const char *owner_name(unsigned int id)
{
	return id == 0 ? "root" : "UNKNOWN";
}

/* A device number's parts, as Linux encodes them (glibc's major()). */
static unsigned int major(dev_t dev)
{
	return ((dev >> 8) & 0xfff) | ((dev >> 32) & 0xfffff000);
}

static unsigned int minor(dev_t dev)
{
	return (dev & 0xff) | ((dev >> 12) & 0xffffff00);
}

static void show_times(const struct stat *st)
{
	char buf[TIMESPEC_STRING_MAX];

	printf("Access: %s\n", timespec_string(&st->st_atim, buf));
	printf("Modify: %s\n", timespec_string(&st->st_mtim, buf));
	printf("Change: %s\n", timespec_string(&st->st_ctim, buf));
	printf(" Birth: -\n");
}

static void show(const char *path, const struct stat *st)
{
	char mode[11];

	mode_string(st->st_mode, mode);
	printf("  File: %s", path);
	if (S_ISLNK(st->st_mode))
		print_link_target("stat", path);
	printf("\n");
	printf("  Size: %-10lld\tBlocks: %-10lld IO Block: %-6lld %s\n", (long long)st->st_size,
	       (long long)st->st_blocks, (long long)st->st_blksize, type_name(st));
	printf("Device: %u,%u\tInode: %-11llu Links: ", major(st->st_dev), minor(st->st_dev),
	       (unsigned long long)st->st_ino);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf("%-5llu Device type: %u,%u\n", (unsigned long long)st->st_nlink,
		       major(st->st_rdev),
		       minor(st->st_rdev));
	else
		printf("%llu\n", (unsigned long long)st->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", st->st_mode & 07777, mode,
	       st->st_uid, owner_name(st->st_uid), st->st_gid, owner_name(st->st_gid));
	show_times(st);
}

int main(int argc, char **argv)
{
	bool follow = false;
	const struct flag_option options[] = { { 'L', &follow } };
	int first = parse_flag_options(argc, argv, options, 1), status = 0;

	if (first < 0 || first == argc) {
		fprintf(stderr, "usage: stat [-L] path...\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		struct stat st;

		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			fprintf(stderr, "stat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			show(argv[i], &st);
		}
	}
	return status;
}
