/* Process system calls: life, death, identity, sleep and capabilities. */
#include "aurora/aurora.h"
#include "aurora/time.h"
#include "aurora/wait.h"
#include "caps.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "hal.h"
#include "kmalloc.h"
#include "physmem.h"
#include "process.h"
#include "signal_kernel.h"
#include "string.h"
#include "syscalls.h"
#include "thread.h"
#include "user_memory.h"
#include "vm.h"

static struct process *self(void)
{
	return process_current();
}

long sys_fork(const uint64_t *a)
{
	(void)a;
	return process_fork();
}

/* vfork may share memory or not (POSIX): Aurora's is a copy-on-write fork. */
long sys_vfork(const uint64_t *a)
{
	(void)a;
	return process_fork();
}

long sys_exit(const uint64_t *a)
{
	process_exit(((int)a[0] & 0xff) << 8);
}

/* One thread per process: exit_group is exit. */
long sys_exit_group(const uint64_t *a)
{
	process_exit(((int)a[0] & 0xff) << 8);
}

#define RUSAGE_SIZE 144

long sys_wait4(const uint64_t *a)
{
	static const uint8_t no_usage[RUSAGE_SIZE];
	int status;

	if (a[2] & ~(uint64_t)(WNOHANG | WUNTRACED | WCONTINUED) || (int)a[0] == (int)0x80000000)
		return -EINVAL;
	long pid = process_wait((int)a[0], &status, (int)a[2]);
	if (pid <= 0)
		return pid;
	/* The child is gone either way; a bad pointer only loses its status. */
	if (a[1] && uvm_copy_out(self()->uvm, a[1], &status, sizeof(status)) != 0)
		return -EFAULT;
	if (a[3] && uvm_copy_out(self()->uvm, a[3], no_usage, sizeof(no_usage)) != 0)
		return -EFAULT;
	return pid;
}

long sys_getpid(const uint64_t *a)
{
	(void)a;
	return self()->pid;
}

long sys_gettid(const uint64_t *a)
{
	(void)a;
	return self()->pid;
}

long sys_getppid(const uint64_t *a)
{
	(void)a;
	return self()->parent ? self()->parent->pid : 0;
}

/* Everyone is root until Aurora has users. */
long sys_getuid(const uint64_t *a)
{
	(void)a;
	return 0;
}

long sys_getgid(const uint64_t *a)
{
	(void)a;
	return 0;
}

long sys_geteuid(const uint64_t *a)
{
	(void)a;
	return 0;
}

long sys_getegid(const uint64_t *a)
{
	(void)a;
	return 0;
}

long sys_set_tid_address(const uint64_t *a)
{
	(void)a;
	return self()->pid;
}

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

long sys_arch_prctl(const uint64_t *a)
{
	switch (a[0]) {
	case ARCH_SET_FS:
		if (a[1] >= USER_END)
			return -EPERM;	/* what Linux says of a kernel address */
		thread_set_tls(a[1]);
		return 0;
	case ARCH_GET_FS:
		return uvm_copy_out(self()->uvm, a[1], &thread_current()->tls_base, sizeof(uint64_t));
	default:
		return -EINVAL;
	}
}

long sys_sched_yield(const uint64_t *a)
{
	(void)a;
	thread_yield();
	return 0;
}

/* Sleep until the clock reads deadline: 0; or, if a signal comes first,
   the time left written to rem_at (if not 0) and a restart through
   restart_syscall, which sleeps on to the same deadline. */
static long sleep_until(uint64_t deadline, uint64_t rem_at)
{
	struct process *p = self();
	uint64_t now;

	while ((now = hal.clock_ns()) < deadline) {
		if (signal_pending_now()) {
			uint64_t left = deadline - now;
			struct timespec rem = { (int64_t)(left / 1000000000ull),
						(int64_t)(left % 1000000000ull) };

			if (rem_at)
				uvm_copy_out(p->uvm, rem_at, &rem, sizeof(rem));
			p->restart_deadline = deadline;
			p->restart_remaining_at = rem_at;
			return -ERESTART_RESTARTBLOCK;
		}
		thread_sleep(deadline - now);
	}
	return 0;
}

#define MAX_SLEEP_NS (100000000ull * 1000000000ull)	/* ~3 years: no overflow */

long sys_nanosleep(const uint64_t *a)
{
	struct timespec req;

	if (uvm_copy_in(self()->uvm, &req, a[0], sizeof(req)) != 0)
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)req.tv_sec * 1000000000ull + (uint64_t)req.tv_nsec;
	if (req.tv_sec > 100000000)
		ns = MAX_SLEEP_NS;
	return sleep_until(hal.clock_ns() + ns, a[1]);
}

/* The second half of a system call a signal interrupted (only nanosleep
   has one); called on its own, there is nothing to restart. */
long sys_restart_syscall(const uint64_t *a)
{
	struct process *p = self();
	uint64_t deadline = p->restart_deadline;

	(void)a;
	if (!deadline)
		return -EINTR;
	p->restart_deadline = 0;
	return sleep_until(deadline, p->restart_remaining_at);
}

long sys_aurora_cap_get(const uint64_t *a)
{
	(void)a;
	return self()->caps;
}

long sys_aurora_cap_drop(const uint64_t *a)
{
	struct process *p = self();

	if (a[1] & ~(uint64_t)CAP_DROP_ON_EXEC)
		return -EINVAL;
	if (a[1] & CAP_DROP_ON_EXEC)
		p->caps_drop_on_exec |= (uint32_t)a[0] & CAP_ALL;
	else
		p->caps = cap_drop(p->caps, (uint32_t)a[0]);
	return p->caps;
}

struct ps_walk {
	uint64_t ubuf, n, count;
	int err;
};

static void describe(struct process *p, void *ctx)
{
	struct ps_walk *w = ctx;
	struct aurora_procinfo info = {
		.pid = p->pid, .ppid = p->parent ? p->parent->pid : 0, .caps = p->caps,
		.state = p->state == PROCESS_ZOMBIE ? 'Z' : p->state == PROCESS_STOPPED ? 'T' :
			 p->thread && p->thread->se.state == TASK_BLOCKED ? 'S' : 'R',
		.pages = p->uvm ? p->uvm->pages : 0,
	};

	strlcpy(info.name, p->name, sizeof(info.name));
	if (w->count < w->n && !w->err)
		w->err = uvm_copy_out(self()->uvm, w->ubuf + w->count * sizeof(info), &info,
				      sizeof(info));
	w->count++;
}

long sys_aurora_ps(const uint64_t *a)
{
	struct ps_walk w = { a[0], a[1], 0, 0 };

	process_for_each(describe, &w);
	return w.err ? w.err : (long)w.count;
}

long sys_aurora_kmalloc_bench(const uint64_t *a)
{
	uint64_t size = a[0], count = a[1];

	if (size == 0 || size > KMALLOC_BENCH_MAX_SIZE || count > KMALLOC_BENCH_MAX_COUNT)
		return -EINVAL;
	for (uint64_t i = 0; i < count; i++) {
		void *block = kmalloc(size);

		if (!block)
			return -ENOMEM;
		kfree(block);
	}
	return 0;
}

long sys_aurora_meminfo(const uint64_t *a)
{
	struct aurora_meminfo info = { .processes = process_count() };
	struct kheap_stats heap;

	frames_count(&info.free_frames, &info.total_frames);
	kmalloc_stats(&heap);
	info.heap_bytes_in_use = heap.bytes_requested;

	return uvm_copy_out(self()->uvm, a[0], &info, sizeof(info));
}
