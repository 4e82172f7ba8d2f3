/*
 * Command lines made of numeric options, such as "-n 100 -p 4": each
 * option is a letter and a decimal number within the option's bounds;
 * and flags before operands, such as "rm -rf dir" or "rm -r -f dir".
 */
#ifndef _OPTIONS_H
#define _OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct number_option {
	char letter;
	long min, max;
	long *value;		/* set when the option is given, else left alone */
};

/* Parse argv[1..argc-1] as options of `options`; false on anything else
   (an unknown letter, a missing or bad number, a stray argument). */
bool parse_number_options(int argc, char **argv, const struct number_option *options,
			  size_t n);

struct flag_option {
	char letter;
	bool *given;		/* set when the flag is given, else left alone */
};

/* Parse the flags that start argv[1..argc-1] ("-rf", "-r -f"; "--" ends
   them, "-" alone is an operand); returns the index of the first operand,
   or -1 on a letter not in `options`. */
int parse_flag_options(int argc, char **argv, const struct flag_option *options, size_t n);

#endif
