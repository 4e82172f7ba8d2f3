/* Loading a program into an address space (kernel/exec/exec.c). */
#ifndef AURORA_EXEC_H
#define AURORA_EXEC_H

#include "exec_image.h"
#include "uvm.h"

struct inode;
struct trap_frame;

/*
 * Load the static ELF executable at path (relative to cwd) into the empty
 * address space uvm, with a System V initial stack holding argv and envp,
 * and set *tf to enter it.  0 or -errno (-ENOENT, -EACCES, -ENOEXEC,
 * -E2BIG, -ENOMEM); uvm may be half-filled on an error.
 */
int exec_load(struct uvm *uvm, struct inode *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf);

#endif
