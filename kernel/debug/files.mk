# Debugging aids: the kernel symbol table, the monitor commands that raise faults and print backtraces, and the live invariant checks.
shared := symtab.c
core := invariants.c sys_check.c
kernel-only := ksyms.c cmd_debug.c
