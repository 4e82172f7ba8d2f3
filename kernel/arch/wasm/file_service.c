/*
 * The desktop's file browser, served by the kernel: a kernel thread takes
 * the page's requests from the runtime and answers them through the VFS,
 * as any caller of the file system does (under vfs_lock, which it may
 * sleep for: that is why a thread serves them, not the event code).
 *
 *   "list PATH"   a line per entry: TYPE MODE SIZE NAME, TYPE one of
 *                 d - l c (directory, file, link, device), MODE octal
 *   "read PATH"   the file's first FILE_PREVIEW_MAX bytes
 *
 * An answer starts with "ok\n", or is "error NAME\n" (ENOENT, ...).
 */
#include "aurora/dirent.h"
#include "errno.h"
#include "format.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "rootfs.h"
#include "spinlock.h"
#include "string.h"
#include "thread.h"
#include "wasm_kernel.h"
#include "wasm_runtime.h"

#define REQUEST_MAX 1024
#define ANSWER_MAX (64u << 10)
#define FILE_PREVIEW_MAX (ANSWER_MAX - 8)

static struct spinlock service_lock = SPINLOCK_INIT("file service");
static struct wait_queue requests;

struct answer {
	char *text;
	size_t len;
};

static void add(struct answer *a, const char *s, size_t n)
{
	n = n < ANSWER_MAX - a->len ? n : ANSWER_MAX - a->len;
	memcpy(a->text + a->len, s, n);
	a->len += n;
}

static char type_letter(enum inode_type type)
{
	return type == INODE_DIR ? 'd' : type == INODE_SYMLINK ? 'l' : type == INODE_FILE ? '-' : 'c';
}

/* One entry's line; vfs_lock held. */
static void add_entry(struct answer *a, struct inode *dir, const char *name)
{
	struct inode *child;
	char line[320];

	if (vfs_lookup_nofollow(rootfs(), dir, name, &child) != 0)
		return;
	int n = ksnprintf(line, sizeof(line), "%c %o %llu %s\n", type_letter(child->type),
			  child->mode, (unsigned long long)child->size, name);
	inode_put(child);
	add(a, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* Every entry of dir but . and ..; vfs_lock held. */
static int list(struct answer *a, struct inode *dir)
{
	char buf[1024];
	uint64_t pos = 0;
	long got;

	while ((got = vfs_getdents64(dir, &pos, buf, sizeof(buf))) > 0)
		for (long at = 0; at < got; at += ((struct linux_dirent64 *)(buf + at))->d_reclen) {
			const char *name = ((struct linux_dirent64 *)(buf + at))->d_name;
			if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
				add_entry(a, dir, name);
		}
	return (int)got;
}

static int preview(struct answer *a, struct inode *file)
{
	if (file->type != INODE_FILE)
		return -EISDIR;
	long got = vfs_read(file, 0, a->text + a->len, FILE_PREVIEW_MAX);
	if (got > 0)
		a->len += (size_t)got;
	return got < 0 ? (int)got : 0;
}

/* Serve "list PATH" or "read PATH" into a. */
static int serve(struct answer *a, const char *request)
{
	bool listing = strncmp(request, "list ", 5) == 0;
	struct inode *node;

	if (!listing && strncmp(request, "read ", 5) != 0)
		return -EINVAL;
	vfs_lock();
	int err = vfs_lookup(rootfs(), NULL, request + 5, &node);
	if (!err) {
		add(a, "ok\n", 3);
		err = listing ? list(a, node) : preview(a, node);
		inode_put(node);
	}
	vfs_unlock();
	return err;
}

static void answer(char *request, struct answer *a)
{
	a->len = 0;
	int err = serve(a, request);
	if (err)
		a->len = (size_t)ksnprintf(a->text, ANSWER_MAX, "error %s\n", errno_name(-err));
	aurora_file_answer(a->text, a->len);
}

static void take_request(char *request)
{
	spin_lock(&service_lock);
	while (aurora_file_request(request, REQUEST_MAX) < 0)
		wait_sleep(&requests, &service_lock);
	spin_unlock(&service_lock);
}

static void file_service_main(void *arg)
{
	char *request = kmalloc(REQUEST_MAX);
	struct answer a = { kmalloc(ANSWER_MAX), 0 };

	(void)arg;
	if (!request || !a.text) {
		kprintf("file service: no memory: the desktop's file browser will not answer\n");
		kfree(request);
		kfree(a.text);
		return;
	}
	for (;;) {
		take_request(request);
		answer(request, &a);
	}
}

void file_service_poll(void)
{
	if (!aurora_file_request_pending())
		return;
	spin_lock(&service_lock);
	wait_wake_all(&requests);
	spin_unlock(&service_lock);
}

void file_service_start(void)
{
	wait_queue_init(&requests);
	if (thread_create("file service", file_service_main, NULL, 0) < 0)
		kprintf("file service: no thread: the desktop's file browser will not answer\n");
}
