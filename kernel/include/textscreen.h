/*
 * A terminal on a grid of character cells (shared code).  It keeps the
 * cursor, wraps and scrolls, and understands the few control sequences the
 * kernel prints: \n \r \b \t and ESC [ K (erase to end of line).  Drawing
 * is left to the screen: VGA text memory, or pixels on a framebuffer.
 */
#ifndef AURORA_TEXTSCREEN_H
#define AURORA_TEXTSCREEN_H

struct text_screen_ops {
	void (*put_cell)(void *ctx, unsigned col, unsigned row, char c);
	/* Move every row up one and blank the last. */
	void (*scroll_up)(void *ctx);
	void (*show_cursor)(void *ctx, unsigned col, unsigned row);
};

struct text_screen {
	unsigned cols, rows;
	unsigned col, row;
	int escape;		/* how much of ESC [ K we have seen */
	const struct text_screen_ops *ops;
	void *ctx;
};

void text_screen_init(struct text_screen *s, unsigned cols, unsigned rows,
		      const struct text_screen_ops *ops, void *ctx);
void text_screen_putc(struct text_screen *s, char c);

#endif
