/*
 * A line editor for the monitor (shared code): typing, backspace, cursor
 * left/right, Ctrl-A/Ctrl-E, Ctrl-U to erase the line, Ctrl-C to abandon it,
 * and up/down to recall earlier lines.  Keys arrive one byte at a time,
 * arrows as the ANSI sequences ESC [ A..D that terminals send.  What to show
 * goes out through `echo`, using only \r, \b and ESC [ K so that both a
 * serial terminal and the kernel's text screen can follow it.
 */
#ifndef AURORA_LINEEDIT_H
#define AURORA_LINEEDIT_H

#include <stddef.h>

#define LINE_MAX 256
#define LINE_HISTORY 16

enum line_status { LINE_EDITING, LINE_DONE, LINE_CANCELLED };

struct line_editor {
	char line[LINE_MAX];
	size_t len, cursor;
	char history[LINE_HISTORY][LINE_MAX];
	unsigned history_count;		/* lines ever entered */
	unsigned history_back;		/* how far back up/down has gone */
	int escape;			/* progress through ESC [ x */
	char last;			/* previous byte, to treat CR LF as one Enter */
	const char *prompt;
	void (*echo)(void *ctx, const char *s, size_t n);
	void *ctx;
};

void line_editor_init(struct line_editor *e,
		      void (*echo)(void *ctx, const char *s, size_t n), void *ctx);
/* Print the prompt and start an empty line. */
void line_editor_start(struct line_editor *e, const char *prompt);
/* Feed one input byte; on LINE_DONE the line is in e->line. */
enum line_status line_editor_feed(struct line_editor *e, char c);

#endif
