/*
 * Processes: creation, fork, exit, wait and signals; see process.h.  The
 * family tree and every process's state change under process_lock, which
 * (like every spinlock here) keeps interrupts off, so on one CPU no other
 * thread sees a half-made change.
 */
#include "aurora/aurora.h"
#include "aurora/fcntl.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "physmem.h"
#include "process.h"
#include "rootfs.h"
#include "signal.h"
#include "spinlock.h"
#include "string.h"
#include "trap.h"
#include "user_memory.h"
#include "vm.h"

static struct spinlock process_lock = SPINLOCK_INIT("processes");
static struct list_node all_processes = { &all_processes, &all_processes };
static unsigned nprocesses;
static int next_pid = 1;
static struct process *init_process;

struct process *process_current(void)
{
	struct thread *t = thread_current();

	return t ? t->proc : NULL;
}

struct trap_frame *process_user_frame(struct process *p)
{
	const struct kstack *stack = p->thread->stack;

	return (struct trap_frame *)(stack->base + stack->size) - 1;
}

/* A process with an empty address space and nothing else, or NULL. */
static struct process *process_alloc(const char *name)
{
	struct process *p = kmalloc(sizeof(*p));

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	strlcpy(p->name, name, PROCESS_NAME_MAX);
	list_init(&p->children);
	wait_queue_init(&p->child_exited);
	if (!(p->uvm = kmalloc(sizeof(*p->uvm))) || user_memory_create(p->uvm) != 0) {
		kfree(p->uvm);
		kfree(p);
		return NULL;
	}
	return p;
}

/* Undo process_alloc and whatever was added before the process ran. */
static void process_free_unstarted(struct process *p)
{
	fd_close_all(p);
	if (p->cwd) {
		vfs_put(p->cwd);
	}
	uvm_destroy(p->uvm);
	kfree(p->uvm);
	kfree(p->start_frame);
	kfree(p->start_fpu);
	kfree(p);
}

/* The thread of a new process: from the kernel straight to user mode. */
static void process_thread_main(void *arg)
{
	struct process *p = arg;
	struct thread *t = thread_current();
	struct trap_frame tf = *p->start_frame;

	spin_lock(&process_lock);	/* kill and ps read p->thread */
	t->proc = p;
	p->thread = t;
	spin_unlock(&process_lock);
	kfree(p->start_frame);
	p->start_frame = NULL;
	thread_set_page_table(p->uvm->as.root);
	thread_set_tls(p->start_tls);
	if (p->start_fpu)
		hal.fpu_load(p->start_fpu);
	else
		hal.fpu_reset();
	kfree(p->start_fpu);
	p->start_fpu = NULL;
	hal.disable_interrupts();	/* until IRET: see syscall_entry.S */
	hal.enter_user(&tf);
}

/* Give p a pid and a parent and start it; its pid, or -EAGAIN/-ENOMEM
   (and p is freed). */
static int process_start(struct process *p, struct process *parent)
{
	spin_lock(&process_lock);
	if (nprocesses >= MAX_PROCESSES) {
		spin_unlock(&process_lock);
		process_free_unstarted(p);
		return -EAGAIN;
	}
	nprocesses++;
	p->pid = next_pid++;
	p->parent = parent;
	if (parent)
		list_push_back(&parent->children, &p->sibling_link);
	list_push_back(&all_processes, &p->all_link);
	spin_unlock(&process_lock);

	int tid = thread_create(p->name, process_thread_main, p, 0);
	if (tid < 0) {
		spin_lock(&process_lock);
		nprocesses--;
		list_remove(&p->all_link);
		if (parent)
			list_remove(&p->sibling_link);
		spin_unlock(&process_lock);
		process_free_unstarted(p);
		return tid;
	}
	return p->pid;
}

void process_start_init(const char *path)
{
	struct process *p = process_alloc("init");
	char *const argv[] = { (char *)path, NULL };
	char *const envp[] = { "PATH=/bin", "HOME=/", NULL };
	struct file *console[3];

	if (!p || !(p->start_frame = kmalloc(sizeof(*p->start_frame))))
		panic("no memory for init");
	p->cwd = rootfs_root();
	p->caps = CAP_ALL;
	for (int fd = 0; fd < 3; fd++) {
		if (vfs_open(NULL, "/dev/console", fd == 0 ? O_RDONLY : O_WRONLY, 0, &console[fd]))
			panic("init has no /dev/console");
		fd_install(p, console[fd], fd);
	}
	int err = exec_load(p->uvm, p->cwd, path, argv, envp, p->start_frame);
	if (err)
		panic("cannot start %s: %s", path, errno_name(-err));
	init_process = p;
	if (process_start(p, NULL) < 0)
		panic("cannot start init");
}

