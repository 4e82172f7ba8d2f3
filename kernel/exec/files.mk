# Running a program: ELF parsing, the image plan, the initial stack, the order of the loading steps, execve.
shared := elf.c ustack.c exec_image.c exec_loader.c
kernel-only := exec.c sys_exec.c
