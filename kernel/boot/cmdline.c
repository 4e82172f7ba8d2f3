/* Looking things up in the kernel command line (shared code). */
#include <stdbool.h>
#include <stddef.h>
#include "cmdline.h"
#include "string.h"

/* Advance *p past spaces; return the length of the word that follows. */
static size_t next_word(const char **p)
{
	size_t len = 0;

	while (**p == ' ')
		(*p)++;
	while ((*p)[len] && (*p)[len] != ' ')
		len++;
	return len;
}

bool cmdline_has(const char *cmdline, const char *word)
{
	size_t want = strlen(word), len;

	for (const char *p = cmdline; (len = next_word(&p)) != 0; p += len)
		if (len == want && strncmp(p, word, len) == 0)
			return true;
	return false;
}

bool cmdline_value(const char *cmdline, const char *key, char *buf, size_t size)
{
	size_t keylen = strlen(key), len;

	for (const char *p = cmdline; (len = next_word(&p)) != 0; p += len) {
		if (len > keylen && p[keylen] == '=' && strncmp(p, key, keylen) == 0) {
			size_t n = len - keylen - 1;

			if (size == 0)
				return true;
			if (n >= size)
				n = size - 1;
			memcpy(buf, p + keylen + 1, n);
			buf[n] = '\0';
			return true;
		}
	}
	return false;
}
