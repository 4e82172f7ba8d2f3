/*
 * Resource limits: getrlimit and prlimit64, for the calling process.  The
 * one limit a process can change is RLIMIT_NOFILE, its descriptor table's
 * (file.h): lower, or raise up to the hard limit, as Linux allows any
 * process.  The others are Aurora's fixed bounds (the stack region, the
 * process table), or none (RLIM_INFINITY); setting one to anything but
 * what it is is EPERM, since Aurora could not keep it.
 */
#include "aurora/resource.h"
#include "errno.h"
#include "process.h"
#include "spinlock.h"
#include "syscalls.h"

#define UNLIMITED { RLIM_INFINITY, RLIM_INFINITY }

static const struct rlimit fixed_limits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = UNLIMITED,
	[RLIMIT_FSIZE] = UNLIMITED,
	[RLIMIT_DATA] = UNLIMITED,
	[RLIMIT_STACK] = { USER_STACK_MAX, USER_STACK_MAX },	/* the region never grows */
	[RLIMIT_CORE] = { 0, 0 },				/* no core dumps */
	[RLIMIT_RSS] = UNLIMITED,
	[RLIMIT_NPROC] = { MAX_PROCESSES, MAX_PROCESSES },	/* the whole system's */
	[RLIMIT_MEMLOCK] = UNLIMITED,				/* nothing is swapped */
	[RLIMIT_AS] = UNLIMITED,
	[RLIMIT_LOCKS] = UNLIMITED,
	[RLIMIT_SIGPENDING] = UNLIMITED,
	[RLIMIT_MSGQUEUE] = UNLIMITED,
	[RLIMIT_NICE] = { 0, 0 },				/* no priorities to raise */
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = UNLIMITED,
};

/* p's limit of resource (below RLIM_NLIMITS). */
static struct rlimit limit_of(struct process *p, unsigned resource)
{
	if (resource == RLIMIT_NOFILE)
		return (struct rlimit){ p->fds.limit, p->fds.limit_max };
	return fixed_limits[resource];
}

/* Change p's limit of resource to *new: 0, or Linux's -EINVAL (soft
   above hard) or -EPERM (the hard raised), or -EPERM for a fixed one. */
static int set_limit(struct process *p, unsigned resource, const struct rlimit *new)
{
	struct rlimit now = limit_of(p, resource);

	if (new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new->rlim_max > now.rlim_max)
		return -EPERM;
	if (resource != RLIMIT_NOFILE)
		return new->rlim_cur == now.rlim_cur && new->rlim_max == now.rlim_max ? 0 : -EPERM;
	p->fds.limit = (unsigned)new->rlim_cur;
	p->fds.limit_max = (unsigned)new->rlim_max;
	return 0;
}

/* prlimit64's pid: 0, or the caller's own; another process's limits are
   not the caller's to read or change here (Linux lets its owner). */
static int check_target(int pid)
{
	if (pid == 0 || pid == process_current()->pid)
		return 0;
	spin_lock(&process_lock);
	bool exists = process_find(pid) != NULL;
	spin_unlock(&process_lock);
	return exists ? -EPERM : -ESRCH;
}

long sys_getrlimit(const uint64_t *a)
{
	struct process *p = process_current();
	unsigned resource = (unsigned)a[0];	/* as Linux: 32 bits */

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	struct rlimit now = limit_of(p, resource);
	return uvm_copy_out(p->uvm, a[1], &now, sizeof(now));
}

/* In Linux's order: the new limit read, the process found, the resource
   checked, the limit changed, and only then the old one written out. */
long sys_prlimit64(const uint64_t *a)
{
	struct process *p = process_current();
	unsigned resource = (unsigned)a[1];
	struct rlimit new, old;
	int err;

	if (a[2] && uvm_copy_in(p->uvm, &new, a[2], sizeof(new)) != 0)
		return -EFAULT;
	if ((err = check_target((int)a[0])))
		return err;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	old = limit_of(p, resource);
	if (a[2] && (err = set_limit(p, resource, &new)))
		return err;
	return a[3] ? uvm_copy_out(p->uvm, a[3], &old, sizeof(old)) : 0;
}
