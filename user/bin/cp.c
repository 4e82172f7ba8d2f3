/*
 * cp [-r] from to, cp [-r] from... dir: copy each file to to, or into dir
 * under its own name.  Copies have their originals' permissions, less the
 * umask.  With -r, directories are copied with everything in them.
 */
#include <dirent.h>
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool recursive;
static struct stat made;	/* the directory -r made first: not to copy into itself */

static int failure(const char *path)
{
	fprintf(stderr, "cp: %s: %s\n", path, strerror(errno));
	return -1;
}

static bool is_made(const struct stat *st)
{
	return st->st_dev == made.st_dev && st->st_ino == made.st_ino;
}

static int copy(const char *from, const char *to);

/* Copy each thing in the directory from into the directory to. */
static int copy_entries(const char *from, const char *to)
{
	char **names;
	ssize_t n = list_dir_names(from, &names);
	int status = 0;

	if (n < 0)
		return failure(from);
	for (ssize_t i = 0; i < n; i++) {
		char *child_from = path_join(from, names[i]), *child_to = path_join(to, names[i]);

		if (!child_from || !child_to || copy(child_from, child_to) < 0)
			status = -1;
		free(child_from);
		free(child_to);
	}
	free_dir_names(names, n);
	return status;
}

/* Copy the directory from, whose status is st, as to, and what it holds. */
static int copy_tree(const char *from, const struct stat *st, const char *to)
{
	struct stat to_st;

	if (is_made(st))
		return 0;	/* the copy itself, made inside from */
	if (mkdir(to, st->st_mode & 07777) < 0 && errno != EEXIST)
		return failure(to);
	if (stat(to, &to_st) < 0)
		return failure(to);
	if (!S_ISDIR(to_st.st_mode)) {
		errno = ENOTDIR;
		return failure(to);
	}
	if (made.st_ino == 0)
		made = to_st;
	return copy_entries(from, to);
}

static int copy(const char *from, const char *to)
{
	struct stat st;

	if (stat(from, &st) < 0)
		return failure(from);
	if (!S_ISDIR(st.st_mode))
		return copy_file("cp", from, to);
	if (!recursive) {
		errno = EISDIR;
		return failure(from);
	}
	return copy_tree(from, &st, to);
}

/* Copy from into the directory dir, under its own name. */
static int copy_into(const char *from, const char *dir)
{
	char *to = path_join(dir, base_name(from));
	int status = to ? copy(from, to) : failure(from);

	free(to);
	return status;
}

int main(int argc, char **argv)
{
	const struct flag_option options[] = { { 'r', &recursive } };
	int first = parse_flag_options(argc, argv, options, 1), status = 0;
	const char *target = argv[argc - 1];

	if (first < 0 || argc - first < 2) {
		fprintf(stderr, "usage: cp [-r] from to, cp [-r] from... dir\n");
		return 2;
	}
	if (!is_directory(target)) {
		if (argc - first == 2)
			return copy(argv[first], target) < 0;
		errno = ENOTDIR;
		failure(target);
		return 1;
	}
	for (int i = first; i < argc - 1; i++) {
		made = (struct stat){ 0 };
		if (copy_into(argv[i], target) < 0)
			status = 1;
	}
	return status;
}
