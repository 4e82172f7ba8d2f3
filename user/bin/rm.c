/* rm [-r] [-f] path...: remove each file; with -r, directories too, and
   everything in them; with -f, a path that does not exist is no error. */
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
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

static int remove_child(const char *path, const char *name, void *unused)
{
	(void)name;
	(void)unused;
	return remove_path(path);
}

/* Remove what the directory path holds, then the directory. */
static int remove_tree(const char *path)
{
	if (for_each_child("rm", path, remove_child, NULL) < 0)
		return -1;
	return rmdir(path) < 0 ? failure(path) : 0;
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

/* As coreutils, rm never removes "/", "." or "..", however spelt
   ("dir/..", "./"). */
static bool refused(const char *path)
{
	const char *base = base_name(path);
	size_t len = strcspn(base, "/");

	if (base[0] != '/' && strspn(base, ".") != len)
		return false;
	if (len > 2)
		return false;
	fprintf(stderr, "rm: %s: refusing to remove \"/\", \".\" or \"..\"\n", path);
	return true;
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
		if (refused(argv[i]) || remove_path(argv[i]) < 0)
			status = 1;
	return status;
}
