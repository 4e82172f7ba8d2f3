/* Tests of kernel/tty/ldisc.c: what a terminal makes of typed keys. */
#include <string.h>
#include "aurora/signal.h"
#include "ldisc.h"
#include "screen_log.h"
#include "unit.h"

/* The screen comes first: the echo callback's context is the terminal. */
struct terminal {
	struct screen_log screen;
	struct ldisc l;
	int signals[8];
	int nsignals;
	int status_asked;
};

static void raise_signal(void *ctx, int sig)
{
	struct terminal *t = ctx;

	t->signals[t->nsignals++] = sig;
}

static void ask_status(void *ctx)
{
	struct terminal *t = ctx;

	t->status_asked++;
}

static const struct ldisc_ops ops = { screen_log_append, raise_signal, ask_status };

static void start(struct terminal *t)
{
	memset(t, 0, sizeof(*t));
	ldisc_init(&t->l, &ops, t);
}

static void type(struct terminal *t, const char *keys)
{
	for (const char *k = keys; *k; k++)
		ldisc_input(&t->l, *k);
}

/* One read of at most len bytes, as a string ("" when nothing is ready). */
static const char *read_some(struct terminal *t, size_t len)
{
	static char buf[512];
	size_t n = ldisc_readable(&t->l) ? ldisc_read(&t->l, buf, len) : 0;

	buf[n] = '\0';
	return buf;
}

/* Turn the local-mode flags `off` off, as a program's TCSETS would. */
static void turn_off(struct terminal *t, unsigned off)
{
	struct termios changed = t->l.termios;

	changed.c_lflag &= ~off;
	ldisc_set_termios(&t->l, &changed);
}

static void check_invariants(struct terminal *t)
{
	char why[128];

	CHECK(ldisc_check(&t->l, why, sizeof(why)));
}

TEST(ldisc_canonical_mode_gives_whole_lines_and_echoes)
{
	static struct terminal t;

	start(&t);
	type(&t, "ab");
	CHECK(!ldisc_readable(&t.l));
	type(&t, "c\rde\n");
	CHECK_STR_EQ(t.screen.text, "abc\nde\n");
	CHECK_STR_EQ(read_some(&t, 100), "abc\n");	/* one line per read */
	CHECK_STR_EQ(read_some(&t, 1), "d");
	CHECK_STR_EQ(read_some(&t, 100), "e\n");
	CHECK(!ldisc_readable(&t.l));
	check_invariants(&t);
}

TEST(ldisc_erase_word_erase_and_kill_edit_the_line)
{
	static struct terminal t;

	start(&t);
	type(&t, "abx\x7f" "c\n");
	CHECK_STR_EQ(read_some(&t, 100), "abc\n");
	type(&t, "one two\x17three\n");
	CHECK_STR_EQ(read_some(&t, 100), "one three\n");
	type(&t, "junk\x15ok\n");
	CHECK_STR_EQ(read_some(&t, 100), "ok\n");
	check_invariants(&t);
}

TEST(ldisc_eof_ends_a_line_or_is_end_of_file)
{
	static struct terminal t;

	start(&t);
	type(&t, "ab\x04");
	CHECK_STR_EQ(read_some(&t, 100), "ab");
	type(&t, "\x04");
	CHECK(ldisc_readable(&t.l));
	CHECK_STR_EQ(read_some(&t, 100), "");		/* end of file */
	CHECK(!ldisc_readable(&t.l));
	check_invariants(&t);
}

TEST(ldisc_signal_keys_signal_and_flush)
{
	static struct terminal t;

	start(&t);
	type(&t, "typed ahead\n" "half\x03");
	CHECK_EQ(t.nsignals, 1);
	CHECK_EQ(t.signals[0], SIGINT);
	CHECK(!ldisc_readable(&t.l));			/* flushed */
	CHECK(strstr(t.screen.text, "^C") != NULL);
	type(&t, "\x1a\x1c");
	CHECK_EQ(t.signals[1], SIGTSTP);
	CHECK_EQ(t.signals[2], SIGQUIT);
}

TEST(ldisc_ctrl_t_asks_for_status_and_leaves_the_line)
{
	static struct terminal t;

	start(&t);
	type(&t, "ab\x14" "c\n");
	CHECK_EQ(t.status_asked, 1);
	CHECK(strstr(t.screen.text, "^T") != NULL);
	CHECK_STR_EQ(read_some(&t, 100), "abc\n");
	turn_off(&t, ICANON);
	type(&t, "\x14");
	CHECK_EQ(t.status_asked, 1);			/* a plain byte in raw mode */
	CHECK_STR_EQ(read_some(&t, 100), "\x14");
	check_invariants(&t);
}

TEST(ldisc_raw_mode_gives_bytes_at_once_without_echo_or_signals)
{
	static struct terminal t;

	start(&t);
	turn_off(&t, ICANON | ECHO | ISIG);
	type(&t, "x\x03\x1b[A");
	CHECK_EQ(t.nsignals, 0);
	CHECK_STR_EQ(t.screen.text, "");
	CHECK_STR_EQ(read_some(&t, 100), "x\x03\x1b[A");
	check_invariants(&t);
}

TEST(ldisc_leaving_canonical_mode_keeps_the_partial_line)
{
	static struct terminal t;

	start(&t);
	type(&t, "done\npart");
	turn_off(&t, ICANON);
	CHECK_STR_EQ(read_some(&t, 100), "done\npart");
	check_invariants(&t);
}

TEST(ldisc_a_full_queue_drops_lines_but_stays_consistent)
{
	static struct terminal t;

	start(&t);
	for (int i = 0; i < LDISC_LINES + 10; i++)
		type(&t, "line\n");
	check_invariants(&t);
	int lines = 0;
	while (ldisc_readable(&t.l) && strcmp(read_some(&t, 100), "line\n") == 0)
		lines++;
	CHECK_EQ(lines, LDISC_LINES);
	check_invariants(&t);
}

TEST(ldisc_check_finds_a_line_end_outside_the_queue)
{
	static struct terminal t;
	char why[128];

	start(&t);
	type(&t, "x\n");
	t.l.ends[0] = t.l.head + 5;
	CHECK(!ldisc_check(&t.l, why, sizeof(why)));
	CHECK(strstr(why, "line end") != NULL);
}
