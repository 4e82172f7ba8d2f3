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
#include "thread.h"
#include "uvm.h"

#define MAX_FDS		64
#define MAX_PROCESSES	64
#define PROCESS_NAME_MAX 16

struct file;
struct inode;
struct trap_frame;

enum process_state { PROCESS_ALIVE, PROCESS_ZOMBIE };

struct process {
	int pid;
	char name[PROCESS_NAME_MAX];
	enum process_state state;
	int wait_status;		/* Linux encoding, once a zombie */
	struct process *parent;
	struct list_node children;	/* processes, by sibling_link */
	struct list_node sibling_link;
	struct list_node all_link;
	struct wait_queue child_exited;	/* wait4 sleeps here */
	struct thread *thread;
	struct uvm *uvm;		/* NULL once it has exited */
	struct file *files[MAX_FDS];
	uint64_t cloexec;		/* bit fd: close on execve */
	struct inode *cwd;
	uint32_t caps;			/* CAP_* (aurora/caps.h) */
	uint32_t caps_drop_on_exec;
	/* Signals, one bit each (bit sig - 1).  Every action is the default
	   one or "ignore": a deliverable signal terminates the process. */
	uint64_t signals_pending, signals_blocked, signals_ignored;
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
/* rt_sigaction's effect: ignore sig (dropping it if pending), or not. */
void process_set_ignored(struct process *p, int sig, bool ignored);
/* rt_sigprocmask's effect (how: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, or
   anything else to change nothing); the mask before. */
uint64_t process_set_blocked(struct process *p, int how, uint64_t set);

/* System call bodies (sys_proc.c); each returns a result or -errno. */
long process_fork(void);
__attribute__((noreturn)) void process_exit(int wait_status);
long process_wait(int pid, int *wait_status, bool nohang);
long process_signal(int pid, int sig);

/* Terminate the current process if a signal says so: before every return
   to user mode. */
void process_deliver_signals(void);
/* A fault in user mode: report it and kill the process with `sig`. */
__attribute__((noreturn)) void process_fault(struct trap_frame *tf, int sig, const char *what);
/* Should a wait in a system call give up (a signal is pending)? */
bool process_interrupted(void);

/* For aurora_ps and the monitor. */
void process_for_each(void (*fn)(struct process *p, void *ctx), void *ctx);
unsigned process_count(void);

#endif
