/*
 * The program loader: ELF segments become regions (elf.h checks the file
 * first), the file's bytes are copied in, the rest is left to demand-zero
 * pages, and the stack gets the System V initial layout (ustack.h) that a
 * C runtime's _start expects.
 */
#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "ramfs.h"
#include "rootfs.h"
#include "usermode.h"
#include "ustack.h"

#define STACK_IMAGE_MAX (EXEC_STRINGS_MAX + 16 * 1024)	/* strings, pointers, auxv */
#define PROGRAM_MAX (16ull << 20)

/* The file's bytes in a kernel buffer, or NULL with *err set. */
static void *read_program(struct ramfs_node *cwd, const char *path, size_t *len, int *err)
{
	struct ramfs_node *node;
	void *image = NULL;

	rootfs_lock();
	if ((*err = ramfs_lookup(rootfs(), cwd, path, &node))) {
		rootfs_unlock();
		return NULL;
	}
	if (node->type != RAMFS_FILE || !(node->mode & 0111))
		*err = -EACCES;
	else if (node->size > PROGRAM_MAX)
		*err = -ENOEXEC;
	else if (!(image = kmalloc(node->size ? node->size : 1)))
		*err = -ENOMEM;
	else if (ramfs_read(node, 0, image, node->size) != (long)node->size)
		*err = -EIO;
	if (*err) {
		kfree(image);
		image = NULL;
	}
	*len = node->size;
	ramfs_node_put(node);
	rootfs_unlock();
	return image;
}

static uint64_t page_down(uint64_t va)
{
	return va & ~(PAGE_SIZE - 1);
}

static uint64_t page_up(uint64_t va)
{
	return (va + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static int load_segments(struct uvm *uvm, const struct elf_info *info, const uint8_t *image,
			 uint64_t *end)
{
	// LAB 4 SOLUTION BEGIN (exercise: map and fill the program's segments)
	*end = 0;
	for (unsigned i = 0; i < info->nsegments; i++) {
		const struct elf_segment *s = &info->seg[i];
		uint64_t start = page_down(s->vaddr), stop = page_up(s->vaddr + s->memsz);
		int err = uvm_add_region(uvm, start, stop, s->write, s->exec, UVM_SEGMENT);

		if (!err)
			err = uvm_fill(uvm, s->vaddr, image + s->offset, s->filesz);
		if (err)
			return err;
		if (stop > *end)
			*end = stop;
	}
	return 0;
	// LAB 4 SOLUTION STUB
	// (void)uvm, (void)info, (void)image, (void)end;
	// return -ENOEXEC;	/* no program can be loaded yet */
	// LAB 4 SOLUTION END
}

/* AT_RANDOM's 16 bytes: the timestamp counter, mixed (splitmix64).  Enough
   to vary stack canaries between runs; not a cryptographic source. */
static void random_bytes(uint8_t out[16])
{
	static uint64_t state;

	state += hal.read_timestamp();
	for (int i = 0; i < 2; i++) {
		uint64_t z = (state += 0x9e3779b97f4a7c15ull);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		for (int b = 0; b < 8; b++)
			out[i * 8 + b] = (uint8_t)(z >> (8 * b));
	}
}

static int build_stack(struct uvm *uvm, const struct elf_info *info, char *const argv[],
		       char *const envp[], uint64_t *sp)
{
	/* A program whose headers are not loaded gets none: AT_PHNUM 0 keeps
	   a C runtime from reading them at address 0. */
	const struct auxv_pair aux[] = {
		{ AT_PHDR, info->phdr_vaddr }, { AT_PHENT, info->phentsize },
		{ AT_PHNUM, info->phdr_vaddr ? info->phnum : 0 }, { AT_PAGESZ, PAGE_SIZE },
		{ AT_ENTRY, info->entry }, { AT_UID, 0 }, { AT_EUID, 0 },
		{ AT_GID, 0 }, { AT_EGID, 0 }, { AT_SECURE, 0 }, { AT_CLKTCK, 100 },
	};
	struct ustack_layout layout;
	uint8_t random[16];
	uint8_t *image = kmalloc(STACK_IMAGE_MAX);
	int err;

	if (!image)
		return -ENOMEM;
	random_bytes(random);
	err = ustack_build(image, STACK_IMAGE_MAX, USER_STACK_TOP, (const char *const *)argv,
			   (const char *const *)envp, aux, sizeof(aux) / sizeof(aux[0]), random,
			   &layout);
	if (!err)
		err = uvm_add_region(uvm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP, true,
				     false, UVM_STACK);
	if (!err)
		err = uvm_fill(uvm, layout.sp,
			       image + STACK_IMAGE_MAX - (USER_STACK_TOP - layout.sp),
			       USER_STACK_TOP - layout.sp);
	*sp = layout.sp;
	kfree(image);
	return err;
}

int exec_load(struct uvm *uvm, struct ramfs_node *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf)
{
	struct elf_info info;
	const char *why;
	uint64_t end, sp;
	size_t len;
	int err;
	uint8_t *image = read_program(cwd, path, &len, &err);

	if (!image)
		return err;
	if ((err = elf_parse(image, len, USER_MMAP_TOP, &info, &why)))
		kprintf("exec %s: %s\n", path, why);
	if (!err)
		err = load_segments(uvm, &info, image, &end);
	kfree(image);
	if (!err)
		err = uvm_set_heap(uvm, end);
	if (!err)
		err = build_stack(uvm, &info, argv, envp, &sp);
	if (!err)
		user_frame_init(tf, info.entry, sp);
	return err;
}
