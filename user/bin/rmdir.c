/* rmdir [-p] dir...: remove each directory, which must be empty; with -p,
   then its parents as named in dir ("rmdir -p a/b/c" removes a/b/c, a/b
   and a). */
#include <errno.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Cut path's last component off; false if there is no parent left. */
static bool to_parent(char *path)
{
	char *end = path + strlen(path);

	while (end > path && end[-1] == '/')
		end--;
	while (end > path && end[-1] != '/')
		end--;
	while (end > path && end[-1] == '/')
		end--;
	*end = '\0';
	return end > path;
}

static int remove_dir(char *path, bool parents)
{
	do {
		if (rmdir(path) < 0) {
			fprintf(stderr, "rmdir: %s: %s\n", path, strerror(errno));
			return -1;
		}
	} while (parents && to_parent(path));
	return 0;
}

int main(int argc, char **argv)
{
	bool parents = false;
	const struct flag_option options[] = { { 'p', &parents } };
	int first = parse_flag_options(argc, argv, options, 1), status = 0;

	if (first < 0 || first == argc) {
		fprintf(stderr, "usage: rmdir [-p] dir...\n");
		return 2;
	}
	for (int i = first; i < argc; i++)
		if (remove_dir(argv[i], parents) < 0)
			status = 1;
	return status;
}
