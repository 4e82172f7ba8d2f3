/* kill [-N] pid...: send signal N (default SIGTERM) to each process. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All of s as a decimal number in [min, max], or -1. */
static long number(const char *s, long min, long max)
{
	char *end;
	long n = strtol(s, &end, 10);

	return *s && !*end && n >= min && n <= max ? n : -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, first = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		sig = number(argv[1] + 1, 0, NSIG);
		first = 2;
	}
	if (sig < 0 || first >= argc) {
		fprintf(stderr, "usage: kill [-signal] pid...\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		long pid = number(argv[i], 1, 0x7fffffff);

		if (pid < 0) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill(pid, sig) < 0) {
			fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
