# Character devices: the serial port, the PS/2 keyboard, /dev/null and /dev/zero.
shared := 
core := null_zero.c
kernel-only := uart16550.c ps2_keyboard.c
