/*
 * aurora_check: the live invariant checks (invariants.h) for user
 * programs, so that a grader at the shell can check the kernel after
 * every test (user/bin/kcheck.c).  Besides the kernel's structures it
 * checks the caller's own address space: only its own, since another
 * process's may be half-way through a change its thread is making
 * (docs/concurrency.md).
 */
#include "aurora/aurora.h"
#include "errno.h"
#include "format.h"
#include "invariants.h"
#include "kmalloc.h"
#include "process.h"
#include "string.h"
#include "uvm.h"

struct report {
	char *text;
	size_t used;
};

/* One line more, if it fits whole. */
static void append(const char *line, void *ctx)
{
	struct report *r = ctx;
	size_t room = AURORA_CHECK_REPORT_MAX - r->used;

	if ((size_t)ksnprintf(r->text + r->used, room, "%s\n", line) < room)
		r->used += strlen(r->text + r->used);
	else
		r->text[r->used] = '\0';
}

long sys_aurora_check(const uint64_t *a)
{
	struct process *p = process_current();
	struct report r = { kmalloc(AURORA_CHECK_REPORT_MAX), 0 };

	if (!r.text)
		return -ENOMEM;
	r.text[0] = '\0';
	int last = a[2] > AURORA_CHECK_ALL_LABS ? AURORA_CHECK_ALL_LABS : (int)a[2];
	long broken = invariants_check(last, append, &r) +
		      (last >= 4 ? invariants_check_own_space(p, append, &r) : 0);
	size_t len = a[1] < r.used + 1 ? a[1] : r.used + 1;
	int err = len ? uvm_copy_out(p->uvm, a[0], r.text, len) : 0;
	kfree(r.text);
	return err ? err : broken;
}
