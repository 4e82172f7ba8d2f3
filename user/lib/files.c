/* What the programs that work on files share: see files.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <files.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SET_UID 04000
#define SET_GID 02000
#define STICKY 01000

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

/* The x of a permission triple, or the special bit's letter over it:
   lower case if x is set too, upper case if not. */
static char execute_char(mode_t mode, mode_t x, mode_t special, char letter)
{
	if (!(mode & special))
		return mode & x ? 'x' : '-';
	return mode & x ? letter : letter - 'a' + 'A';
}

void mode_string(mode_t mode, char out[11])
{
	static const mode_t specials[3] = { SET_UID, SET_GID, STICKY };
	static const char letters[3] = { 's', 's', 't' };

	out[0] = type_char(mode);
	for (int i = 0; i < 3; i++) {
		int shift = 6 - 3 * i;	/* user, group, others */

		out[1 + 3 * i] = mode & (4 << shift) ? 'r' : '-';
		out[2 + 3 * i] = mode & (2 << shift) ? 'w' : '-';
		out[3 + 3 * i] = execute_char(mode, 1 << shift, specials[i], letters[i]);
	}
	out[10] = '\0';
}

/* Report prog's error on path; returns -1. */
static int failure(const char *prog, const char *path)
{
	fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	return -1;
}

bool is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *base_name(const char *path)
{
	const char *end = path + strlen(path);

	while (end > path + 1 && end[-1] == '/')
		end--;
	while (end > path && end[-1] != '/')
		end--;
	return end;
}

const char *culprit(const char *from, const char *to)
{
	struct stat st;
	int err = errno;
	bool exists = lstat(from, &st) == 0;

	errno = err;	/* the caller's error, to report */
	return exists ? to : from;
}

char *path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	bool slash = len > 0 && dir[len - 1] != '/';
	char *path = malloc(len + slash + strlen(name) + 1);

	if (path) {
		strcpy(path, dir);
		strcpy(path + len, slash ? "/" : "");
		strcat(path, name);
	}
	return path;
}

ssize_t link_target(const char *path, char *buf, size_t size)
{
	ssize_t len = readlink(path, buf, size);

	if (len >= 0 && (size_t)len == size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (len >= 0)
		buf[len] = '\0';
	return len;
}

int for_each_child(const char *prog, const char *dir,
		   int (*act)(const char *path, const char *name, void *arg), void *arg)
{
	char **names;
	ssize_t n = list_dir_names(dir, &names);
	int status = 0;

	if (n < 0)
		return failure(prog, dir);
	for (ssize_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);

		if ((path ? act(path, names[i], arg) : failure(prog, dir)) < 0)
			status = -1;
		free(path);
	}
	free_dir_names(names, n);
	return status;
}

void print_link_target(const char *prog, const char *path)
{
	char target[PATH_MAX];

	if (link_target(path, target, sizeof(target)) < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	else
		printf(" -> %s", target);
}

/* Write all of buf; false on an error. */
static bool write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, buf, n);

		if (done < 0)
			return false;
		buf += done;
		n -= done;
	}
	return true;
}

/* Copy the open file in (from) to out (to); returns 0 or -1, reported. */
static int copy_data(const char *prog, int in, const char *from, int out, const char *to)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (!write_all(out, buf, n))
			return failure(prog, to);
	return n < 0 ? failure(prog, from) : 0;
}

/* Opening to with O_TRUNC would empty from too. */
static bool same_file(const struct stat *from, const char *to)
{
	struct stat st;

	return stat(to, &st) == 0 && st.st_dev == from->st_dev && st.st_ino == from->st_ino;
}

int copy_file(const char *prog, const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out, status;
	struct stat st;

	if (in < 0 || fstat(in, &st) < 0) {
		status = failure(prog, from);
	} else if (same_file(&st, to)) {
		fprintf(stderr, "%s: %s and %s are the same file\n", prog, from, to);
		status = -1;
	} else if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777)) < 0) {
		status = failure(prog, to);
	} else {
		status = copy_data(prog, in, from, out, to);
		if (close(out) < 0 && status == 0)
			status = failure(prog, to);
	}
	if (in >= 0)
		close(in);
	return status;
}

/* act(from, dir/(from's base name)). */
static int act_into(const char *prog, const char *from, const char *dir,
		    int (*act)(const char *from, const char *to))
{
	char *to = path_join(dir, base_name(from));
	int status = to ? act(from, to) : failure(prog, from);

	free(to);
	return status;
}

int for_each_target(const char *prog, const char *usage, int n, char **operands,
		    int (*act)(const char *from, const char *to))
{
	int status = 0;

	if (n < 2) {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}

	const char *last = operands[n - 1];
	bool into_dir = is_directory(last);

	if (!into_dir && n == 2)
		return act(operands[0], last) < 0;
	if (!into_dir) {
		errno = ENOTDIR;
		failure(prog, last);
		return 1;
	}
	for (int i = 0; i < n - 1; i++)
		if (act_into(prog, operands[i], last, act) < 0)
			status = 1;
	return status;
}
