/*
 * A terminal's ioctls: termios (TCGETS, TCSETS*), the window size, and
 * job control (TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID), with Linux's
 * rules and errors.
 */
#include "errno.h"
#include "file.h"
#include "process.h"
#include "spinlock.h"
#include "signal_kernel.h"
#include "tty.h"
#include "user_memory.h"

static int copy_out(uint64_t to, const void *from, size_t n)
{
	return uvm_copy_out(process_current()->uvm, to, from, n) ? -EFAULT : 0;
}

static int copy_in(void *to, uint64_t from, size_t n)
{
	return uvm_copy_in(process_current()->uvm, to, from, n) ? -EFAULT : 0;
}

/* Is tty the current process's controlling terminal? */
static bool controlling(const struct tty *tty)
{
	return tty->session && tty->session == process_current()->sid;
}

/* TCSETS, TCSETSW, TCSETSF: a background process must stop first. */
static long set_termios(struct tty *tty, unsigned long cmd, uint64_t arg)
{
	struct termios t;

	if (copy_in(&t, arg, sizeof(t)))
		return -EFAULT;
	spin_lock(&tty->lock);
	long err = tty_background_check(tty, SIGTTOU);
	if (!err) {
		if (cmd == TCSETSF)
			ldisc_flush_input(&tty->ldisc);
		ldisc_set_termios(&tty->ldisc, &t);
		if (ldisc_readable(&tty->ldisc))
			wait_wake_all(&tty->readers);
	}
	spin_unlock(&tty->lock);
	return err;
}

static long get_termios(struct tty *tty, uint64_t arg)
{
	spin_lock(&tty->lock);
	struct termios t = tty->ldisc.termios;
	spin_unlock(&tty->lock);
	return copy_out(arg, &t, sizeof(t));
}

/* TIOCSCTTY: a session leader takes the terminal, if no living session
   has it. */
static long make_controlling(struct tty *tty)
{
	struct process *p = process_current();
	long err = 0;

	if (p->sid != p->pid)
		return -EPERM;
	spin_lock(&tty->lock);
	spin_lock(&process_lock);
	if (tty->session && tty->session != p->sid && process_alive(tty->session))
		err = -EPERM;	/* its leader is alive */
	spin_unlock(&process_lock);
	if (!err)
		tty->session = p->sid, tty->foreground = p->pgid;
	spin_unlock(&tty->lock);
	return err;
}

/* TIOCSPGRP: only within the terminal's session, to one of its groups. */
static long set_foreground(struct tty *tty, uint64_t arg)
{
	int pgid;

	if (copy_in(&pgid, arg, sizeof(pgid)))
		return -EFAULT;
	if (pgid < 0)
		return -EINVAL;
	spin_lock(&tty->lock);
	long err = !controlling(tty) ? -ENOTTY : tty_background_check(tty, SIGTTOU);
	spin_lock(&process_lock);
	if (!err && !process_group_exists(pgid, tty->session))
		err = -EPERM;
	spin_unlock(&process_lock);
	if (!err)
		tty->foreground = pgid;
	spin_unlock(&tty->lock);
	return err;
}

/* TIOCGPGRP and TIOCGSID: for the session's own processes only. */
static long get_id(struct tty *tty, uint64_t arg, bool want_session)
{
	spin_lock(&tty->lock);
	int id = want_session ? tty->session : tty->foreground;
	bool ok = controlling(tty);
	spin_unlock(&tty->lock);
	return ok ? copy_out(arg, &id, sizeof(id)) : -ENOTTY;
}

static long set_window(struct tty *tty, uint64_t arg)
{
	struct winsize ws;

	if (copy_in(&ws, arg, sizeof(ws)))
		return -EFAULT;
	spin_lock(&tty->lock);
	tty->window = ws;
	if (tty->foreground)
		signal_send_group(tty->foreground, SIGWINCH);
	spin_unlock(&tty->lock);
	return 0;
}

long tty_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	struct tty *tty = f->tty;

	switch (cmd) {
	case TCGETS: return get_termios(tty, arg);
	case TCSETS: case TCSETSW: case TCSETSF: return set_termios(tty, cmd, arg);
	case TIOCGWINSZ: return copy_out(arg, &tty->window, sizeof(tty->window));
	case TIOCSWINSZ: return set_window(tty, arg);
	case TIOCSCTTY: return make_controlling(tty);
	case TIOCGPGRP: return get_id(tty, arg, false);
	case TIOCGSID: return get_id(tty, arg, true);
	case TIOCSPGRP: return set_foreground(tty, arg);
	default: return -ENOTTY;
	}
}
