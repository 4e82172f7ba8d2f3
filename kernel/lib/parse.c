/* Parsing numbers from text (shared code). */
#include <stdbool.h>
#include "errno.h"
#include "parse.h"

/* The value of digit c in base, or -1 if c is no such digit. */
static int digit_value(char c, unsigned base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

int parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t value = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		return -EINVAL;
	for (; *s; s++) {
		int d = digit_value(*s, base);

		if (d < 0)
			return -EINVAL;
		/* value * base + d must not exceed UINT64_MAX. */
		if (value > (UINT64_MAX - d) / base)
			return -EINVAL;
		value = value * base + d;
	}
	*out = value;
	return 0;
}

int parse_i64(const char *s, int64_t *out)
{
	bool negative = *s == '-';
	uint64_t magnitude;

	if (parse_u64(s + negative, &magnitude) != 0 ||
	    magnitude > (uint64_t)INT64_MAX + negative)
		return -EINVAL;
	*out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
	return 0;
}
