/* Numeric options and flags: see options.h. */
#include <options.h>
#include <stdlib.h>
#include <string.h>

/* The option "-L" names, or NULL. */
static const struct number_option *find(const char *arg, const struct number_option *options,
					size_t n)
{
	if (arg[0] != '-' || arg[1] == '\0' || arg[2] != '\0')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (options[i].letter == arg[1])
			return &options[i];
	return NULL;
}

/* All of s as a decimal number within o's bounds. */
static bool parse_value(const char *s, const struct number_option *o)
{
	char *end;
	long value = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || value < o->min || value > o->max)
		return false;
	*o->value = value;
	return true;
}

bool parse_number_options(int argc, char **argv, const struct number_option *options,
			  size_t n)
{
	for (int i = 1; i < argc; i += 2) {
		const struct number_option *o = find(argv[i], options, n);

		if (!o || i + 1 >= argc || !parse_value(argv[i + 1], o))
			return false;
	}
	return true;
}

static bool set_flag(char letter, const struct flag_option *options, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (options[i].letter == letter) {
			*options[i].given = true;
			return true;
		}
	}
	return false;
}

int parse_flag_options(int argc, char **argv, const struct flag_option *options, size_t n)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *letter = argv[i] + 1; *letter; letter++)
			if (!set_flag(*letter, options, n))
				return -1;
	}
	return i;
}
