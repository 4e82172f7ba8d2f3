/*
 * Signals in the kernel: sending them (signal_send.c) and acting on them
 * on the way back to user mode (signal_deliver.c).  The rules they follow
 * are shared code (signal.h); the frame a handler runs on is the target's
 * (hal.h).  Every signal set and action changes under process_lock.
 */
#ifndef AURORA_SIGNAL_KERNEL_H
#define AURORA_SIGNAL_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include "signal.h"

struct process;
struct trap_frame;

/* kill(2): pid > 0 one process, 0 the caller's group, -1 every process
   but init and the caller, < -1 the group -pid.  0 or -errno. */
long signal_kill(int pid, int sig);
/* Send sig to p, as the kernel (SI_KERNEL): SIGPIPE, a terminal's. */
void signal_send(struct process *p, int sig);
/* The same, with process_lock held. */
void signal_send_locked(struct process *p, int sig);
/* Send sig to every process in group pgid (the terminal's keys); how many. */
int signal_send_group(int pgid, int sig);
/* Tell p's parent that p exited, stopped or continued (SIGCHLD, wait4).
   process_lock is held. */
void signal_child_changed(struct process *p);

/* The system call that returned `result` (number nr), for restarting. */
struct syscall_return {
	uint64_t nr;
	long result;
};
/* Before every return to user mode: act on the deliverable signals:
   terminate, stop, or push a handler's frame onto tf.  sc is the system
   call being returned from, or NULL. */
void signal_deliver(struct trap_frame *tf, const struct syscall_return *sc);
/* A fault in user mode: sig goes to the process's handler if it has one
   unblocked; otherwise the fault is reported and the process dies. */
void signal_fault(struct trap_frame *tf, int sig, int code, uint64_t addr, const char *what);
/* Does p ignore or block sig (the terminal's SIGTTIN, SIGTTOU)? */
bool signal_ignored_or_blocked(struct process *p, int sig);
/* Should a wait in a system call give up (a signal is deliverable)? */
bool signal_pending_now(void);
/* The same, with process_lock held. */
bool signal_pending_locked(const struct process *p);
/* rt_sigreturn: back to where the handler interrupted; its result. */
long signal_return(struct trap_frame *tf);
/* rt_sigsuspend: wait with `mask` blocked until a handler runs. */
long signal_suspend(uint64_t mask);
/* rt_sigprocmask: change the blocked set (how SIG_BLOCK, ...; anything
   else leaves it); the old set. */
uint64_t signal_set_blocked(int how, uint64_t set);
/* rt_sigaction: old gets the action before (if not NULL), act the new
   one (if not NULL). */
void signal_set_action(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old);
/* execve: handlers are gone with the program, so caught signals go back
   to their default action; ignored ones stay ignored, and the mask and
   pending set stay too (POSIX). */
void signal_reset_for_exec(struct process *p);

#endif
