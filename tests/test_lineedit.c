/* Tests of kernel/tty/lineedit.c: what the line editor of the monitor and
   the shell keeps and shows. */
#include <string.h>
#include "lineedit.h"
#include "unit.h"

struct screen_log {
	char text[4096];
	size_t len;
};

static void record(void *ctx, const char *s, size_t n)
{
	struct screen_log *log = ctx;

	memcpy(log->text + log->len, s, n);
	log->len += n;
	log->text[log->len] = '\0';
}

/* Feed every byte of keys; return the status after the last one. */
static enum line_status type(struct line_editor *e, const char *keys)
{
	enum line_status status = LINE_EDITING;

	for (const char *k = keys; *k; k++)
		status = line_editor_feed(e, *k);
	return status;
}

static void start(struct line_editor *e, struct screen_log *log)
{
	memset(log, 0, sizeof(*log));
	line_editor_init(e, record, log);
	line_editor_start(e, "> ");
}

TEST(lineedit_typing_echoes_and_enter_finishes)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	CHECK_EQ(type(&e, "mem"), LINE_EDITING);
	CHECK_STR_EQ(log.text, "> mem");
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_STR_EQ(e.line, "mem");
	CHECK_STR_EQ(log.text, "> mem\r\n");
}

TEST(lineedit_crlf_is_one_enter)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	CHECK_EQ(type(&e, "a\r"), LINE_DONE);
	line_editor_start(&e, "> ");
	CHECK_EQ(line_editor_feed(&e, '\n'), LINE_EDITING);	/* the LF of CR LF */
	CHECK_EQ(type(&e, "b\n"), LINE_DONE);
	CHECK_STR_EQ(e.line, "b");
}

TEST(lineedit_backspace_erases_on_screen)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	type(&e, "memx\x7f\r");
	CHECK_STR_EQ(e.line, "mem");
	CHECK_STR_EQ(log.text, "> memx\b \b\r\n");
	line_editor_start(&e, "> ");
	CHECK_EQ(type(&e, "\b\b\r"), LINE_DONE);	/* nothing to erase */
	CHECK_STR_EQ(e.line, "");
}

TEST(lineedit_arrows_move_and_insert_in_the_middle)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	type(&e, "fult\x1b[D\x1b[D\x1b[Da");	/* three lefts, then insert */
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_STR_EQ(e.line, "fault");
	/* The redraw ends with the cursor three cells back from the end. */
	CHECK(strstr(log.text, "\r> fault\x1b[K\b\b\b") != NULL);
}

TEST(lineedit_ctrl_a_e_u_c)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	type(&e, "ree\x01" "f\x05" "s");	/* Ctrl-A, insert, Ctrl-E, append */
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_STR_EQ(e.line, "frees");
	line_editor_start(&e, "> ");
	type(&e, "junk\x15ok");		/* Ctrl-U erases the line */
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_STR_EQ(e.line, "ok");
	line_editor_start(&e, "> ");
	CHECK_EQ(type(&e, "abc\x03"), LINE_CANCELLED);
}

TEST(lineedit_history_recalls_older_and_newer)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	type(&e, "one\r");
	line_editor_start(&e, "> ");
	type(&e, "two\r");
	line_editor_start(&e, "> ");
	type(&e, "two\r");			/* a repeat is stored once */
	line_editor_start(&e, "> ");
	type(&e, "\x1b[A\x1b[A");
	CHECK_STR_EQ(e.line, "one");
	type(&e, "\x1b[A");			/* nothing older: stays */
	CHECK_STR_EQ(e.line, "one");
	type(&e, "\x1b[B");
	CHECK_STR_EQ(e.line, "two");
	type(&e, "\x1b[B");
	CHECK_STR_EQ(e.line, "");
}

/* Enter the lines cmd<first> ... cmd<last> (two digits each). */
static void enter_numbered_lines(struct line_editor *e, int first, int last)
{
	char cmd[8] = "cmd00\r";

	for (int i = first; i <= last; i++) {
		cmd[3] = '0' + i / 10;
		cmd[4] = '0' + i % 10;
		line_editor_start(e, "");
		type(e, cmd);
	}
}

