/*
 * ioctl: only the console answers, with what a C library's isatty and a
 * shell ask of a terminal (tty.c is the line discipline behind it).
 */
#include "errno.h"
#include "file.h"
#include "process.h"
#include "syscalls.h"

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413

struct winsize {
	uint16_t rows, cols, xpixel, ypixel;
};

/* Linux's struct termios (without the speeds glibc adds). */
struct termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line, cc[19];
};

#define TERMIOS_ICRNL	0000400
#define TERMIOS_OPOST	0000001
#define TERMIOS_ONLCR	0000004
#define TERMIOS_CS8	0000060
#define TERMIOS_CREAD	0000200
#define TERMIOS_ISIG	0000001
#define TERMIOS_ICANON	0000002
#define TERMIOS_ECHO	0000010

long sys_ioctl(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);
	struct uvm *uvm = process_current()->uvm;

	if (!f)
		return -EBADF;
	if (!f->ops->tty)
		return -ENOTTY;
	switch (a[1]) {
	case TIOCGWINSZ: {
		struct winsize ws = { 25, 80, 0, 0 };
		return uvm_copy_out(uvm, a[2], &ws, sizeof(ws));
	}
	case TCGETS: {
		/* What the line discipline (tty.c) does, in termios terms. */
		struct termios t = {
			.iflag = TERMIOS_ICRNL, .oflag = TERMIOS_OPOST | TERMIOS_ONLCR,
			.cflag = TERMIOS_CS8 | TERMIOS_CREAD,
			.lflag = TERMIOS_ICANON | TERMIOS_ECHO,
		};
		return uvm_copy_out(uvm, a[2], &t, sizeof(t));
	}
	case TCSETS: case TCSETSW: case TCSETSF:
		return 0;	/* the one mode there is stays */
	case TIOCGPGRP: {
		int pgrp = process_current()->pid;
		return uvm_copy_out(uvm, a[2], &pgrp, sizeof(pgrp));
	}
	case TIOCSPGRP:
		return 0;
	default:
		return -ENOTTY;
	}
}
