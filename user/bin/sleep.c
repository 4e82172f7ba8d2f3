/* sleep seconds: seconds may have a fraction, as in "sleep 0.2". */
#include <ctype.h>
#include <stdio.h>
#include <time.h>

/* Parse "N" or "N.FFF" without floating point; -1 if malformed. */
static int parse(const char *s, struct timespec *ts)
{
	long scale = 100000000;

	ts->tv_sec = 0;
	ts->tv_nsec = 0;
	if (!isdigit(*s) && !(*s == '.' && isdigit(s[1])))
		return -1;
	for (; isdigit(*s); s++) {
		if (ts->tv_sec > 1000000000)
			return -1;
		ts->tv_sec = ts->tv_sec * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; isdigit(*s); s++, scale /= 10)
			ts->tv_nsec += (*s - '0') * scale;
	return *s ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct timespec ts;

	if (argc != 2 || parse(argv[1], &ts) < 0) {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	if (nanosleep(&ts, NULL) < 0) {
		perror("sleep");
		return 1;
	}
	return 0;
}
