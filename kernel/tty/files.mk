# The terminal: the line editor and the tty that user programs read and write.
shared := lineedit.c ldisc.c
core := tty.c terminals.c tty_ioctl.c sys_ioctl.c
kernel-only :=
