/* touch [-c] file...: set each file's access and modification times to
   now, creating it (empty) if it does not exist, unless -c. */
#include <errno.h>
#include <fcntl.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool no_create;

static int touch(const char *path)
{
	int fd;

	if (utimensat(AT_FDCWD, path, NULL, 0) == 0 || (errno == ENOENT && no_create))
		return 0;
	if (errno != ENOENT || (fd = open(path, O_WRONLY | O_CREAT, 0666)) < 0) {
		fprintf(stderr, "touch: %s: %s\n", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const struct flag_option options[] = { { 'c', &no_create } };
	int first = parse_flag_options(argc, argv, options, 1), status = 0;

	if (first < 0 || first == argc) {
		fprintf(stderr, "usage: touch [-c] file...\n");
		return 2;
	}
	for (int i = first; i < argc; i++)
		if (touch(argv[i]) < 0)
			status = 1;
	return status;
}
