/*
 * The kernel's invariants, checked live (invariants.h): one table, read by
 * the boot, the monitor's `check` and the aurora_check system call.
 */
#include "errno.h"
#include "format.h"
#include "invariants.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "pagetable.h"
#include "parse.h"
#include "physmem.h"
#include "process.h"
#include "rootfs.h"
#include "thread.h"
#include "uvm.h"
#include "vm.h"

static bool kernel_page_tables_check(char *why, size_t why_len)
{
	return vm_check(VM_KERNEL_INVARIANTS, why, why_len);
}

static bool run_queue_check(char *why, size_t why_len)
{
	struct runqueue copy;

	return thread_check_runqueue(&copy, why, why_len);
}

struct invariant {
	const char *what;
	int lab;
	const char *where;
	enum kernel_stage built;
	bool (*check)(char *why, size_t why_len);
};

#define INVARIANT_ENTRY(what, lab, where, built, check) { what, lab, where, built, check },
static const struct invariant invariants[] = { KERNEL_INVARIANTS(INVARIANT_ENTRY) };
#undef INVARIANT_ENTRY
#define INVARIANT_COUNT (sizeof(invariants) / sizeof(invariants[0]))

void invariant_report(void (*line)(const char *, void *), void *ctx, const char *what,
		      const char *why, int lab, const char *where)
{
	char text[256];

	ksnprintf(text, sizeof(text), "invariant broken: %s: %s (lab %d, %s)", what, why, lab,
		  where);
	line(text, ctx);
}

/* Check one; if broken, hand its report line to line(). */
static bool check_one(const struct invariant *inv, void (*line)(const char *, void *), void *ctx)
{
	char why[128];

	if (inv->check(why, sizeof(why)))
		return true;
	invariant_report(line, ctx, inv->what, why, inv->lab, inv->where);
	return false;
}

static bool due(const struct invariant *inv, int last)
{
	return inv->built <= kernel_stage && inv->lab <= last;
}

unsigned invariants_check(int last, void (*line)(const char *text, void *ctx), void *ctx)
{
	unsigned broken = 0;

	for (size_t i = 0; i < INVARIANT_COUNT; i++)
		if (due(&invariants[i], last) && !check_one(&invariants[i], line, ctx))
			broken++;
	return broken;
}

void invariant_print_line(const char *text, void *ctx)
{
	(void)ctx;
	kprintf("%s\n", text);
}

bool invariants_hold(int last)
{
	return invariants_check(last, invariant_print_line, NULL) == 0;
}

unsigned invariants_check_own_space(struct process *p,
				    void (*line)(const char *text, void *ctx), void *ctx)
{
	char why[128], what[64];

	if (uvm_check(p->uvm, why, sizeof(why)))
		return 0;
	ksnprintf(what, sizeof(what), "address space of process %d (%s)", p->pid, p->name);
	invariant_report(line, ctx, what, why, 4, "kernel/mm/uvm.c");
	return 1;
}

/* The monitor's `check [lab]`: the invariants of what this boot has built,
   of labs up to lab (all by default). */
int cmd_check(int argc, char **argv)
{
	uint64_t last = AURORA_CHECK_ALL_LABS;

	if (argc > 2 || (argc == 2 && parse_u64(argv[1], &last) != 0))
		return -EINVAL;
	if (invariants_hold(last > AURORA_CHECK_ALL_LABS ? AURORA_CHECK_ALL_LABS : (int)last))
		kprintf("invariants: ok\n");
	return 0;
}
