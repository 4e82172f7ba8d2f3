/* The monitor's line editor (shared code); see lineedit.h. */
#include "lineedit.h"
#include "string.h"

#define CTRL(c) ((c) & 0x1f)
enum { ESC_NONE, ESC_SEEN, ESC_BRACKET };

static void echo_str(struct line_editor *e, const char *s)
{
	e->echo(e->ctx, s, strlen(s));
}

/* Show the whole line again and put the cursor back where it belongs. */
static void redraw(struct line_editor *e)
{
	echo_str(e, "\r");
	echo_str(e, e->prompt);
	e->echo(e->ctx, e->line, e->len);
	echo_str(e, "\x1b[K");
	for (size_t i = e->cursor; i < e->len; i++)
		echo_str(e, "\b");
}

static void set_line(struct line_editor *e, const char *text)
{
	strlcpy(e->line, text, LINE_MAX);
	e->len = e->cursor = strlen(e->line);
	redraw(e);
}

void line_editor_init(struct line_editor *e,
		      void (*echo)(void *ctx, const char *s, size_t n), void *ctx)
{
	memset(e, 0, sizeof(*e));
	e->echo = echo;
	e->ctx = ctx;
}

void line_editor_start(struct line_editor *e, const char *prompt)
{
	e->prompt = prompt;
	e->len = e->cursor = 0;
	e->line[0] = '\0';
	e->history_back = 0;
	e->escape = ESC_NONE;
	echo_str(e, prompt);
}

static void insert(struct line_editor *e, char c)
{
	if (e->len + 1 >= LINE_MAX)
		return;
	memmove(e->line + e->cursor + 1, e->line + e->cursor, e->len - e->cursor + 1);
	e->line[e->cursor++] = c;
	e->len++;
	if (e->cursor == e->len)
		e->echo(e->ctx, &c, 1);	/* typing at the end: a plain echo */
	else
		redraw(e);
}

static void backspace(struct line_editor *e)
{
	if (e->cursor == 0)
		return;
	memmove(e->line + e->cursor - 1, e->line + e->cursor, e->len - e->cursor + 1);
	e->cursor--;
	e->len--;
	if (e->cursor == e->len)
		echo_str(e, "\b \b");
	else
		redraw(e);
}

static void move_cursor(struct line_editor *e, size_t to)
{
	e->cursor = to;
	redraw(e);
}

/* Step through history: `older` moves back in time, else forward. */
static void recall(struct line_editor *e, int older)
{
	unsigned stored = e->history_count < LINE_HISTORY ? e->history_count : LINE_HISTORY;

	if (older && e->history_back < stored)
		e->history_back++;
	else if (!older && e->history_back > 0)
		e->history_back--;
	else
		return;
	if (e->history_back == 0)
		set_line(e, "");
	else
		set_line(e, e->history[(e->history_count - e->history_back) % LINE_HISTORY]);
}

static void remember(struct line_editor *e)
{
	const char *previous = e->history[(e->history_count - 1) % LINE_HISTORY];

	if (e->len == 0 || (e->history_count > 0 && strcmp(previous, e->line) == 0))
		return;
	strlcpy(e->history[e->history_count++ % LINE_HISTORY], e->line, LINE_MAX);
}

static void arrow(struct line_editor *e, char c)
{
	if (c == 'A')
		recall(e, 1);
	else if (c == 'B')
		recall(e, 0);
	else if (c == 'C' && e->cursor < e->len)
		move_cursor(e, e->cursor + 1);
	else if (c == 'D' && e->cursor > 0)
		move_cursor(e, e->cursor - 1);
}

/* Returns nonzero if c was part of an escape sequence. */
static int escape_step(struct line_editor *e, char c)
{
	if (e->escape == ESC_NONE && c == '\x1b')
		e->escape = ESC_SEEN;
	else if (e->escape == ESC_SEEN)
		e->escape = c == '[' ? ESC_BRACKET : ESC_NONE;
	else if (e->escape == ESC_BRACKET) {
		e->escape = ESC_NONE;
		arrow(e, c);
	} else
		return 0;
	return 1;
}

enum line_status line_editor_feed(struct line_editor *e, char c)
{
	char last = e->last;

	e->last = c;
	if (escape_step(e, c))
		return LINE_EDITING;
	switch (c) {
	case '\n':
		if (last == '\r')
			return LINE_EDITING;	/* the LF of a CR LF */
		/* fall through */
	case '\r':
		echo_str(e, "\r\n");
		remember(e);
		return LINE_DONE;
	case CTRL('C'):
		echo_str(e, "^C\r\n");
		return LINE_CANCELLED;
	case CTRL('U'):
		e->len = e->cursor = 0;
		e->line[0] = '\0';
		redraw(e);
		break;
	case CTRL('A'):
		move_cursor(e, 0);
		break;
	case CTRL('E'):
		move_cursor(e, e->len);
		break;
	case '\b':
	case 0x7f:
		backspace(e);
		break;
	default:
		if (c >= ' ' && c < 0x7f)
			insert(e, c);
	}
	return LINE_EDITING;
}
