/* mv from to, mv from... dir: rename each file to to, or into dir under
   its own name.  A file cannot be renamed onto another file system
   (EXDEV): it is copied there, with its permissions and times, then
   removed, as coreutils' mv does (for files; not for directories). */
#include <errno.h>
#include <fcntl.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failure(const char *path)
{
	fprintf(stderr, "mv: %s: %s\n", path, strerror(errno));
	return -1;
}

/* A moved file keeps its permissions (the umask does not apply) and
   times. */
static int keep_status(const struct stat *st, const char *to)
{
	const struct timespec times[2] = { st->st_atim, st->st_mtim };

	if (chmod(to, st->st_mode & 07777) < 0)
		return -1;
	return utimensat(AT_FDCWD, to, times, 0);
}

static int move_across(const char *from, const char *to)
{
	struct stat st;

	if (lstat(from, &st) < 0)
		return failure(from);
	if (!S_ISREG(st.st_mode)) {
		errno = EXDEV;
		return failure(from);
	}
	if (copy_file("mv", from, to) < 0)
		return -1;
	if (keep_status(&st, to) < 0)
		return failure(to);
	return unlink(from) < 0 ? failure(from) : 0;
}

static int move(const char *from, const char *to)
{
	if (rename(from, to) == 0)
		return 0;
	if (errno == EXDEV)
		return move_across(from, to);
	return failure(culprit(from, to));
}

int main(int argc, char **argv)
{
	static const char usage[] = "mv from to, mv from... dir";
	int first = parse_flag_options(argc, argv, NULL, 0);	/* none, but "--" */

	if (first < 0) {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}
	return for_each_target("mv", usage, argc - first, argv + first, move);
}
