/* The line editor of the monitor and the shell (shared code); see lineedit.h. */
#include "lineedit.h"
#include "string.h"

#define CTRL(c) ((c) & 0x1f)
#define WORD_BREAKS " \t|;&<>"	/* where a word to complete starts after */
#define LIST_WIDTH 80		/* a listing of matches wraps before this column */
enum { ESC_NONE, ESC_SEEN, ESC_PARAMS };

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

static void insert_text(struct line_editor *e, const char *s)
{
	while (*s)
		insert(e, *s++);
}

static void remove_char(struct line_editor *e, size_t at)
{
	memmove(e->line + at, e->line + at + 1, e->len - at);
	e->len--;
}

static void backspace(struct line_editor *e)
{
	if (e->cursor == 0)
		return;
	remove_char(e, --e->cursor);
	if (e->cursor == e->len)
		echo_str(e, "\b \b");
	else
		redraw(e);
}

static void delete_forward(struct line_editor *e)
{
	if (e->cursor == e->len)
		return;
	remove_char(e, e->cursor);
	redraw(e);
}

static void move_cursor(struct line_editor *e, size_t to)
{
	e->cursor = to;
	redraw(e);
}

const char *line_editor_history(const struct line_editor *e, unsigned n)
{
	if (n == 0 || n > e->history_count || e->history_count - n >= LINE_HISTORY)
		return NULL;
	return e->history[(n - 1) % LINE_HISTORY];
}

/* Step through history: `older` moves back in time, else forward. */
static void recall(struct line_editor *e, int older)
{
	if (!older && e->history_back == 0)
		return;
	unsigned back = older ? e->history_back + 1 : e->history_back - 1;
	const char *text = back ? line_editor_history(e, e->history_count + 1 - back) : "";

	if (!text)
		return;
	e->history_back = back;
	set_line(e, text);
}

static void remember(struct line_editor *e)
{
	const char *previous = line_editor_history(e, e->history_count);

	if (e->len == 0 || (previous && strcmp(previous, e->line) == 0))
		return;
	strlcpy(e->history[e->history_count++ % LINE_HISTORY], e->line, LINE_MAX);
}

/* The key an escape sequence ends with: arrows, Home and End as ESC [ A..D,
   H, F (or ESC O ...), and ESC [ n ~ for Home (1, 7), Delete (3), End (4, 8). */
static void escape_key(struct line_editor *e, char final)
{
	unsigned n = final == '~' ? e->escape_param : 0;

	if (final == 'A')
		recall(e, 1);
	else if (final == 'B')
		recall(e, 0);
	else if (final == 'C' && e->cursor < e->len)
		move_cursor(e, e->cursor + 1);
	else if (final == 'D' && e->cursor > 0)
		move_cursor(e, e->cursor - 1);
	else if (final == 'H' || n == 1 || n == 7)
		move_cursor(e, 0);
	else if (final == 'F' || n == 4 || n == 8)
		move_cursor(e, e->len);
	else if (n == 3)
		delete_forward(e);
}

/* Returns nonzero if c was part of an escape sequence: ESC, [ or O, then
   parameter bytes (digits and ;) and a final byte.  Unknown keys are
   swallowed whole rather than typed as text. */
static int escape_step(struct line_editor *e, char c)
{
	if (e->escape == ESC_NONE && c == '\x1b') {
		e->escape = ESC_SEEN;
		e->escape_param = 0;
	} else if (e->escape == ESC_SEEN) {
		e->escape = c == '[' || c == 'O' ? ESC_PARAMS : ESC_NONE;
	} else if (e->escape == ESC_PARAMS && c >= '0' && c <= '?') {
		e->escape_param = c <= '9' ? e->escape_param * 10 + (c - '0') : 0;
	} else if (e->escape == ESC_PARAMS) {
		e->escape = ESC_NONE;
		escape_key(e, c);
	} else {
		return 0;
	}
	return 1;
}

/* --- completion --------------------------------------------------------- */

/* The name a listing shows for a candidate: its last path component, with
   a directory's trailing '/'. */
static const char *last_component(const char *path)
{
	size_t i = strlen(path);

	if (i > 0)
		i--;
	while (i > 0 && path[i - 1] != '/')
		i--;
	return path + i;
}

static void list(struct line_editor *e, const char *candidate)
{
	struct line_completion *c = &e->completion;
	const char *name = last_component(candidate);
	size_t len = strlen(name);

	if (c->column > 0 && c->column + 2 + len >= LIST_WIDTH) {
		echo_str(e, "\r\n");
		c->column = 0;
	} else if (c->column > 0) {
		echo_str(e, "  ");
		c->column += 2;
	}
	e->echo(e->ctx, name, len);
	c->column += len;
}

static void keep_common_prefix(char *common, const char *candidate)
{
	size_t i = 0;

	while (common[i] && common[i] == candidate[i])
		i++;
	common[i] = '\0';
}

void line_editor_offer(struct line_editor *e, const char *candidate)
{
	struct line_completion *c = &e->completion;
	const char *word = c->before + c->word_start;

	if (strncmp(candidate, word, strlen(word)) != 0)
		return;
	if (c->listing)
		list(e, candidate);
	else if (c->matches++ == 0)
		strlcpy(c->common, candidate, LINE_MAX);
	else
		keep_common_prefix(c->common, candidate);
}

/* Ask the callback for the candidates for the word before the cursor. */
static void gather(struct line_editor *e)
{
	struct line_completion *c = &e->completion;
	size_t start = e->cursor;

	while (start > 0 && !strchr(WORD_BREAKS, e->line[start - 1]))
		start--;
	memcpy(c->before, e->line, e->cursor);
	c->before[e->cursor] = '\0';
	c->word_start = start;
	c->matches = 0;
	c->listing = 0;
	e->complete(e, c->before, start);
}

/* Show every match under the line, then the line again. */
static void list_matches(struct line_editor *e)
{
	struct line_completion *c = &e->completion;

	c->listing = 1;
	c->column = 0;
	echo_str(e, "\r\n");
	e->complete(e, c->before, c->word_start);
	c->listing = 0;
	echo_str(e, "\r\n");
	redraw(e);
}

static void complete_word(struct line_editor *e)
{
	struct line_completion *c = &e->completion;

	if (!e->complete)
		return;
	gather(e);
	if (c->matches == 0)
		return;
	size_t typed = e->cursor - c->word_start, agreed = strlen(c->common);

	insert_text(e, c->common + typed);
	if (c->matches == 1 && (agreed == 0 || c->common[agreed - 1] != '/'))
		insert(e, ' ');
	else if (c->matches > 1 && agreed == typed)
		list_matches(e);
}

/* --- keys --------------------------------------------------------------- */

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
	case '\t':
		complete_word(e);
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
