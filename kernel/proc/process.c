/*
 * Processes: creation, fork, exit, wait and signals; see process.h.  The
 * family tree and every process's state change under process_lock, which
 * (like every spinlock here) keeps interrupts off, so on one CPU no other
 * thread sees a half-made change.
 */
#include "aurora/aurora.h"
#include "aurora/fcntl.h"
#include "aurora/wait.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "hal.h"
#include "invariants.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "physmem.h"
#include "process.h"
#include "rootfs.h"
#include "signal.h"
#include "signal_kernel.h"
#include "spinlock.h"
#include "string.h"
#include "trap.h"
#include "user_memory.h"
#include "vm.h"

struct spinlock process_lock = SPINLOCK_INIT("processes");
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
	fd_table_init(p);
	list_init(&p->children);
	wait_queue_init(&p->child_exited);
	wait_queue_init(&p->continued);
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
	/* init leads the first session and group; the rest are born in
	   their parent's. */
	p->pgid = parent ? parent->pgid : p->pid;
	p->sid = parent ? parent->sid : p->pid;
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
	p->umask = 022;	/* as Linux's init */
	p->caps = CAP_ALL;
	for (int fd = 0; fd < 3; fd++) {
		if (vfs_open(NULL, "/dev/console", fd == 0 ? O_RDONLY : O_WRONLY, 0, &console[fd]))
			panic("init has no /dev/console");
		fd_install(p, console[fd], fd, false);
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
	/* A target whose floating-point state lives elsewhere has none here. */
	bool fpu = hal.fpu_state_size > 0;
	child->start_fpu = fpu ? kmalloc(hal.fpu_state_size) : NULL;
	if (!(child->start_frame = kmalloc(sizeof(*child->start_frame))) || (fpu && !child->start_fpu)) {
		process_free_unstarted(child);
		return -ENOMEM;
	}
	int err = uvm_fork(child->uvm, parent->uvm);
	/* Pages the parent could write are read-only now: forget what the
	   TLB remembers of them. */
	hal.set_page_table(parent->uvm->as.root);
	if (!err)
		err = fd_copy_table(child, parent);
	if (err) {
		process_free_unstarted(child);
		return err;
	}
	*child->start_frame = *process_user_frame(parent);
	hal.set_syscall_result(child->start_frame, 0);	/* fork returns 0 in the child */
	child->start_tls = parent->thread->tls_base;
	if (fpu)
		hal.fpu_save(child->start_fpu);	/* a child has all its parent's registers */
	vfs_lock();
	child->cwd = inode_get(parent->cwd);
	vfs_unlock();
	child->umask = parent->umask;
	child->caps = parent->caps;
	child->caps_drop_on_exec = parent->caps_drop_on_exec;
	child->signals_blocked = parent->signals_blocked;
	memcpy(child->actions, parent->actions, sizeof(child->actions));
	child->altstack = parent->altstack;
	return process_start(child, parent);
}

/* Make init c's parent.  Nobody is left to continue a stopped orphan: as
   Linux does for an orphaned group, hang it up and continue it. */
static void adopt(struct process *c)
{
	list_remove(&c->sibling_link);
	c->parent = init_process;
	list_push_back(&init_process->children, &c->sibling_link);
	if (c->state == PROCESS_STOPPED) {
		signal_send_locked(c, SIGHUP);
		signal_send_locked(c, SIGCONT);
	}
}

/* Hand p's children to init, waking init if one is already a zombie.
   process_lock is held. */
