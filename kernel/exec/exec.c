/*
 * The program loader: read the file through the VFS, then run the steps of
 * exec_loader.h: check it (elf.h), ELF segments become regions with the
 * file's bytes copied in (the rest left to demand-zero pages), and the
 * stack gets the System V initial layout (ustack.h) a C runtime's _start
 * expects.
 */
#include "errno.h"
#include "exec.h"
#include "exec_loader.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "rootfs.h"

#define PROGRAM_MAX (16ull << 20)

/* The file's bytes in a kernel buffer, or NULL with *err set. */
static void *read_program(struct inode *cwd, const char *path, size_t *len, int *err)
{
	struct inode *node;
	void *image = NULL;

	vfs_lock();
	if ((*err = vfs_lookup(rootfs(), cwd, path, &node))) {
		vfs_unlock();
		return NULL;
	}
	if (node->type != INODE_FILE || !(node->mode & 0111))
		*err = -EACCES;
	else if (node->size > PROGRAM_MAX)
		*err = -ENOEXEC;
	else if (!(image = kmalloc(node->size ? node->size : 1)))
		*err = -ENOMEM;
	else if (vfs_read(node, 0, image, node->size) != (long)node->size)
		*err = -EIO;
	if (*err) {
		kfree(image);
		image = NULL;
	}
	*len = node->size;
	inode_put(node);
	vfs_unlock();
	return image;
}

/* AT_RANDOM's 16 bytes, mixed from the timestamp counter (exec_image.h). */
static void draw_random(uint8_t out[16])
{
	static uint64_t state;

	state += hal.read_timestamp();
	exec_random_bytes(&state, out);
}

/* Every step of exec_loader.h on the file's bytes, then the frame that enters the program. */
static int load_image(struct uvm *uvm, const char *path, const uint8_t *image, size_t len,
		      char *const argv[], char *const envp[], struct trap_frame *tf)
{
	uint8_t random[16];
	struct exec_loader l = { .uvm = uvm, .image = image, .len = len, .argv = argv,
				 .envp = envp, .random = random,
				 .stack = kmalloc(EXEC_STACK_IMAGE_MAX) };
	int err;

	draw_random(random);
	err = l.stack ? exec_loader_run(&l) : -ENOMEM;
	if (l.why)
		kprintf("exec %s: %s\n", path, l.why);
	if (!err)
		hal.user_frame_init(tf, l.info.entry, l.layout.sp);
	kfree(l.stack);
	return err;
}

int exec_load(struct uvm *uvm, struct inode *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf)
{
	size_t len;
	int err;
	uint8_t *image = read_program(cwd, path, &len, &err);

	if (!image)
		return err;
	err = load_image(uvm, path, image, len, argv, envp, tf);
	kfree(image);
	return err;
}
