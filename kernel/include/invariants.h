/*
 * The kernel's invariants, checked live: each lab's data structures with
 * their shared checkers (buddy_check, pt_check, kheap_check, sched_check,
 * uvm_check, bcache_check, ext2_check), named with the lab and the file whose code keeps them.
 *
 * The boot checks each lab's structures as soon as it has built them and
 * stops before later code depends on a broken one; the monitor's `check`,
 * the `kcheck` program (through aurora_check) and the graders, after every
 * test, check them all.  A broken invariant is reported as one line:
 *
 *   invariant broken: frame allocator (buddy): <why> (lab 1, kernel/mm/buddy.c)
 */
#ifndef AURORA_INVARIANTS_H
#define AURORA_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include "aurora/aurora.h"
#include "kernel.h"

/* What, its lab, where its code is, the boot stage that builds it, its checker. */
#define KERNEL_INVARIANTS(X)						\
	X("frame allocator (buddy)", 1, "kernel/mm/buddy.c",		\
	  STAGE_FRAMES, frames_check)					\
	X("kernel page tables", 2, "kernel/mm/pagetable.c",		\
	  STAGE_PAGING, kernel_page_tables_check)			\
	X("kernel heap (slabs)", 2, "kernel/mm/kheap.c",		\
	  STAGE_HEAP, kmalloc_check)					\
	X("scheduler (run queue tree, CFS rules)", 3,			\
	  "kernel/lib/rbtree.c, kernel/sched/sched_cfs.c", STAGE_THREADS, \
	  run_queue_check)						\
	X("root file system (ext2 and its block cache)", 5,		\
	  "kernel/fs/ext2/, kernel/block/bcache.c", STAGE_THREADS,	\
	  root_disk_check)

/* Calls line() with each broken invariant's report line (no newline) of
   the structures this boot has built that labs 1..last keep (a lab's
   grader checks only its own lab and earlier ones: in a student's tree,
   later labs are stubs whose structures need not hold yet); returns how
   many are broken. */
unsigned invariants_check(int last, void (*line)(const char *text, void *ctx), void *ctx);

/* Hands line() the report line of one broken invariant. */
void invariant_report(void (*line)(const char *text, void *ctx), void *ctx, const char *what,
		      const char *why, int lab, const char *where);

/* A line() that prints the line on the console. */
void invariant_print_line(const char *text, void *ctx);

/* invariants_check, printed: true if all of labs 1..last hold. */
bool invariants_hold(int last);

struct process;
/* p's address space, as invariants_check (0 or 1 broken).  Only p's own
   thread may call it: another's space may be half-way through a change. */
unsigned invariants_check_own_space(struct process *p,
				    void (*line)(const char *text, void *ctx), void *ctx);

#endif
