/*
 * The program loader: read the file through the VFS and draw AT_RANDOM's
 * bytes, then hand them to the target's loader (exec.h): the ELF loader on
 * x86_64 (exec_elf.c), the WebAssembly one in the browser
 * (arch/wasm/exec_wasm.c).
 */
#include "errno.h"
#include "exec.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "rootfs.h"

#define PROGRAM_MAX (16ull << 20)

#define READ_CHUNK (64u << 10)	/* bytes copied per hold of vfs_lock */

/* Why node cannot be run, or 0. */
static int check_program(const struct inode *node)
{
	if (node->type != INODE_FILE || !(node->mode & 0111))
		return -EACCES;
	return node->size > PROGRAM_MAX ? -ENOEXEC : 0;
}

/* The program file path names, with a reference, and its size. */
static int find_program(struct inode *cwd, const char *path, struct inode **node, size_t *len)
{
	vfs_lock();
	int err = vfs_lookup(rootfs(), cwd, path, node);
	if (!err && (err = check_program(*node)))
		inode_put(*node);
	if (!err)
		*len = (size_t)(*node)->size;
	vfs_unlock();
	return err;
}

/* All len bytes of file, a chunk per hold of the lock, so that a large
   program does not hold off every other file-system call for the whole
   copy. */
static int read_whole(struct inode *file, uint8_t *image, size_t len)
{
	for (size_t done = 0; done < len;) {
		size_t n = len - done < READ_CHUNK ? len - done : READ_CHUNK;

		vfs_lock();
		long got = vfs_read(file, done, image + done, n);
		vfs_unlock();
		if (got <= 0)
			return -EIO;	/* it shrank meanwhile */
		done += (size_t)got;
	}
	return 0;
}

/* The file's bytes in a kernel buffer, or NULL with *err set. */
static void *read_program(struct inode *cwd, const char *path, size_t *len, int *err)
{
	struct inode *node;
	uint8_t *image;

	if ((*err = find_program(cwd, path, &node, len)))
		return NULL;
	if (!(image = kmalloc(*len ? *len : 1)))
		*err = -ENOMEM;
	else if ((*err = read_whole(node, image, *len))) {
		kfree(image);
		image = NULL;
	}
	vfs_put(node);
	return image;
}

/* AT_RANDOM's 16 bytes, mixed from the timestamp counter (exec_image.h). */
static void draw_random(uint8_t out[16])
{
	static uint64_t state;

	state += hal.read_timestamp();
	exec_random_bytes(&state, out);
}

int exec_load(struct uvm *uvm, struct inode *cwd, const char *path,
	      char *const argv[], char *const envp[], struct trap_frame *tf)
{
	size_t len;
	int err;
	uint8_t random[16];
	uint8_t *image = read_program(cwd, path, &len, &err);

	if (!image)
		return err;
	draw_random(random);
	err = exec_load_image(uvm, path, image, len, argv, envp, random, tf);
	kfree(image);
	return err;
}
