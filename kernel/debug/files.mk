# Debugging aids: the kernel symbol table and the monitor commands that raise faults and print backtraces.
shared := symtab.c
kernel-only := ksyms.c cmd_debug.c
