/*
 * The line discipline (shared code): what a terminal does with the bytes
 * typed at it before a program reads them, as termios (aurora/termios.h)
 * sets it.  In canonical mode (ICANON) it collects a line, applying the
 * editing keys (erase, word erase, kill) and echoing, and a read returns at
 * most one line; VEOF ends a line without a newline, or on an empty line
 * is end of file.  Otherwise every byte is ready at once.  With ISIG, the
 * interrupt, quit and suspend keys become signals for the foreground group.
 * In canonical mode with IEXTEN, Ctrl-T asks what the foreground job is
 * doing, as on the BSDs (Linux has no such key): for a job that seems to hang.
 *
 * The kernel's terminal (kernel/tty/tty.c) feeds it keys from the console
 * interrupt and hands it reads; it echoes and signals through `ops`.
 */
#ifndef AURORA_LDISC_H
#define AURORA_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include "aurora/termios.h"

#define LDISC_LINE_MAX	256	/* the longest line canonical mode collects */
#define LDISC_QUEUE	1024	/* bytes ready to read */
#define LDISC_LINES	64	/* complete lines ready to read */

struct ldisc_ops {
	void (*echo)(void *ctx, const char *s, size_t n);
	void (*signal)(void *ctx, int sig);	/* to the foreground group */
	void (*status)(void *ctx);		/* Ctrl-T: say what it is doing */
};

struct ldisc {
	struct termios termios;
	char line[LDISC_LINE_MAX];	/* the canonical line being edited */
	size_t line_len;
	char queue[LDISC_QUEUE];	/* ready bytes; head - tail of them */
	unsigned head, tail;		/* free-running */
	unsigned ends[LDISC_LINES];	/* where each ready line ends, as a queue position */
	unsigned ends_head, ends_tail;	/* free-running */
	const struct ldisc_ops *ops;
	void *ctx;
};

/* A terminal as Linux sets one up: canonical, echoing, with signals. */
void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *ctx);
/* A byte typed at the terminal. */
void ldisc_input(struct ldisc *l, char c);
/* Would a read return now (with data, or end of file)? */
bool ldisc_readable(const struct ldisc *l);
/* Take up to len ready bytes (in canonical mode, not past a line's end);
   0 is end of file.  Call only when ldisc_readable. */
size_t ldisc_read(struct ldisc *l, char *buf, size_t len);
/* TCSETS: new settings; leaving canonical mode makes the line being edited
   ready as it is. */
void ldisc_set_termios(struct ldisc *l, const struct termios *t);
/* Drop typed-ahead input (TCSETSF, and a signal key without NOFLSH). */
void ldisc_flush_input(struct ldisc *l);
/* The invariants (false with a reason in why): counts within bounds, line
   ends in order inside the queue. */
bool ldisc_check(const struct ldisc *l, char *why, size_t why_len);

#endif
