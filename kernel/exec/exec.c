/*
 * The program loader: read the file from the ramfs, check it (elf.h), and
 * run the steps of exec_image.h: ELF segments become regions with the
 * file's bytes copied in (the rest left to demand-zero pages), and the
 * stack gets the System V initial layout (ustack.h) a C runtime's _start
 * expects.
 */
#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "exec_image.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "ramfs.h"
#include "rootfs.h"
#include "usermode.h"
#include "ustack.h"

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

static int load_segments(struct uvm *uvm, const struct elf_info *info, const uint8_t *image)
{
	for (unsigned i = 0; i < info->nsegments; i++) {
		int err = exec_load_segment(uvm, &info->seg[i], image);

		if (err)
			return err;
	}
	return 0;
}

static int build_stack(struct uvm *uvm, const struct elf_info *info, char *const argv[],
		       char *const envp[], uint64_t *sp)
{
	struct auxv_pair aux[EXEC_AUXV_MAX];
	unsigned naux = exec_auxv(info, aux);
	struct ustack_layout layout;
	uint8_t random[16];
	uint8_t *image = kmalloc(EXEC_STACK_IMAGE_MAX);
	int err;

	if (!image)
		return -ENOMEM;
	static uint64_t random_state;

	random_state += hal.read_timestamp();
	exec_random_bytes(&random_state, random);
	err = ustack_build(image, EXEC_STACK_IMAGE_MAX, USER_STACK_TOP, (const char *const *)argv,
			   (const char *const *)envp, aux, naux, random, &layout);
	if (!err)
		err = exec_map_stack(uvm);
	if (!err)
		err = exec_fill_stack(uvm, image, layout.sp);
	*sp = layout.sp;
	kfree(image);
	return err;
}

int exec_load(struct uvm *uvm, struct ramfs_node *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf)
{
	struct elf_info info;
	const char *why;
	uint64_t sp;
	size_t len;
	int err;
	uint8_t *image = read_program(cwd, path, &len, &err);

	if (!image)
		return err;
	if ((err = elf_parse(image, len, USER_MMAP_TOP, &info, &why)))
		kprintf("exec %s: %s\n", path, why);
	if (!err)
		err = load_segments(uvm, &info, image);
	kfree(image);
	if (!err)
		err = uvm_set_heap(uvm, exec_image_end(&info));
	if (!err)
		err = build_stack(uvm, &info, argv, envp, &sp);
	if (!err)
		user_frame_init(tf, info.entry, sp);
	return err;
}
