/*
 * A line editor for the monitor and the shell (shared code): typing,
 * backspace, Delete, cursor left/right, Home/End and Ctrl-A/Ctrl-E,
 * Ctrl-U to erase the line, Ctrl-C to abandon it, up/down to recall
 * earlier lines, and Tab to complete a word.  Keys arrive one byte at a
 * time, the others as the ANSI sequences terminals send (ESC [ A for up,
 * ESC [ 3 ~ for Delete, ...).  What to show goes out through `echo`,
 * using only \r, \b and ESC [ K so that both a serial terminal and the
 * kernel's text screen can follow it.
 */
#ifndef AURORA_LINEEDIT_H
#define AURORA_LINEEDIT_H

#include <stddef.h>

#define LINE_MAX 256
#define LINE_HISTORY 16

enum line_status { LINE_EDITING, LINE_DONE, LINE_CANCELLED };

struct line_editor;

/*
 * Tab completion: the editor calls complete(e, before, word_start) with
 * the text before the cursor; the word being completed is
 * before + word_start (it starts after the last space or | ; & < >).
 * The callback calls line_editor_offer() for each candidate word; those
 * that do not start with the word are ignored, so it may offer all it
 * knows.  One match is completed and followed by a space (none after a
 * '/', to go on into a directory); several are completed as far as they
 * agree, and listed when that adds nothing.
 */
typedef void line_complete_fn(struct line_editor *e, const char *before, size_t word_start);

/* A completion in progress. */
struct line_completion {
	char before[LINE_MAX];		/* the text before the cursor */
	size_t word_start;
	char common[LINE_MAX];		/* what all matches so far start with */
	unsigned matches;
	int listing;			/* offers are shown, not gathered */
	size_t column;			/* where the listing's line has got to */
};

struct line_editor {
	char line[LINE_MAX];
	size_t len, cursor;
	char history[LINE_HISTORY][LINE_MAX];
	unsigned history_count;		/* lines ever entered */
	unsigned history_back;		/* how far back up/down has gone */
	int escape;			/* progress through ESC [ parameters final */
	unsigned escape_param;		/* the number in ESC [ 3 ~ */
	char last;			/* previous byte, to treat CR LF as one Enter */
	const char *prompt;
	void (*echo)(void *ctx, const char *s, size_t n);
	void *ctx;
	line_complete_fn *complete;	/* set after init; NULL: Tab does nothing */
	struct line_completion completion;
};

void line_editor_init(struct line_editor *e,
		      void (*echo)(void *ctx, const char *s, size_t n), void *ctx);
/* Print the prompt and start an empty line. */
void line_editor_start(struct line_editor *e, const char *prompt);
/* Feed one input byte; on LINE_DONE the line is in e->line. */
enum line_status line_editor_feed(struct line_editor *e, char c);
/* For a completion callback: one candidate for the word. */
void line_editor_offer(struct line_editor *e, const char *candidate);
/* The n-th line entered (the first is 1), or NULL if it is not kept. */
const char *line_editor_history(const struct line_editor *e, unsigned n);

#endif
