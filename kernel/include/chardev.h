/*
 * The character devices, one table: the device number a /dev node carries
 * (inode.rdev), its name in /dev, and the function that opens it.  The
 * boot makes the /dev nodes from it (kernel/vfs/root.c) and open finds the
 * function by number (kernel/vfs/open.c).  An open function gets the
 * device's number and the open flags, and returns 0 with *out, or -errno
 * (-ENXIO: no such device on this machine, as the terminals of tty.h).
 */
#ifndef AURORA_CHARDEV_H
#define AURORA_CHARDEV_H

#define CHAR_DEVICES(X)					\
	X(CONSOLE, 1, "console", console_file_open)	\
	X(TTY, 2, "tty", controlling_tty_open)		\
	X(NULL, 3, "null", null_file_open)		\
	X(ZERO, 4, "zero", zero_file_open)		\
	X(BCACHE, 5, "bcache", bcache_file_open)	\
	X(TERMINAL1, 6, "tty1", terminal_file_open)	\
	X(TERMINAL2, 7, "tty2", terminal_file_open)	\
	X(TERMINAL3, 8, "tty3", terminal_file_open)

enum chardev_number {
#define CHARDEV_NUMBER(name, number, path, open) RDEV_##name = number,
	CHAR_DEVICES(CHARDEV_NUMBER)
#undef CHARDEV_NUMBER
};

#endif
