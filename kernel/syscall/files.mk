# The system-call gate: the table and the dispatcher.
shared := syscall_table.c
core := syscall.c sys_misc.c
kernel-only :=
