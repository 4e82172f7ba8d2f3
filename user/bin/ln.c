/* ln [-s] target name, ln [-s] target... dir: make name (or dir/(target's
   base name)) a hard link to target; with -s, a symbolic link whose
   contents are target, as given. */
#include <errno.h>
#include <files.h>
#include <options.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] = "ln [-s] target name, ln [-s] target... dir";
static bool symbolic;

static int make_link(const char *target, const char *name)
{
	if ((symbolic ? symlink(target, name) : link(target, name)) == 0)
		return 0;
	fprintf(stderr, "ln: %s: %s\n", symbolic ? name : culprit(target, name), strerror(errno));
	return -1;
}

int main(int argc, char **argv)
{
	const struct flag_option options[] = { { 's', &symbolic } };
	int first = parse_flag_options(argc, argv, options, 1);

	if (first < 0) {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}
	return for_each_target("ln", usage, argc - first, argv + first, make_link);
}
