# The console: one output to every device, kprintf, the text-screen model.
shared := textscreen.c
kernel-only := console.c kprintf.c
