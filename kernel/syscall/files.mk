# The system-call gate: the table and the dispatcher.
shared := syscall_table.c
kernel-only := syscall.c sys_misc.c
