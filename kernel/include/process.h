/*
 * User processes.  A process is one kernel thread (thread.h) that spends
 * most of its life in ring 3, plus what it owns: an address space (uvm.h),
 * open files, a current directory, a capability set, and its place in the
 * family tree: a parent that will collect its exit status with wait4, and
 * children.  A process that exits stays a zombie, holding only its status
 * and its thread's stack, until its parent collects it; children outlive
 * their parent by becoming children of init (pid 1), which reaps them.
 */
#ifndef AURORA_PROCESS_H
#define AURORA_PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "signal.h"
#include "thread.h"
#include "uvm.h"

#define MAX_PROCESSES	64
#define PROCESS_NAME_MAX 16
#define FD_LIMIT	1024	/* RLIMIT_NOFILE, soft and hard, as Linux's default */

struct file;
struct inode;
struct trap_frame;

/* A process's descriptors (file.h): slots for 0 .. size - 1, grown as
   higher ones are installed, so a process with a few descriptors holds a
   small table; a descriptor is always below the limit in force when it
   was installed. */
struct fd_slot {
	struct file *file;	/* NULL: no descriptor */
	bool cloexec;		/* close on execve */
};

struct fd_table {
	struct fd_slot *slots;
	unsigned size;
	unsigned limit, limit_max;	/* RLIMIT_NOFILE: soft and hard */
};

enum process_state { PROCESS_ALIVE, PROCESS_STOPPED, PROCESS_ZOMBIE };

/* What wait4 has yet to report of a child besides its exit. */
enum process_report { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED };

struct process {
	int pid;
	char name[PROCESS_NAME_MAX];
	enum process_state state;
	int wait_status;		/* Linux encoding, once a zombie */
	enum process_report report;	/* for WUNTRACED, WCONTINUED */
	int stop_signal;		/* what stopped it */
	int pgid, sid;			/* process group and session */
	struct process *parent;
	struct list_node children;	/* processes, by sibling_link */
	struct list_node sibling_link;
	struct list_node all_link;
	struct wait_queue child_exited;	/* wait4 sleeps here */
	struct wait_queue continued;	/* a stopped process sleeps here */
	struct thread *thread;
	struct uvm *uvm;		/* NULL once it has exited */
	struct fd_table fds;
	struct inode *cwd;
	uint32_t umask;			/* permission bits new files do not get */
	uint32_t caps;			/* CAP_* (aurora/caps.h) */
	uint32_t caps_drop_on_exec;
	/* Signals (signal.h): sets of one bit each, and an action each. */
	uint64_t signals_pending, signals_blocked;
	struct kernel_sigaction actions[NSIG];	/* signal sig at sig - 1 */
	struct signal_origin origins[NSIG];	/* who sent each pending one */
	struct signal_stack altstack;		/* sigaltstack's; size 0: none */
	uint64_t restore_mask;		/* rt_sigsuspend's mask to go back to */
	bool restoring_mask;		/* ... once a handler has run */
	uint64_t restart_deadline;	/* nanosleep restarted by restart_syscall */
	uint64_t restart_remaining_at;	/* its user pointer for the time left */
	struct trap_frame *start_frame;	/* a new process's first user registers */
	uint64_t start_tls;
	uint8_t *start_fpu;		/* and x87/SSE registers (after fork) */
};

/* Find init's program, start it as pid 1 on the console; panics on failure. */
void process_start_init(const char *path);

struct process *process_current(void);
/* The user registers saved when the current process entered the kernel. */
struct trap_frame *process_user_frame(struct process *p);

/* Check the address space, the frame allocator and the heap after every
   exit (a KERNEL BUG line if one is broken); "nochecks" on the command
   line turns it off, for make bench. */
extern bool process_exit_checks;

/* Give p (the current process) the address space `fresh`; the old one,
   for the caller to destroy.  ps reads p->uvm under the process lock, so
   it never sees one being freed. */
struct uvm *process_swap_uvm(struct process *p, struct uvm *fresh);
/* Rename the current process p and its thread (exec). */
void process_set_name(struct process *p, const char *name);
/* System call bodies (sys_proc.c); each returns a result or -errno. */
long process_fork(void);
__attribute__((noreturn)) void process_exit(int wait_status);
/* wait4: pid > 0 that child, -1 any, 0 the caller's group, < -1 group -pid;
   options WNOHANG, WUNTRACED, WCONTINUED (aurora/wait.h). */
long process_wait(int pid, int *wait_status, int options);

/*
 * The process table's lock, for the rest of kernel/proc (signals, process
 * groups): the family tree, every process's state, pgid, sid and signal
 * sets change under it.  Like every spinlock, it keeps interrupts off.
 */
extern struct spinlock process_lock;
/* The process numbered pid, or NULL.  process_lock is held. */
struct process *process_find(int pid);
/* Is there a group pgid (in session sid, or any if 0)?  process_lock is held. */
bool process_group_exists(int pgid, int sid);
/* Is process pid alive (not a zombie)?  process_lock is held. */
bool process_alive(int pid);
/* Is p init, which gets only the signals it asks for? */
bool process_is_init(const struct process *p);
/* Tell p's parent that p stopped or continued (wait4, SIGCHLD).
   process_lock is held. */
void process_report_to_parent(struct process *p, enum process_report what);
/* Call fn on every process; process_lock is held. */
void process_for_each_locked(void (*fn)(struct process *p, void *ctx), void *ctx);

/* Ctrl-T: a "status: pid N (name): ..." line for each process of group
   pgid (running, blocked in <system call>, stopped, exited). */
void process_print_group_status(int pgid);

/* For aurora_ps and the monitor. */
void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx);
unsigned process_count(void);

#endif
