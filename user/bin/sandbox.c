/*
 * sandbox [-k caplist] command [arg...]: run command with only the listed
 * capabilities (none without -k).  sandbox -l: show the current set.
 *
 * The others are dropped with CAP_DROP_ON_EXEC, so sandbox itself keeps
 * "fs-read" until its execve has found and loaded the command.
 */
#include <aurora.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: sandbox [-k cap,cap...] command [arg...]\n"
		"       sandbox -l\n"
		"capabilities: fs-read fs-write proc net system\n");
	return 2;
}

static int show_caps(void)
{
	char buf[64];
	long caps = aurora_cap_get();

	if (caps < 0) {
		perror("sandbox: aurora_cap_get");
		return 1;
	}
	cap_format(caps, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t keep = 0;
	int first = 1;

	if (argc == 2 && strcmp(argv[1], "-l") == 0)
		return show_caps();
	if (argc > 1 && strcmp(argv[1], "-k") == 0) {
		if (argc < 3)
			return usage();
		if (cap_parse(argv[2], &keep) < 0) {
			fprintf(stderr, "sandbox: bad capability list '%s'\n", argv[2]);
			return usage();
		}
		first = 3;
	}
	if (first >= argc || argv[first][0] == '-')
		return usage();

	if (aurora_cap_drop(CAP_ALL & ~keep, CAP_DROP_ON_EXEC) < 0) {
		perror("sandbox: aurora_cap_drop");
		return 1;
	}
	execvp(argv[first], argv + first);
	if (errno == ENOENT) {
		fprintf(stderr, "sandbox: %s: not found\n", argv[first]);
		return 127;
	}
	fprintf(stderr, "sandbox: %s: %s\n", argv[first], strerror(errno));
	return 126;
}
