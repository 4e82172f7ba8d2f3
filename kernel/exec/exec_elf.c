/*
 * The x86_64 kernel's program loader: the steps of exec_loader.h on the
 * file's bytes.  The ELF is checked (elf.h), its segments become regions
 * with the file's bytes copied in (the rest left to demand-zero pages), and
 * the stack gets the System V initial layout (ustack.h) a C runtime's
 * _start expects.
 */
#include "errno.h"
#include "exec.h"
#include "exec_loader.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"

int exec_load_image(struct uvm *uvm, const char *path, const uint8_t *image, size_t len,
		    char *const argv[], char *const envp[], const uint8_t random[16],
		    struct trap_frame *tf)
{
	struct exec_loader l = { .uvm = uvm, .image = image, .len = len, .argv = argv,
				 .envp = envp, .random = random,
				 .stack = kmalloc(EXEC_STACK_IMAGE_MAX) };
	int err = l.stack ? exec_loader_run(&l) : -ENOMEM;

	if (l.why)
		kprintf("exec %s: %s\n", path, l.why);
	if (!err)
		hal.user_frame_init(tf, l.info.entry, l.layout.sp);
	kfree(l.stack);
	return err;
}

