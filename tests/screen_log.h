/* What a line editor or a terminal showed, for the tests that check it:
   an echo callback that appends to a string. */
#ifndef AURORA_TESTS_SCREEN_LOG_H
#define AURORA_TESTS_SCREEN_LOG_H

#include <string.h>

struct screen_log {
	char text[4096];
	size_t len;
};

static inline void screen_log_append(void *ctx, const char *s, size_t n)
{
	struct screen_log *log = ctx;

	memcpy(log->text + log->len, s, n);
	log->len += n;
	log->text[log->len] = '\0';
}

#endif
