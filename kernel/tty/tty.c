/*
 * A terminal as user programs see it, with the line discipline (ldisc.c)
 * between the keyboard and the readers, and job control.  Keys arrive
 * from an interrupt (tty_input: the console's, or the browser kernel's
 * events), so Ctrl-C reaches the foreground group even while nobody
 * reads.  Which terminals there are is terminals.c's; a shell's
 * controlling terminal is the one init started it on.
 *
 * Job control, as on Linux: a session leader makes the console its
 * controlling terminal (TIOCSCTTY); the shell then names the foreground
 * group (TIOCSPGRP).  A process of that session outside the foreground
 * group that reads, or changes the settings, is sent SIGTTIN or SIGTTOU,
 * which stops its whole group until the shell continues it.
 */
#include "errno.h"
#include "file.h"
#include "kprintf.h"
#include "process.h"
#include "signal_kernel.h"
#include "tty.h"

static void echo(void *ctx, const char *s, size_t n)
{
	struct tty *tty = ctx;

	tty->output(tty, s, n);
}

static void signal_foreground(void *ctx, int sig)
{
	struct tty *tty = ctx;

	if (tty->foreground)
		signal_send_group(tty->foreground, sig);
}

static void status_of_foreground(void *ctx)
{
	struct tty *tty = ctx;

	kprintf("\n");
	process_print_group_status(tty->foreground);
}

static const struct ldisc_ops tty_ldisc_ops = { echo, signal_foreground,
						    status_of_foreground };

void tty_input(struct tty *tty, char c)
{
	spin_lock(&tty->lock);
	ldisc_input(&tty->ldisc, c);
	if (ldisc_readable(&tty->ldisc))
		wait_wake_all(&tty->readers);
	spin_unlock(&tty->lock);
}

long tty_background_check(struct tty *tty, int sig)
{
	struct process *p = process_current();

	spin_assert_held(&tty->lock, "tty_background_check");
	if (!tty->session || p->sid != tty->session || p->pgid == tty->foreground)
		return 0;
	if (signal_ignored_or_blocked(p, sig))
		return sig == SIGTTIN ? -EIO : 0;
	signal_send_group(p->pgid, sig);
	return -ERESTARTSYS;
}

static long tty_read(struct file *f, void *buf, size_t len)
{
	struct tty *tty = f->tty;
	long err;

	spin_lock(&tty->lock);
	while (!(err = tty_background_check(tty, SIGTTIN)) && !ldisc_readable(&tty->ldisc)) {
		if (signal_pending_now()) {
			err = -ERESTARTSYS;
			break;
		}
		wait_sleep(&tty->readers, &tty->lock);
	}
	long n = err ? err : (long)ldisc_read(&tty->ldisc, buf, len);
	spin_unlock(&tty->lock);
	return n;
}

static long tty_write(struct file *f, const void *buf, size_t len)
{
	struct tty *tty = f->tty;
	long err = 0;

	spin_lock(&tty->lock);
	if (tty->ldisc.termios.c_lflag & TOSTOP)
		err = tty_background_check(tty, SIGTTOU);
	spin_unlock(&tty->lock);
	if (err)
		return err;
	tty->output(tty, buf, len);
	return (long)len;
}

static const struct file_ops tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.stream = true,
};

void tty_start(struct tty *tty)
{
	spin_lock(&tty->lock);
	if (!tty->started) {
		tty->started = true;
		ldisc_init(&tty->ldisc, &tty_ldisc_ops, tty);
		wait_queue_init(&tty->readers);
	}
	spin_unlock(&tty->lock);
}

int tty_file_open(struct tty *tty, unsigned flags, struct file **out)
{
	tty_start(tty);
	int err = file_alloc_into(&tty_ops, flags, out);
	if (!err)
		(*out)->tty = tty;
	return err;
}
