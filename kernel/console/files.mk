# The console: one output to every device, kprintf, the text-screen model.
shared := textscreen.c
core := console.c kprintf.c
kernel-only :=
