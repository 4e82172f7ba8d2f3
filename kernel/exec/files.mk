# Running a program: ELF parsing, the image plan, the initial stack, execve.
shared := elf.c ustack.c exec_image.c
kernel-only := exec.c sys_exec.c
