/*
 * A kernel task as the x86_64 context switch sees it.  Lab 3 grows this
 * into the scheduler's thread; for now the monitor is the one task that
 * kmain starts.
 */
#ifndef AURORA_X86_64_TASK_H
#define AURORA_X86_64_TASK_H

#include <stddef.h>
#include <stdint.h>
#include "task_offsets.h"

struct task {
	uint64_t saved_rsp;	/* while not running: top of its saved registers */
	const char *name;
};

_Static_assert(offsetof(struct task, saved_rsp) == TASK_SAVED_RSP,
	       "switch.S needs saved_rsp at TASK_SAVED_RSP");

/* Prepare `t` to start running entry() on the stack [stack, stack + size). */
void task_init(struct task *t, const char *name, void *stack, size_t size,
	       void (*entry)(void));

#endif