long process_fork(void)
{
	struct process *parent = process_current();
	struct process *child = process_alloc(parent->name);

	if (!child)
		return -ENOMEM;
	child->start_fpu = kmalloc(hal.fpu_state_size);
	if (!(child->start_frame = kmalloc(sizeof(*child->start_frame))) || !child->start_fpu) {
		process_free_unstarted(child);
		return -ENOMEM;
	}
	int err = uvm_fork(child->uvm, parent->uvm);
	/* Pages the parent could write are read-only now: forget what the
	   TLB remembers of them. */
	hal.set_page_table(parent->uvm->as.root);
	if (err) {
		process_free_unstarted(child);
		return err;
	}
	*child->start_frame = *process_user_frame(parent);
	hal.set_syscall_result(child->start_frame, 0);	/* fork returns 0 in the child */
	child->start_tls = parent->thread->tls_base;
	hal.fpu_save(child->start_fpu);	/* a child has all its parent's registers */
	fd_copy_table(child, parent);
	vfs_lock();
	child->cwd = inode_get(parent->cwd);
	vfs_unlock();
	child->caps = parent->caps;
	child->caps_drop_on_exec = parent->caps_drop_on_exec;
	child->signals_blocked = parent->signals_blocked;
	child->signals_ignored = parent->signals_ignored;
	return process_start(child, parent);
}

/* Hand p's children to init, waking init if one is already a zombie.
   process_lock is held. */
static void reparent_children(struct process *p)
{
	bool zombie = false;

	spin_assert_held(&process_lock, "reparent_children");
	while (!list_empty(&p->children)) {
		struct process *c = container_of(p->children.next, struct process, sibling_link);

		list_remove(&c->sibling_link);
		c->parent = init_process;
		list_push_back(&init_process->children, &c->sibling_link);
		zombie |= c->state == PROCESS_ZOMBIE;
	}
	if (zombie)
		wait_wake_all(&init_process->child_exited);
}

struct uvm *process_swap_uvm(struct process *p, struct uvm *fresh)
{
	spin_lock(&process_lock);	/* ps reads p->uvm under it */
	struct uvm *old = p->uvm;
	p->uvm = fresh;
	spin_unlock(&process_lock);
	return old;
}

void process_set_name(struct process *p, const char *name)
{
	spin_lock(&process_lock);
	strlcpy(p->name, name, PROCESS_NAME_MAX);
	spin_unlock(&process_lock);
	thread_set_name(name);
}

/*
 * After every exit, the structures a process leaves behind are checked
 * with their shared checkers: a broken invariant is a kernel bug, found
 * near its cause instead of as a fault much later (docs/concurrency.md).
 * They walk every frame, so make bench boots with "nochecks".
 */
bool process_exit_checks = true;

static void check_after_exit(struct process *p, const char *what, bool ok, const char *why)
{
	if (!ok)
		kprintf("*** KERNEL BUG: %s invariant broken after process %d (%s) exited: %s\n",
			what, p->pid, p->name, why);
}

static void check_address_space(struct process *p)
{
	char why[128];

	if (process_exit_checks)
		check_after_exit(p, "address space", uvm_check(p->uvm, why, sizeof(why)), why);
}

static void check_allocators(struct process *p)
{
	char why[128];

	if (!process_exit_checks)
		return;
	check_after_exit(p, "frame allocator", frames_check(why, sizeof(why)), why);
	check_after_exit(p, "kernel heap", kmalloc_check(why, sizeof(why)), why);
}

void process_exit(int wait_status)
{
	struct process *p = process_current();

	if (p == init_process)
		panic("init exited (wait status 0x%x)", wait_status);
	hal.enable_interrupts();
	check_address_space(p);
	fd_close_all(p);
	vfs_put(p->cwd);
	p->cwd = NULL;
	thread_set_page_table(kernel_as.root);
	struct uvm *uvm = process_swap_uvm(p, NULL);
	uvm_destroy(uvm);
	kfree(uvm);
	check_allocators(p);

	spin_lock(&process_lock);
	reparent_children(p);
	p->state = PROCESS_ZOMBIE;
	p->wait_status = wait_status;
	wait_wake_all(&p->parent->child_exited);
	spin_unlock(&process_lock);
	thread_exit(0);
}

static uint64_t signal_bit(int sig)
{
	return 1ull << (sig - 1);
}

/* Signals that would terminate p if it returned to user mode now.
   process_lock is held: kill sets pending bits from other threads. */
static uint64_t deliverable(const struct process *p)
{
	spin_assert_held(&process_lock, "deliverable");
	return p->signals_pending & (~p->signals_blocked | signal_bit(SIGKILL));
}

/* deliverable(), taking process_lock for it. */
static uint64_t deliverable_now(const struct process *p)
{
	spin_lock(&process_lock);
	uint64_t sigs = deliverable(p);
	spin_unlock(&process_lock);
	return sigs;
}

