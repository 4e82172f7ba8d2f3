/* ioctl(); the terminal's requests and struct winsize are the kernel's
   (Linux's, aurora/termios.h). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <aurora/termios.h>

int ioctl(int fd, unsigned long request, ...);

#endif
