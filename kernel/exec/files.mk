# Running a program: ELF parsing, the image plan, the initial stack, the order of the loading steps, execve.
shared := elf.c elf_sections.c ustack.c exec_image.c exec_loader.c
core := exec.c sys_exec.c
kernel-only := exec_elf.c
