# The terminal: the line editor and the tty that user programs read and write.
shared := lineedit.c
kernel-only := tty.c sys_ioctl.c
