/* ps: every process, from aurora_ps(). */
#include <aurora.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t room = 16;
	struct aurora_procinfo *procs = NULL;
	long n;

	/* Processes may come and go between calls: ask again until all fit. */
	for (;;) {
		free(procs);
		if (!(procs = malloc(room * sizeof(*procs)))) {
			perror("ps");
			return 1;
		}
		if ((n = aurora_ps(procs, room)) < 0) {
			perror("ps: aurora_ps");
			return 1;
		}
		if ((size_t)n <= room)
			break;
		room = n + 8;
	}

	printf("%5s %5s %-5s %-32s %s\n", "PID", "PPID", "STATE", "CAPS", "NAME");
	for (long i = 0; i < n; i++) {
		char caps[64];

		cap_format(procs[i].caps, caps, sizeof(caps));
		printf("%5d %5d %-5c %-32s %.*s\n", procs[i].pid, procs[i].ppid, procs[i].state,
		       caps, (int)sizeof(procs[i].name), procs[i].name);
	}
	free(procs);
	return 0;
}
