/* echo [-n] [word...]: the words, separated by spaces, and a newline
   unless -n. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int newline = !(argc > 1 && strcmp(argv[1], "-n") == 0);

	for (int i = newline ? 1 : 2; i < argc; i++) {
		fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return 0;
}
