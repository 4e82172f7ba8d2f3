/*
 * grep [-v] [-c] pattern [file...]: print the lines that contain pattern
 * (a plain string), or with -v those that do not; -c prints how many
 * instead.  With several files, each line or count is prefixed by the
 * file's name.  Exit status 0 if some line was selected, 1 if none, 2 on
 * an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *pattern;
static bool invert, count_only;
static const char *prefix;	/* "name:" or "" */

static char *buf;		/* lines read but not yet looked at */
static size_t cap;

static bool select_line(const char *line)
{
	if ((strstr(line, pattern) != NULL) == invert)
		return false;
	if (!count_only)
		printf("%s%s\n", prefix, line);
	return true;
}

/* Look at every line of fd; returns how many were selected, or -1. */
static long grep(int fd)
{
	size_t len = 0;
	long selected = 0;

	for (;;) {
		if (len + 1 >= cap) {	/* room for a read and a final NUL */
			char *grown = realloc(buf, cap ? cap * 2 : 4096);
			if (!grown)
				return -1;
			buf = grown;
			cap = cap ? cap * 2 : 4096;
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		len += n;

		char *line = buf, *newline;
		while ((newline = memchr(line, '\n', buf + len - line))) {
			*newline = '\0';
			selected += select_line(line);
			line = newline + 1;
		}
		len -= line - buf;
		memmove(buf, line, len);
	}
	if (len > 0) {		/* a last line without a newline */
		buf[len] = '\0';
		selected += select_line(buf);
	}
	return selected;
}

/* Search one input and report on it: 0 if a line was selected, 1 if none,
   2 on an error. */
static int search(int fd, const char *name, bool show_name)
{
	char label[256];

	snprintf(label, sizeof(label), "%s:", name);
	prefix = show_name ? label : "";
	long selected = fd < 0 ? -1 : grep(fd);
	if (selected < 0) {
		fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
		return 2;
	}
	if (count_only)
		printf("%s%ld\n", prefix, selected);
	return selected > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-v") == 0)
			invert = true;
		else if (strcmp(argv[i], "-c") == 0)
			count_only = true;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: grep [-v] [-c] pattern [file...]\n");
		return 2;
	}
	pattern = argv[i++];
	if (i == argc)
		return search(0, "(standard input)", false);

	bool show_names = argc - i > 1, selected = false, failed = false;
	for (; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		int result = search(fd, argv[i], show_names);

		if (fd >= 0)
			close(fd);
		selected |= result == 0;
		failed |= result == 2;
	}
	return failed ? 2 : selected ? 0 : 1;
}
