/*
 * Reading command lines: with the line editor (the kernel's, lineedit.h)
 * at a terminal, the terminal in raw mode meanwhile; otherwise plainly, a
 * byte at a time, so that the input after the line stays for the commands
 * that read it.
 */
#include <errno.h>
#include <lineedit.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define CTRL_D 0x04

static struct line_editor editor;

static void echo(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	fwrite(s, 1, n, stdout);
}

void input_init(void)
{
	line_editor_init(&editor, echo, NULL);
	editor.complete = complete;
}

/* false at the end of input */
static bool read_byte(char *c)
{
	ssize_t n;

	while ((n = read(0, c, 1)) < 0 && errno == EINTR)
		;
	return n == 1;
}

/* Ctrl-D on an empty line is the end of input, as in other shells. */
static int read_edited(char *line, int size)
{
	enum line_status status = LINE_EDITING;
	char c;

	terminal_raw();
	line_editor_start(&editor, PROMPT);
	while (status == LINE_EDITING && read_byte(&c) && !(c == CTRL_D && editor.len == 0))
		status = line_editor_feed(&editor, c);
	terminal_restore();
	if (status == LINE_EDITING)
		return -1;
	if (status == LINE_CANCELLED)
		last_status = 130;	/* as after Ctrl-C in bash */
	strlcpy(line, status == LINE_DONE ? editor.line : "", size);
	return strlen(line);
}

static int read_plain(char *line, int size)
{
	int len = 0;
	bool too_long = false, more;
	char c;

	fputs(PROMPT, stdout);
	while ((more = read_byte(&c)) && c != '\n') {
		if (len + 1 < size)
			line[len++] = c;
		else
			too_long = true;
	}
	line[len] = '\0';
	if (too_long)
		return -2;
	return !more && len == 0 ? -1 : len;
}

int read_line(char *line, int size)
{
	return interactive ? read_edited(line, size) : read_plain(line, size);
}

int builtin_history(int argc, char **argv)
{
	(void)argc, (void)argv;
	for (unsigned n = 1; n <= editor.history_count; n++)
		if (line_editor_history(&editor, n))
			printf("%5u  %s\n", n, line_editor_history(&editor, n));
	return 0;
}
