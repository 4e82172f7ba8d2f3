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

/* FXSAVE's 512-byte image of the x87/SSE registers, 16-byte aligned
   somewhere inside the buffer (heap blocks promise less). */
#define FPU_STATE_SIZE 512
#define FPU_STATE_ALIGN 16

struct task {
	uint64_t saved_rsp;	/* while not running: top of its saved registers */
	const char *name;
	/* User code's floating-point and SSE registers: the kernel never uses
	   them, so they are saved only when switching tasks. */
	uint8_t fpu_buffer[FPU_STATE_SIZE + FPU_STATE_ALIGN];
};

_Static_assert(offsetof(struct task, saved_rsp) == TASK_SAVED_RSP,
	       "switch.S needs saved_rsp at TASK_SAVED_RSP");

/* Prepare `t` to start running entry() on the stack [stack, stack + size). */
void task_init(struct task *t, const char *name, void *stack, size_t size,
	       void (*entry)(void));

/* The aligned FXSAVE area inside t->fpu_buffer. */
void *task_fpu_state(struct task *t);

#endif
