/*
 * ls [-l] [path...]: the names in each directory (the working directory
 * if none), sorted, one per line, a '/' after directories' names; names
 * starting with '.' are hidden.  -l shows each entry's type and size too.
 * A path that is not a directory is shown as itself.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool long_format;
static bool several;		/* more than one path: name each directory */
static bool listed;		/* output so far: a blank line before a name */

static char type_char(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFREG: return '-';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	case S_IFLNK: return 'l';
	default: return '?';
	}
}

/* Show name, found relative to the directory dirfd. */
static int show(int dirfd, const char *name)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, 0) < 0) {
		fprintf(stderr, "ls: %s: %s\n", name, strerror(errno));
		return -1;
	}
	const char *slash = S_ISDIR(st.st_mode) ? "/" : "";
	if (long_format)
		printf("%c %8ld %s%s\n", type_char(st.st_mode), st.st_size, name, slash);
	else
		printf("%s%s\n", name, slash);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's visible names, sorted, into *out; returns how many, or
   -1 with errno set. */
static ssize_t read_names(int fd, char ***out)
{
	char buf[2048];
	char **names = NULL;
	ssize_t n = 0, len;

	while ((len = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < len; ) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			char **grown;

			off += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			if (!(grown = realloc(names, (n + 1) * sizeof(*names))))
				goto fail;
			names = grown;
			if (!(names[n] = strdup(d->d_name)))
				goto fail;
			n++;
		}
	}
	if (len < 0)
		goto fail;
	qsort(names, n, sizeof(*names), by_name);
	*out = names;
	return n;
fail:
	while (n > 0)
		free(names[--n]);
	free(names);
	return -1;
}

static int list(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	char **names;
	ssize_t n;
	int status = 0;

	if (fd < 0 && errno == ENOTDIR) {
		listed = true;
		return show(AT_FDCWD, path);
	}
	if (fd < 0 || (n = read_names(fd, &names)) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (several)
		printf("%s%s:\n", listed ? "\n" : "", path);
	listed = true;
	for (ssize_t i = 0; i < n; i++) {
		if (show(fd, names[i]) < 0)
			status = -1;
		free(names[i]);
	}
	free(names);
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
