/*
 * execve: replace the calling process's program.  The arguments are copied
 * out of the old address space first, the new program is loaded into a
 * fresh one, and only when that has worked is the old one thrown away, so
 * a failed execve returns to a caller that is exactly as it was.
 */
#include "errno.h"
#include "exec.h"
#include "signal_kernel.h"
#include "file.h"
#include "hal.h"
#include "kmalloc.h"
#include "process.h"
#include "string.h"
#include "syscalls.h"
#include "thread.h"
#include "trap.h"
#include "user_memory.h"
#include "vfs.h"
#include "vm.h"

#define EXEC_VECTOR_MAX 1024	/* arguments plus environment entries */

/* Strings copied in from user space: pointers into one buffer. */
struct string_vector {
	char **v;		/* NULL-terminated */
	char *buf;
	size_t count, used;
};

/* Copy the NULL-terminated array of strings at uptr (NULL: empty) into sv,
   whose buffer has `room` bytes left. */
static int copy_vector(struct uvm *uvm, uint64_t uptr, struct string_vector *sv, size_t room)
{
	for (size_t i = 0; uptr; i++) {
		uint64_t ustr;

		if (i >= EXEC_VECTOR_MAX)
			return -E2BIG;
		if (uvm_copy_in(uvm, &ustr, uptr + i * sizeof(ustr), sizeof(ustr)) != 0)
			return -EFAULT;
		if (!ustr)
			break;
		long n = uvm_copy_string_in(uvm, sv->buf + sv->used, ustr, room - sv->used);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
		sv->v[sv->count++] = sv->buf + sv->used;
		sv->used += (size_t)n + 1;
	}
	sv->v[sv->count] = NULL;
	return 0;
}

struct exec_args {
	char *path;
	struct string_vector argv, envp;
};

static void free_args(struct exec_args *e)
{
	kfree(e->path);
	kfree(e->argv.v);
	kfree(e->envp.v);
	kfree(e->argv.buf);
}

static int copy_args(struct uvm *uvm, const uint64_t *a, struct exec_args *e)
{
	memset(e, 0, sizeof(*e));
	e->path = kmalloc(VFS_PATH_MAX);
	e->argv.v = kmalloc((EXEC_VECTOR_MAX + 1) * sizeof(char *));
	e->envp.v = kmalloc((EXEC_VECTOR_MAX + 1) * sizeof(char *));
	e->argv.buf = kmalloc(EXEC_STRINGS_MAX);
	if (!e->path || !e->argv.v || !e->envp.v || !e->argv.buf)
		return -ENOMEM;
	long n = uvm_copy_string_in(uvm, e->path, a[0], VFS_PATH_MAX);
	if (n < 0)
		return (int)n;
	int err = copy_vector(uvm, a[1], &e->argv, EXEC_STRINGS_MAX);
	if (err)
		return err;
	/* The environment's strings follow the arguments' in the same buffer. */
	e->envp.buf = e->argv.buf + e->argv.used;
	return copy_vector(uvm, a[2], &e->envp, EXEC_STRINGS_MAX - e->argv.used);
}

/* The last component of path, for ps and reports. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The point of no return: the new program replaces the old. */
static void replace_image(struct process *p, struct uvm *fresh, const struct trap_frame *tf,
			  const char *path)
{
	struct uvm *old = process_swap_uvm(p, fresh);

	thread_set_page_table(fresh->as.root);
	thread_set_tls(0);
	hal.fpu_reset();
	uvm_destroy(old);
	kfree(old);
	*process_user_frame(p) = *tf;
	fd_close_on_exec(p);
	signal_reset_for_exec(p);
	p->caps &= ~p->caps_drop_on_exec;
	p->caps_drop_on_exec = 0;
	process_set_name(p, base_name(path));
}

long sys_execve(const uint64_t *a)
{
	struct process *p = process_current();
	struct uvm *fresh = kmalloc(sizeof(*fresh));
	struct exec_args e;
	struct trap_frame tf;
	int err = copy_args(p->uvm, a, &e);

	if (!err && !fresh)
		err = -ENOMEM;
	if (!err && (err = user_memory_create(fresh)) == 0) {
		err = exec_load(fresh, p->cwd, e.path, e.argv.v, e.envp.v, &tf);
		if (err)
			uvm_destroy(fresh);
	}
	if (!err)
		replace_image(p, fresh, &tf, e.path);
	else
		kfree(fresh);
	free_args(&e);
	return err;
}
