# Character devices: the serial port, the PS/2 keyboard, /dev/null.
shared := 
kernel-only := devnull.c uart16550.c ps2_keyboard.c
