/*
 * The console's terminal (kernel/tty): its line discipline and its job
 * control state.  tty.c reads and writes it; tty_ioctl.c answers the
 * termios and job-control ioctls.  Every field changes under tty.lock,
 * which is taken before process_lock.
 */
#ifndef AURORA_TTY_H
#define AURORA_TTY_H

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
};

extern struct tty console_tty;

/* Is the current process in the background of the terminal's session?
   Then it gets sig (SIGTTIN, SIGTTOU) and must restart its call once its
   group is continued (-ERESTARTSYS); or -EIO if it ignores or blocks
   SIGTTIN.  0 if it may go on.  tty.lock is held. */
long tty_background_check(struct tty *tty, int sig);

/* ioctl on the console (tty_ioctl.c): a result or -errno. */
long tty_ioctl(struct file *f, unsigned long cmd, uint64_t arg);

#endif
