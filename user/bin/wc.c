/* wc [-l] [-w] [-c] [file...]: lines, words and bytes (or only those asked
   for) of each file or of standard input, and a total for several files. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { LINES, WORDS, BYTES, NCOUNTS };

static bool shown[NCOUNTS];

static int count(int fd, unsigned long *c)
{
	char buf[4096];
	bool in_word = false;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c[BYTES] += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c[LINES]++;
			if (isspace(buf[i]))
				in_word = false;
			else if (!in_word) {
				in_word = true;
				c[WORDS]++;
			}
		}
	}
	return n;
}

static void show(const unsigned long *c, const char *name)
{
	const char *sep = "";

	for (int i = 0; i < NCOUNTS; i++) {
		if (shown[i]) {
			printf("%s%7lu", sep, c[i]);
			sep = " ";
		}
	}
	printf("%s%s\n", name ? " " : "", name ? name : "");
}

int main(int argc, char **argv)
{
	unsigned long total[NCOUNTS] = { 0 };
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			const char *p = strchr("lwc", *o);

			if (!p) {
				fprintf(stderr, "usage: wc [-l] [-w] [-c] [file...]\n");
				return 2;
			}
			shown[p - "lwc"] = true;
		}
	}
	if (!shown[LINES] && !shown[WORDS] && !shown[BYTES])
		shown[LINES] = shown[WORDS] = shown[BYTES] = true;

	if (i == argc) {
		if (count(0, total) < 0) {
			perror("wc");
			return 1;
		}
		show(total, NULL);
		return 0;
	}
	int first = i;
	for (; i < argc; i++) {
		unsigned long c[NCOUNTS] = { 0 };
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || count(fd, c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			show(c, argv[i]);
			for (int k = 0; k < NCOUNTS; k++)
				total[k] += c[k];
		}
		if (fd >= 0)
			close(fd);
	}
	if (argc - first > 1)
		show(total, "total");
	return status;
}
