/* Linux's terminal interface on x86_64: struct termios as the TCGETS and
   TCSETS ioctls pass it, its flags and control characters, the window
   size, and the ioctl numbers.  The user ABI: the kernel's line
   discipline (kernel/tty) and user/ include it. */
#ifndef AURORA_UAPI_TERMIOS_H
#define AURORA_UAPI_TERMIOS_H

#include <stdint.h>

#define TCGETS		0x5401
#define TCSETS		0x5402	/* now */
#define TCSETSW		0x5403	/* after output drains */
#define TCSETSF		0x5404	/* after output drains, dropping typed-ahead input */
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCGSID	0x5429

#define NCCS 19
struct termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[NCCS];
};

/* c_cc indexes */
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSTART	8
#define VSTOP	9
#define VSUSP	10
#define VEOL	11
#define VWERASE	14

/* c_iflag */
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000
/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
/* c_cflag */
#define CS8	0000060
#define CREAD	0000200
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL	0001000
#define IEXTEN	0100000

struct winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#endif