void process_set_ignored(struct process *p, int sig, bool ignored)
{
	spin_lock(&process_lock);
	if (ignored) {
		p->signals_ignored |= signal_bit(sig);
		p->signals_pending &= ~signal_bit(sig);
	} else {
		p->signals_ignored &= ~signal_bit(sig);
	}
	spin_unlock(&process_lock);
}

uint64_t process_set_blocked(struct process *p, int how, uint64_t set)
{
	spin_lock(&process_lock);
	uint64_t old = p->signals_blocked;
	if (how == SIG_BLOCK)
		p->signals_blocked |= set;
	else if (how == SIG_UNBLOCK)
		p->signals_blocked &= ~set;
	else if (how == SIG_SETMASK)
		p->signals_blocked = set;
	spin_unlock(&process_lock);
	return old;
}

/* Is c one that wait4(pid) waits for? */
static bool wait_matches(const struct process *c, int pid)
{
	return pid == -1 || c->pid == pid;
}

/* A zombie child matching pid, or NULL; *any says whether any child
   matches.  process_lock is held. */
static struct process *find_zombie(struct process *p, int pid, bool *any)
{
	struct list_node *n;

	spin_assert_held(&process_lock, "find_zombie");
	*any = false;
	list_for_each(n, &p->children) {
		struct process *c = container_of(n, struct process, sibling_link);

		if (!wait_matches(c, pid))
			continue;
		*any = true;
		if (c->state == PROCESS_ZOMBIE)
			return c;
	}
	return NULL;
}

/* Free a zombie that is off every list. */
static void reap(struct process *z)
{
	thread_join(z->thread->tid, NULL);	/* waits for it to be off the CPU */
	kfree(z);
}

long process_wait(int pid, int *wait_status, bool nohang)
{
	struct process *p = process_current();
	struct process *z;
	bool any;

	if (pid == 0 || pid < -1)
		return -EINVAL;	/* process groups: not in Aurora */
	spin_lock(&process_lock);
	while (!(z = find_zombie(p, pid, &any))) {
		long err = !any ? -ECHILD : nohang ? 0 : deliverable(p) ? -EINTR : 1;

		if (err != 1) {
			spin_unlock(&process_lock);
			return err;
		}
		wait_sleep(&p->child_exited, &process_lock);
	}
	list_remove(&z->sibling_link);
	list_remove(&z->all_link);
	nprocesses--;
	spin_unlock(&process_lock);
	*wait_status = z->wait_status;
	pid = z->pid;
	reap(z);
	return pid;
}

/* The process numbered pid, or NULL.  process_lock is held. */
static struct process *find_process(int pid)
{
	struct list_node *n;

	spin_assert_held(&process_lock, "find_process");
	list_for_each(n, &all_processes) {
		struct process *p = container_of(n, struct process, all_link);

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

long process_signal(int pid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;	/* process groups and broadcast: not in Aurora */
	spin_lock(&process_lock);
	struct process *p = find_process(pid);
	if (!p) {
		spin_unlock(&process_lock);
		return -ESRCH;
	}
	/* As on Linux, init gets only the signals it asks for, and it asks
	   for none: the system would end with it. */
	bool ignored = sig == 0 || signal_ignored_by_default(sig) || p == init_process ||
		       (sig != SIGKILL && (p->signals_ignored & signal_bit(sig)));
	if (!ignored && p->state == PROCESS_ALIVE) {
		p->signals_pending |= signal_bit(sig);
		if (deliverable(p) && p->thread)
			thread_interrupt(p->thread);
	}
	spin_unlock(&process_lock);
	return 0;
}

bool process_interrupted(void)
{
	struct process *p = process_current();

	return p && deliverable_now(p);
}

void process_deliver_signals(void)
{
	struct process *p = process_current();
	uint64_t sigs = p ? deliverable_now(p) : 0;

	if (!sigs)
		return;
	int sig = __builtin_ctzll(sigs) + 1;
	process_exit(sig);	/* the wait status of death by signal sig */
}

void process_fault(struct trap_frame *tf, int sig, const char *what)
{
	struct process *p = process_current();

	kprintf("*** process %d (%s): %s at rip %lx: killed by signal %d (%s)\n",
		p->pid, p->name, what, hal.user_pc(tf), sig, signal_name(sig));
	process_exit(sig);
}

void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx)
{
	struct list_node *n;

	spin_lock(&process_lock);
	list_for_each(n, &all_processes)
		fn(container_of(n, struct process, all_link), ctx);
	spin_unlock(&process_lock);
}

unsigned process_count(void)
{
	spin_lock(&process_lock);
	unsigned n = nprocesses;
	spin_unlock(&process_lock);
	return n;
}
