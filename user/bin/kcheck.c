/*
 * kcheck: check the kernel's invariants now (aurora_check), as the
 * monitor's `check` does: "invariants: ok", or one line per broken one,
 * naming the lab and the file whose code keeps it.  Exit status 1 if any
 * is broken.  The graders run it after every test at the shell.
 */
#include <aurora.h>
#include <stdio.h>

int main(void)
{
	static char report[AURORA_CHECK_REPORT_MAX];
	long broken = aurora_check(report, sizeof(report));

	if (broken < 0) {
		perror("kcheck: aurora_check");
		return 2;
	}
	fputs(broken ? report : "invariants: ok\n", stdout);
	return broken ? 1 : 0;
}