static void reparent_children(struct process *p)
{
	bool zombie = false;

	spin_assert_held(&process_lock, "reparent_children");
	while (!list_empty(&p->children)) {
		struct process *c = container_of(p->children.next, struct process, sibling_link);

		zombie |= c->state == PROCESS_ZOMBIE;
		adopt(c);
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
 * with their shared checkers (invariants.h): a broken invariant is a kernel
 * bug, found near its cause instead of as a fault much later, and named
 * with the lab whose code keeps it.  They walk every frame, so make bench
 * boots with "nochecks".
 */
bool process_exit_checks = true;

static void check_address_space(struct process *p)
{
	if (process_exit_checks && invariants_check_own_space(p, invariant_print_line, NULL))
		kprintf("*** found as process %d (%s) exited\n", p->pid, p->name);
}

static void check_allocators(struct process *p)
{
	if (process_exit_checks && !invariants_hold(AURORA_CHECK_ALL_LABS))
		kprintf("*** found after process %d (%s) exited\n", p->pid, p->name);
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
	signal_child_changed(p);
	spin_unlock(&process_lock);
	thread_exit(0);
}

/* Is c one that wait4(pid) from p waits for? */
static bool wait_matches(const struct process *p, const struct process *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == p->pgid;
	return pid == -1 || c->pgid == -pid;
}

/* Has c something for a wait4 with these options to report? */
static bool wait_reportable(const struct process *c, int options)
{
	if (c->state == PROCESS_ZOMBIE)
		return true;
	if (c->report == REPORT_STOPPED)
		return options & WUNTRACED;
	return c->report == REPORT_CONTINUED && (options & WCONTINUED);
}

/* A child matching pid with something to report, or NULL; *any says
   whether any child matches.  process_lock is held. */
static struct process *find_reportable(struct process *p, int pid, int options, bool *any)
{
	struct list_node *n;

	spin_assert_held(&process_lock, "find_reportable");
	*any = false;
	list_for_each(n, &p->children) {
		struct process *c = container_of(n, struct process, sibling_link);

		if (!wait_matches(p, c, pid))
			continue;
		*any = true;
		if (wait_reportable(c, options))
			return c;
	}
	return NULL;
}

/* The wait status of a stop or continue, which is reported only once. */
static int take_report(struct process *c)
{
	int status = c->report == REPORT_STOPPED ? c->stop_signal << 8 | 0x7f : 0xffff;

	c->report = REPORT_NONE;
	return status;
}

/* Take zombie z off every list and free it; its pid and status. */
static int reap(struct process *z, int *wait_status)
{
	int pid = z->pid;

	spin_assert_held(&process_lock, "reap");
	list_remove(&z->sibling_link);
	list_remove(&z->all_link);
	nprocesses--;
	*wait_status = z->wait_status;
	spin_unlock(&process_lock);
	thread_join(z->thread->tid, NULL);	/* waits for it to be off the CPU */
	kfree(z);
	spin_lock(&process_lock);
	return pid;
}

long process_wait(int pid, int *wait_status, int options)
{
	struct process *p = process_current();
	struct process *c;
	bool any;
	long ret;

	spin_lock(&process_lock);
	while (!(c = find_reportable(p, pid, options, &any))) {
		ret = !any ? -ECHILD : (options & WNOHANG) ? 0 : signal_pending_locked(p) ? -ERESTARTSYS : 1;
		if (ret != 1)
			goto out;
		wait_sleep(&p->child_exited, &process_lock);
	}
	if (c->state == PROCESS_ZOMBIE) {
		ret = reap(c, wait_status);
	} else {
		ret = c->pid;
		*wait_status = take_report(c);
	}
out:
	spin_unlock(&process_lock);
	return ret;
}

struct process *process_find(int pid)
{
	struct list_node *n;

	spin_assert_held(&process_lock, "process_find");
	list_for_each(n, &all_processes) {
		struct process *p = container_of(n, struct process, all_link);

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

struct group_search {
	int pgid, sid;
	bool found;
};

static void find_member(struct process *p, void *ctx)
{
	struct group_search *s = ctx;

	if (p->state != PROCESS_ZOMBIE && p->pgid == s->pgid && (!s->sid || p->sid == s->sid))
		s->found = true;
}

bool process_group_exists(int pgid, int sid)
{
	struct group_search s = { pgid, sid, false };

	process_for_each_locked(find_member, &s);
	return s.found;
}

bool process_alive(int pid)
{
	struct process *p = process_find(pid);

	return p && p->state != PROCESS_ZOMBIE;
}

bool process_is_init(const struct process *p)
{
	return p == init_process;
}

void process_for_each_locked(void (*fn)(struct process *p, void *ctx), void *ctx)
{
	struct list_node *n;

	spin_assert_held(&process_lock, "process_for_each_locked");
	list_for_each(n, &all_processes)
		fn(container_of(n, struct process, all_link), ctx);
}

void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx)
{
	spin_lock(&process_lock);
	process_for_each_locked(fn, ctx);
	spin_unlock(&process_lock);
}

unsigned process_count(void)
{
	spin_lock(&process_lock);
	unsigned n = nprocesses;
	spin_unlock(&process_lock);
	return n;
}
