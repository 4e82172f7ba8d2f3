/*
 * df [path...]: for the file system holding each path (/ if none), its
 * size, the space used and the space available in 1 KiB blocks, how full
 * it is and where it is mounted, as df -k shows them.  Aurora keeps no
 * table of mounts: a file system is named by its type, and its mount
 * point found by climbing from path until ".." is on another device, or
 * is "." itself (the root).
 */
#include <errno.h>
#include <fcntl.h>
#include <files.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static const char *type_name(unsigned long magic)
{
	switch (magic) {
	case RAMFS_MAGIC: return "ramfs";
	case EXT2_SUPER_MAGIC: return "ext2";
	default: return "unknown";
	}
}

/* chdir to path, or to the directory holding it if it is not one. */
static int enter(const char *path)
{
	char dir[PATH_MAX];
	size_t len = base_name(path) - path;

	if (is_directory(path))
		return chdir(path);
	if (len == 0)
		return 0;	/* in the working directory */
	if (len >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, len);
	dir[len] = '\0';
	return chdir(dir);
}

/* chdir up to the root of the file system the working directory is on. */
static int climb_to_mount(void)
{
	struct stat here, up;

	for (;;) {
		if (stat(".", &here) < 0 || stat("..", &up) < 0)
			return -1;
		if (here.st_dev != up.st_dev || here.st_ino == up.st_ino)
			return 0;
		if (chdir("..") < 0)
			return -1;
	}
}

/* Where the file system holding path is mounted, into buf; the working
   directory is left where it was (at start). */
static int mount_point(const char *path, int start, char *buf, size_t size)
{
	int status = enter(path) == 0 && climb_to_mount() == 0 && getcwd(buf, size) ? 0 : -1;

	if (fchdir(start) < 0)
		return -1;
	return status;
}

/* n blocks of size bytes, in KiB rounded up, as df does. */
static unsigned long kib(unsigned long n, unsigned long size)
{
	return (n * size + 1023) / 1024;
}

static void show(const struct statfs *fs, const char *mounted_on)
{
	unsigned long size = fs->f_frsize ? fs->f_frsize : fs->f_bsize;
	unsigned long used = kib(fs->f_blocks - fs->f_bfree, size);
	unsigned long available = kib(fs->f_bavail, size);
	char percent[8] = "-";

	if (used + available > 0)	/* rounded up, as df does */
		snprintf(percent, sizeof(percent), "%lu%%",
			 (used * 100 + used + available - 1) / (used + available));
	printf("%-14s %10lu %9lu %9lu %4s %s\n", type_name(fs->f_type), kib(fs->f_blocks, size),
	       used, available, percent, mounted_on);
}

static int df(const char *path, int start)
{
	char mounted_on[PATH_MAX];
	struct statfs fs;

	if (statfs(path, &fs) < 0 || mount_point(path, start, mounted_on, sizeof(mounted_on)) < 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return -1;
	}
	show(&fs, mounted_on);
	return 0;
}

int main(int argc, char **argv)
{
	int start = open(".", O_RDONLY | O_DIRECTORY), status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "usage: df [path...]\n");
		return 2;
	}
	if (start < 0) {
		perror("df: .");
		return 1;
	}
	printf("%-14s %10s %9s %9s %4s %s\n", "Filesystem", "1K-blocks", "Used", "Available",
	       "Use%", "Mounted on");
	if (argc == 1)
		return df("/", start) < 0;
	for (int i = 1; i < argc; i++)
		if (df(argv[i], start) < 0)
			status = 1;
	return status;
}
