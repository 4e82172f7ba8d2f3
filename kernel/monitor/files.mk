# The kernel monitor: its prompt and the commands about the kernel as a whole.
shared := 
kernel-only := monitor.c cmd_kernel.c
