/* sync [file...]: write everything cached to the disks; or, with files,
   just those files' data and status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY), status = 0;

	if (fd < 0 || fsync(fd) < 0) {
		fprintf(stderr, "sync: %s: %s\n", path, strerror(errno));
		status = -1;
	}
	if (fd >= 0)
		close(fd);
	return status;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		sync();
	for (int i = 1; i < argc; i++)
		if (sync_file(argv[i]) < 0)
			status = 1;
	return status;
}
