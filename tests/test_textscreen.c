/* Tests of kernel/console/textscreen.c on a small grid of cells. */
#include <string.h>
#include "textscreen.h"
#include "unit.h"

#define COLS 8
#define ROWS 3

struct grid {
	char cell[ROWS][COLS + 1];	/* +1: each row is a C string */
	unsigned cursor_col, cursor_row, scrolls;
};

static void put_cell(void *ctx, unsigned col, unsigned row, char c)
{
	((struct grid *)ctx)->cell[row][col] = c;
}

static void scroll_up(void *ctx)
{
	struct grid *g = ctx;

	memmove(g->cell[0], g->cell[1], sizeof(g->cell[0]) * (ROWS - 1));
	memset(g->cell[ROWS - 1], ' ', COLS);
	g->scrolls++;
}

static void show_cursor(void *ctx, unsigned col, unsigned row)
{
	struct grid *g = ctx;

	g->cursor_col = col;
	g->cursor_row = row;
}

static const struct text_screen_ops ops = { put_cell, scroll_up, show_cursor };

static void print(struct text_screen *s, const char *text)
{
	while (*text)
		text_screen_putc(s, *text++);
}

static void setup(struct text_screen *s, struct grid *g)
{
	memset(g, 0, sizeof(*g));
	text_screen_init(s, COLS, ROWS, &ops, g);
}

TEST(textscreen_init_blanks_every_cell)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	CHECK_STR_EQ(g.cell[0], "        ");
	CHECK_STR_EQ(g.cell[ROWS - 1], "        ");
}

TEST(textscreen_prints_and_moves_the_cursor)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	print(&s, "ab\ncd");
	CHECK_STR_EQ(g.cell[0], "ab      ");
	CHECK_STR_EQ(g.cell[1], "cd      ");
	CHECK_EQ(g.cursor_col, 2);
	CHECK_EQ(g.cursor_row, 1);
}

TEST(textscreen_wraps_long_lines)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	print(&s, "0123456789");
	CHECK_STR_EQ(g.cell[0], "01234567");
	CHECK_STR_EQ(g.cell[1], "89      ");
}

TEST(textscreen_scrolls_at_the_bottom)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	print(&s, "one\ntwo\nthree\nfour");
	CHECK_EQ(g.scrolls, 1);
	CHECK_STR_EQ(g.cell[0], "two     ");
	CHECK_STR_EQ(g.cell[2], "four    ");
}

TEST(textscreen_carriage_return_backspace_and_erase)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	print(&s, "> hello\r> he\x1b[K");
	CHECK_STR_EQ(g.cell[0], "> he    ");
	print(&s, "\b\b");
	CHECK_EQ(g.cursor_col, 2);
	print(&s, "\x1b[2J");		/* unknown sequences are swallowed */
	CHECK_STR_EQ(g.cell[0], "> he    ");
}

TEST(textscreen_tab_goes_to_the_next_stop)
{
	struct text_screen s;
	struct grid g;

	setup(&s, &g);
	print(&s, "ab\tc");
	CHECK_STR_EQ(g.cell[0], "ab      ");
	CHECK_STR_EQ(g.cell[1], "c       ");
}
