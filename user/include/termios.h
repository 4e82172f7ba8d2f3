/* The terminal's modes: struct termios and its flags are the kernel's
   (Linux's, aurora/termios.h); tcsetattr's actions choose the ioctl. */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <aurora/termios.h>

/* tcsetattr's when: TCSETS + when is the ioctl. */
#define TCSANOW		0	/* at once */
#define TCSADRAIN	1	/* once the output is written */
#define TCSAFLUSH	2	/* and drop what was typed but not read */

/* -1 with ENOTTY when fd is not a terminal. */
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);

#endif
