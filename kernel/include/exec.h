/* Loading a program into an address space (kernel/exec/exec.c). */
#ifndef AURORA_EXEC_H
#define AURORA_EXEC_H

#include "exec_image.h"
#include "uvm.h"

struct inode;
struct trap_frame;

/*
 * Load the program at path (relative to cwd) into the empty address space
 * uvm, with a System V initial stack holding argv and envp, and set *tf to
 * enter it.  0 or -errno (-ENOENT, -EACCES, -ENOEXEC, -E2BIG, -ENOMEM);
 * uvm may be half-filled on an error.
 */
int exec_load(struct uvm *uvm, struct inode *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf);

/*
 * The target's half of exec_load: the program file's len bytes in image
 * become the program in uvm, started with argv, envp and AT_RANDOM's bytes.
 * The x86_64 kernel loads a static ELF executable (exec_elf.c); the browser
 * kernel the WebAssembly module the file carries (arch/wasm/exec_wasm.c).
 */
int exec_load_image(struct uvm *uvm, const char *path, const uint8_t *image, size_t len,
		    char *const argv[], char *const envp[], const uint8_t random[16],
		    struct trap_frame *tf);

#endif
