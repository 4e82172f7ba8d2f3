/* wc [file...]: lines, words and bytes of each file or of standard input,
   and a total when there are several files. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long lines, words, bytes;
};

static int count(int fd, struct counts *c)
{
	char buf[4096];
	bool in_word = false;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (isspace(buf[i]))
				in_word = false;
			else if (!in_word) {
				in_word = true;
				c->words++;
			}
		}
	}
	return n;
}

static void show(const struct counts *c, const char *name)
{
	printf("%7lu %7lu %7lu%s%s\n", c->lines, c->words, c->bytes, name ? " " : "", name ? name : "");
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	int status = 0;

	if (argc == 1) {
		if (count(0, &total) < 0) {
			perror("wc");
			return 1;
		}
		show(&total, NULL);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct counts c = { 0, 0, 0 };
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || count(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			show(&c, argv[i]);
			total.lines += c.lines;
			total.words += c.words;
			total.bytes += c.bytes;
		}
		if (fd >= 0)
			close(fd);
	}
	if (argc > 2)
		show(&total, "total");
	return status;
}
