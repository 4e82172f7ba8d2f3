/*
 * cp [-r] from to, cp [-r] from... dir: copy each file to to, or into dir
 * under its own name.  Copies have their originals' permissions, less the
 * umask.  With -r, directories are copied with everything in them, and
 * symbolic links as links.
 */
#include <errno.h>
#include <files.h>
#include <limits.h>
#include <options.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Copy from, the thing called name in a directory, into the directory to. */
static int copy_child(const char *from, const char *name, void *to)
{
	char *child_to = path_join(to, name);
	int status = child_to ? copy(from, child_to) : failure(from);

	free(child_to);
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
	return for_each_child("cp", from, copy_child, (void *)to);
}

/* A symbolic link's copy is a link to the same target. */
static int copy_link(const char *from, const char *to)
{
	char target[PATH_MAX];

	if (link_target(from, target, sizeof(target)) < 0)
		return failure(from);
	return symlink(target, to) < 0 ? failure(to) : 0;
}

/* Without -r, symbolic links are followed; with it, copied as links. */
static int copy(const char *from, const char *to)
{
	struct stat st;

	if ((recursive ? lstat(from, &st) : stat(from, &st)) < 0)
		return failure(from);
	if (S_ISLNK(st.st_mode))
		return copy_link(from, to);
	if (!S_ISDIR(st.st_mode))
		return copy_file("cp", from, to);
	if (!recursive) {
		errno = EISDIR;
		return failure(from);
	}
	return copy_tree(from, &st, to);
}

/* Copy one operand: the guard against copying into itself is its own. */
static int copy_operand(const char *from, const char *to)
{
	made = (struct stat){ 0 };
	return copy(from, to);
}

int main(int argc, char **argv)
{
	static const char usage[] = "cp [-r] from to, cp [-r] from... dir";
	const struct flag_option options[] = { { 'r', &recursive } };
	int first = parse_flag_options(argc, argv, options, 1);

	if (first < 0) {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}
	return for_each_target("cp", usage, argc - first, argv + first, copy_operand);
}
