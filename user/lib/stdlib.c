/* Numbers from text, the environment, sorting. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;	/* above every base */
}

/*
 * What strtol and strtoul share: leading spaces, a sign, the base's prefix
 * ("0x" for 16, "0" for 8 when base is 0) and the digits.  Returns the
 * magnitude; *overflow if it did not fit.  Without digits, *end is s.
 */
static unsigned long parse(const char *s, char **end, int base, bool *negative, bool *overflow)
{
	const char *p = s;
	unsigned long value = 0;

	while (isspace(*p))
		p++;
	*negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}

	const char *digits = p;
	*overflow = false;
	for (; digit_value(*p) < base; p++) {
		unsigned d = digit_value(*p);

		if (value > (ULONG_MAX - d) / base)
			*overflow = true;
		value = value * base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return value;
}

long strtol(const char *s, char **end, int base)
{
	bool negative, overflow;
	unsigned long value = parse(s, end, base, &negative, &overflow);
	unsigned long limit = negative ? (unsigned long)LONG_MAX + 1 : LONG_MAX;

	if (overflow || value > limit) {
		errno = ERANGE;
		return negative ? LONG_MIN : LONG_MAX;
	}
	return negative ? (long)(0 - value) : (long)value;
}

/* As C says, a '-' negates the unsigned result. */
unsigned long strtoul(const char *s, char **end, int base)
{
	bool negative, overflow;
	unsigned long value = parse(s, end, base, &negative, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return negative ? 0 - value : value;
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int atoi(const char *s)
{
	return (int)atol(s);
}

int abs(int n)
{
	return n < 0 ? -n : n;
}

long labs(long n)
{
	return n < 0 ? -n : n;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Shell sort: in place, no recursion, short; quick enough for the lists
   programs here sort (directory entries). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *a = base;

	for (size_t gap = n / 2; gap > 0; gap /= 2)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && cmp(a + (j - gap) * size, a + j * size) > 0; j -= gap)
				swap(a + (j - gap) * size, a + j * size, size);
}
