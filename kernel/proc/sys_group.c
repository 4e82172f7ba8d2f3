/*
 * Process groups and sessions, as a shell's job control uses them: each
 * job is a group, so one signal reaches all of its processes; a session is
 * the set of groups that share a terminal.  pgid and sid change under
 * process_lock, which every lookup here holds.
 */
#include "errno.h"
#include "process.h"
#include "spinlock.h"
#include "syscalls.h"

/* setpgid's rules: the caller moves itself or a child of its session that
   does not lead a session, into a group of its session or a new one. */
static long move_to_group(struct process *self, struct process *p, int pgid)
{
	if (!p || (p != self && p->parent != self))
		return -ESRCH;
	if (p->sid != self->sid || p->sid == p->pid)
		return -EPERM;
	if (pgid != p->pid && !process_group_exists(pgid, self->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long sys_setpgid(const uint64_t *a)
{
	struct process *self = process_current();
	int pid = (int)a[0] ? (int)a[0] : self->pid;
	int pgid = (int)a[1] ? (int)a[1] : pid;

	if ((int)a[1] < 0 || (int)a[0] < 0)
		return -EINVAL;
	spin_lock(&process_lock);
	long err = move_to_group(self, process_find(pid), pgid);
	spin_unlock(&process_lock);
	return err;
}

long sys_setsid(const uint64_t *a)
{
	struct process *self = process_current();
	long ret = -EPERM;	/* a group leader cannot leave its group */

	(void)a;
	spin_lock(&process_lock);
	if (!process_group_exists(self->pid, 0)) {
		self->pgid = self->sid = self->pid;
		ret = self->pid;
	}
	spin_unlock(&process_lock);
	return ret;
}

/* getpgid and getsid: a field of process pid (0: the caller). */
static long lookup(int pid, bool session)
{
	long ret = -ESRCH;

	if (pid < 0)
		return -ESRCH;
	spin_lock(&process_lock);
	struct process *p = pid ? process_find(pid) : process_current();
	if (p)
		ret = session ? p->sid : p->pgid;
	spin_unlock(&process_lock);
	return ret;
}

long sys_getpgid(const uint64_t *a)
{
	return lookup((int)a[0], false);
}

long sys_getpgrp(const uint64_t *a)
{
	(void)a;
	return lookup(0, false);
}

long sys_getsid(const uint64_t *a)
{
	return lookup((int)a[0], true);
}
