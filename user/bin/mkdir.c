/* mkdir [-p] dir...: make each directory; with -p, its missing parents
   too, and one that exists already is no error. */
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Make every directory above path's last component that is missing. */
static int make_parents(char *path)
{
	for (char *slash = path; (slash = strchr(slash + 1, '/')); ) {
		*slash = '\0';
		int made = mkdir(path, 0777);
		*slash = '/';
		if (made < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

static int make(char *path, bool parents)
{
	if (parents && make_parents(path) < 0)
		return -1;
	if (mkdir(path, 0777) == 0 || (parents && errno == EEXIST && is_directory(path)))
		return 0;
	return -1;
}

int main(int argc, char **argv)
{
	bool parents = false;
	const struct flag_option options[] = { { 'p', &parents } };
	int first = parse_flag_options(argc, argv, options, 1), status = 0;

	if (first < 0 || first == argc) {
		fprintf(stderr, "usage: mkdir [-p] dir...\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		if (make(argv[i], parents) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
