/*
 * The browser kernel's program loader (exec.h): the WebAssembly module the
 * program file carries becomes the program of a fresh instance.  A file is
 * either a module itself or an Aurora program built for both targets: an
 * x86_64 ELF executable with its module in a section named .aurora.wasm
 * (user/wasm.mk), so one disk image boots on both.  The stack gets the
 * System V initial layout (ustack.h) in 64-bit slots, as on x86_64; the
 * wasm C runtime's _start narrows it.
 */
#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "string.h"
#include "wasm_runtime.h"

#define WASM_MAGIC "\0asm"
#define WASM_SECTION ".aurora.wasm"

/* Where the module is in the file: 0; or -ENOEXEC with *why, the reason
   the x86_64 kernel gives for a file that is no program at all. */
static int find_module(const uint8_t *image, size_t len, uint64_t *offset, uint64_t *size,
		       const char **why)
{
	struct elf_info info;

	if (len >= 4 && memcmp(image, WASM_MAGIC, 4) == 0) {
		*offset = 0;
		*size = len;
		return 0;
	}
	if (elf_parse(image, len, USER_END, &info, why) != 0)
		return -ENOEXEC;
	if (elf_find_section(image, len, WASM_SECTION, offset, size) == 0)
		return 0;
	*why = "an x86_64 program without a WebAssembly build";
	return -ENOEXEC;
}

/* Build the initial stack below top and copy it in: its sp, or -errno. */
static int64_t push_stack(struct uvm *uvm, uint64_t top, char *const argv[], char *const envp[],
			  const uint8_t random[16])
{
	struct ustack_layout layout;
	uint8_t *buf = kmalloc(EXEC_STACK_IMAGE_MAX);
	int err = buf ? 0 : -ENOMEM;

	if (!err)
		err = ustack_build(buf, EXEC_STACK_IMAGE_MAX, top, (const char *const *)argv,
				   (const char *const *)envp, NULL, 0, random, &layout);
	if (!err) {
		uint64_t used = top - layout.sp;
		err = uvm_copy_out(uvm, layout.sp, buf + EXEC_STACK_IMAGE_MAX - used, used);
	}
	kfree(buf);
	return err ? err : (int64_t)layout.sp;
}

int exec_load_image(struct uvm *uvm, const char *path, const uint8_t *image, size_t len,
		    char *const argv[], char *const envp[], const uint8_t random[16],
		    struct trap_frame *tf)
{
	uint64_t offset, size;
	uint32_t stack_top, memory_end;
	const char *why = "not a WebAssembly module Aurora can run";
	int err = find_module(image, len, &offset, &size, &why);

	if (!err)
		err = aurora_space_load((int)uvm->as.root, image + offset, size, &stack_top,
					&memory_end);
	if (err) {
		kprintf("exec %s: %s\n", path, err == -ENOMEM ? "no memory for its instance" : why);
		return err;
	}
	uvm_set_heap(uvm, memory_end);
	int64_t sp = push_stack(uvm, stack_top, argv, envp, random);
	if (sp < 0)
		return (int)sp;
	hal.user_frame_init(tf, 0, (uint64_t)sp);
	return 0;
}