TEST(lineedit_history_keeps_only_the_newest)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	enter_numbered_lines(&e, 0, LINE_HISTORY + 3);
	line_editor_start(&e, "");
	for (int i = 0; i < LINE_HISTORY + 2; i++)
		type(&e, "\x1b[A");
	CHECK_STR_EQ(e.line, "cmd04");		/* the oldest still kept */
}

TEST(lineedit_line_is_bounded)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	for (int i = 0; i < LINE_MAX + 10; i++)
		line_editor_feed(&e, 'x');
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_EQ(strlen(e.line), LINE_MAX - 1);
}

TEST(lineedit_delete_home_end_keys)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	type(&e, "xabc\x1b[H\x1b[3~");		/* Home, Delete */
	type(&e, "\x1b[F!\x1bOH>");		/* End, then Home as ESC O H */
	CHECK_EQ(type(&e, "\r"), LINE_DONE);
	CHECK_STR_EQ(e.line, ">abc!");
	line_editor_start(&e, "> ");
	type(&e, "ab\x1b[1;5C\x1b[15~c\r");	/* keys with parameters are not typed */
	CHECK_STR_EQ(e.line, "abc");
}

static const char *const candidates[] = { "cat", "cd", "clear", "dir/", "echo" };

/* Offers every candidate, whatever the word: the editor picks the matches. */
static void complete_from_list(struct line_editor *e, const char *before, size_t word_start)
{
	(void)before, (void)word_start;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++)
		line_editor_offer(e, candidates[i]);
}

static void start_completing(struct line_editor *e, struct screen_log *log)
{
	start(e, log);
	e->complete = complete_from_list;
}

/* Keys typed, and the line they leave with the candidates above (and what
   the screen shows, where that is the point). */
static const struct {
	const char *keys, *line, *screen;
} completions[] = {
	{ "ec\t", "echo ", "> echo " },		/* one match, and a space after it */
	{ "ls | e\t", "ls | echo ", NULL },		/* a word starts after | too */
	{ "cat d\t", "cat dir/", NULL },		/* no space after a directory */
	{ "cl\t", "clear ", NULL },
	/* cat, cd, clear: nothing to add, so they are listed */
	{ "c\t", "c", "> c\r\ncat  cd  clear\r\n\r> c\x1b[K" },
	{ "cx\t", "cx", NULL },			/* no match: nothing happens */
	{ "e file\x1b[H\x1b[C\t", "echo  file", NULL },	/* the word before the cursor */
};

TEST(lineedit_tab_completes_the_word_before_the_cursor)
{
	static struct line_editor e;
	struct screen_log log;

	for (size_t i = 0; i < sizeof(completions) / sizeof(completions[0]); i++) {
		start_completing(&e, &log);
		type(&e, completions[i].keys);
		CHECK_STR_EQ(e.line, completions[i].line);
		if (completions[i].screen)
			CHECK_STR_EQ(log.text, completions[i].screen);
	}
	CHECK_EQ(e.cursor, 5);			/* the last: after what was completed */
	start(&e, &log);
	type(&e, "ca\t");
	CHECK_STR_EQ(e.line, "ca");		/* without a completer, Tab does nothing */
}

TEST(lineedit_history_lines_by_number)
{
	static struct line_editor e;
	struct screen_log log;

	start(&e, &log);
	CHECK(line_editor_history(&e, 1) == NULL);
	enter_numbered_lines(&e, 1, LINE_HISTORY + 2);
	CHECK(line_editor_history(&e, 2) == NULL);	/* forgotten */
	CHECK_STR_EQ(line_editor_history(&e, 3), "cmd03");
	CHECK_STR_EQ(line_editor_history(&e, LINE_HISTORY + 2), "cmd18");
	CHECK(line_editor_history(&e, LINE_HISTORY + 3) == NULL);
}
