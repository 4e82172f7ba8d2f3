/* Terminal ioctls (Linux numbers). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413

struct winsize {
	unsigned short ws_row, ws_col;
	unsigned short ws_xpixel, ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#endif
