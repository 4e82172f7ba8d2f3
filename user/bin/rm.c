/* rm [-r] [-f] path...: remove each file; with -r, directories too, and
   everything in them; with -f, a path that does not exist is no error. */
#include <dirent.h>
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive, force;

static int failure(const char *path)
{
	if (force && errno == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return -1;
}

static int remove_path(const char *path);

/* Remove what the directory path holds, then the directory. */
static int remove_tree(const char *path)
{
	char **names;
	ssize_t n = list_dir_names(path, &names);
	int status = 0;

	if (n < 0)
		return failure(path);
	for (ssize_t i = 0; i < n; i++) {
		char *child = path_join(path, names[i]);

		if (!child || remove_path(child) < 0)
			status = -1;
		free(child);
	}
	free_dir_names(names, n);
	if (status == 0 && rmdir(path) < 0)
		return failure(path);
	return status;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return failure(path);
	if (recursive && S_ISDIR(st.st_mode))
		return remove_tree(path);
	return unlink(path) < 0 ? failure(path) : 0;
}

int main(int argc, char **argv)
{
	const struct flag_option options[] = { { 'r', &recursive }, { 'f', &force } };
	int first = parse_flag_options(argc, argv, options, 2), status = 0;

	if (first < 0 || (first == argc && !force)) {
		fprintf(stderr, "usage: rm [-r] [-f] path...\n");
		return 2;
	}
	for (int i = first; i < argc; i++)
		if (remove_path(argv[i]) < 0)
			status = 1;
	return status;
}
