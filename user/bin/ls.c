/*
 * ls [-l] [path...]: the names in each directory (the working directory
 * if none), sorted, one per line, a '/' after directories' names; names
 * starting with '.' are hidden.  -l shows each entry's type, permissions,
 * links and size too, and where a symbolic link leads ("name -> target").
 * A path that is not a directory is shown as itself.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <files.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool long_format;
static bool several;		/* more than one path: name each directory */
static bool listed;		/* output so far: a blank line before a name */

/* " -> target" for the symbolic link name in dir (NULL: the working one). */
static void show_link_target(const char *dir, const char *name)
{
	char *path = dir ? path_join(dir, name) : NULL;

	print_link_target("ls", path ? path : name);
	free(path);
}

/* Show name, found in dir, open on dirfd (AT_FDCWD and NULL for the
   working directory).  -l shows symbolic links themselves, and so does
   ls for a link that leads nowhere. */
static int show(int dirfd, const char *dir, const char *name)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, long_format ? AT_SYMLINK_NOFOLLOW : 0) < 0 &&
	    fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		fprintf(stderr, "ls: %s: %s\n", name, strerror(errno));
		return -1;
	}
	const char *slash = S_ISDIR(st.st_mode) ? "/" : "";
	if (!long_format) {
		printf("%s%s\n", name, slash);
		return 0;
	}

	char mode[11];
	mode_string(st.st_mode, mode);
	printf("%s %2llu %8lld %s%s", mode, (unsigned long long)st.st_nlink, (long long)st.st_size,
	       name, slash);
	if (S_ISLNK(st.st_mode))
		show_link_target(dir, name);
	printf("\n");
	return 0;
}

static int list(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	char **names;
	ssize_t n;
	int status = 0;

	if (fd < 0 && (errno == ENOTDIR || errno == ENOENT)) {	/* a dangling link too */
		listed = true;
		return show(AT_FDCWD, NULL, path);
	}
	if (fd < 0 || (n = read_dir_names(fd, &names)) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (several)
		printf("%s%s:\n", listed ? "\n" : "", path);
	listed = true;
	for (ssize_t i = 0; i < n; i++)
		if (names[i][0] != '.' && show(fd, path, names[i]) < 0)
			status = -1;
	free_dir_names(names, n);
	close(fd);
	return status;
}

int main(int argc, char **argv)
{
	int first = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		long_format = true;
		first = 2;
	}
	if (first == argc)
		return list(".") < 0;
	several = argc - first > 1;
	for (int i = first; i < argc; i++)
		if (list(argv[i]) < 0)
			status = 1;
	return status;
}
