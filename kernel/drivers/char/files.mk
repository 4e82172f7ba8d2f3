# Character devices: the serial port, the PS/2 keyboard, /dev/null and /dev/zero.
shared := 
kernel-only := null_zero.c uart16550.c ps2_keyboard.c
