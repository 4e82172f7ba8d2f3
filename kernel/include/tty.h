/*
 * Terminals (kernel/tty): each has its line discipline and its job control
 * state.  tty.c reads and writes any of them; tty_ioctl.c answers the
 * termios and job-control ioctls; terminals.c has the machine's: the
 * console (/dev/console), and the terminals beside it a target may give
 * (/dev/tty1 ... /dev/ttyTERMINALS_MAX: the browser kernel's page has a
 * window on each).  Every field changes under tty.lock, which is taken
 * before process_lock.
 */
#ifndef AURORA_TTY_H
#define AURORA_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ldisc.h"
#include "spinlock.h"
#include "thread.h"

struct file;

struct tty {
	struct spinlock lock;
	struct ldisc ldisc;
	struct wait_queue readers;
	int session;		/* whose controlling terminal it is; 0: nobody's */
	int foreground;		/* the foreground process group; 0: none */
	struct winsize window;
	unsigned number;	/* 0: the console; n: /dev/ttyn */
	/* Where its output goes (the screen and serial line, a page's window). */
	void (*output)(const struct tty *tty, const char *s, size_t n);
	bool started;		/* opened once: the line discipline is set up */
};

#define TERMINALS_MAX 3

/* Set tty's line discipline up, once: before the first byte can reach it
   (the console's first open; a terminal's registration). */
void tty_start(struct tty *tty);
/* A file open on tty (its first open sets the terminal up): 0 or -ENOMEM. */
int tty_file_open(struct tty *tty, unsigned flags, struct file **out);
/* A byte typed at tty: the line discipline takes it, from an interrupt. */
void tty_input(struct tty *tty, char c);
/* The terminal whose session is the current process's, or NULL. */
struct tty *tty_controlling(void);
/* The console, and terminal n if the target gave it (else NULL). */
struct tty *tty_console(void);
struct tty *tty_terminal(unsigned n);

/* Give terminal n (1 .. TERMINALS_MAX), its output going to output:
   /dev/ttyn then opens it.  At boot, before init starts. */
void terminal_register(unsigned n, void (*output)(const struct tty *tty, const char *s,
						    size_t len));

/* Is the current process in the background of the terminal's session?
   Then it gets sig (SIGTTIN, SIGTTOU) and must restart its call once its
   group is continued (-ERESTARTSYS); or -EIO if it ignores or blocks
   SIGTTIN.  0 if it may go on.  tty.lock is held. */
long tty_background_check(struct tty *tty, int sig);

/* ioctl on a terminal (tty_ioctl.c): a result or -errno. */
long tty_ioctl(struct file *f, unsigned long cmd, uint64_t arg);

#endif
