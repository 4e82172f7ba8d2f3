/*
 * kcheck [lab]: check the kernel's invariants now (aurora_check), as the
 * monitor's `check` does: those of labs up to lab (all by default).  Prints
 * "invariants: ok", or one line per broken one, naming the lab and the
 * file whose code keeps it; exit status 1 if any is broken.  The graders
 * run it after every test at the shell.
 */
#include <aurora.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static char report[AURORA_CHECK_REPORT_MAX];
	unsigned last = argc > 1 ? (unsigned)atoi(argv[1]) : AURORA_CHECK_ALL_LABS;

	if (argc > 2 || last == 0) {
		fprintf(stderr, "usage: kcheck [lab]\n");
		return 2;
	}
	long broken = aurora_check(report, sizeof(report), last);
	if (broken < 0) {
		perror("kcheck: aurora_check");
		return 2;
	}
	fputs(broken ? report : "invariants: ok\n", stdout);
	return broken ? 1 : 0;
}
