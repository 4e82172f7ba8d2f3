/* A terminal on a character grid (shared code); see textscreen.h. */
#include "textscreen.h"

enum { ESC_NONE, ESC_SEEN, ESC_BRACKET };

void text_screen_init(struct text_screen *s, unsigned cols, unsigned rows,
		      const struct text_screen_ops *ops, void *ctx)
{
	*s = (struct text_screen){ .cols = cols, .rows = rows, .ops = ops, .ctx = ctx };
	for (unsigned r = 0; r < rows; r++)
		for (unsigned c = 0; c < cols; c++)
			ops->put_cell(ctx, c, r, ' ');
}

static void erase_to_end_of_line(struct text_screen *s)
{
	for (unsigned c = s->col; c < s->cols; c++)
		s->ops->put_cell(s->ctx, c, s->row, ' ');
}

static void newline(struct text_screen *s)
{
	s->col = 0;
	if (s->row + 1 < s->rows)
		s->row++;
	else
		s->ops->scroll_up(s->ctx);
}

/* Returns nonzero if c was part of an escape sequence. */
static int escape_step(struct text_screen *s, char c)
{
	if (s->escape == ESC_NONE && c == '\x1b') {
		s->escape = ESC_SEEN;
	} else if (s->escape == ESC_SEEN) {
		s->escape = c == '[' ? ESC_BRACKET : ESC_NONE;
	} else if (s->escape == ESC_BRACKET) {
		if ((c >= '0' && c <= '9') || c == ';')
			return 1;	/* a parameter: the final letter follows */
		if (c == 'K')
			erase_to_end_of_line(s);
		s->escape = ESC_NONE;	/* other sequences are ignored */
	} else {
		return 0;
	}
	return 1;
}

static void control_or_print(struct text_screen *s, char c)
{
	switch (c) {
	case '\n':
		newline(s);
		break;
	case '\r':
		s->col = 0;
		break;
	case '\b':
		if (s->col > 0)
			s->col--;
		break;
	case '\t':
		do
			text_screen_putc(s, ' ');
		while (s->col % 8 != 0);
		break;
	default:
		if (s->col == s->cols)
			newline(s);
		s->ops->put_cell(s->ctx, s->col++, s->row, c);
	}
}

void text_screen_putc(struct text_screen *s, char c)
{
	if (!escape_step(s, c))
		control_or_print(s, c);
	s->ops->show_cursor(s->ctx, s->col < s->cols ? s->col : s->cols - 1, s->row);
}
