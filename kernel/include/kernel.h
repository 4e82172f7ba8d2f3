/* Facts about this boot that the kernel's subsystems share. */
#ifndef AURORA_KERNEL_H
#define AURORA_KERNEL_H

#include <stdbool.h>
#include "bootinfo.h"

extern struct boot_info boot_info;

/*
 * How far the boot got, in the order kmain brings things up; each stage is
 * the work of one lab.  A student's kernel whose lab 2 is unfinished cannot
 * build page tables or a heap: it stops at STAGE_FRAMES and runs the monitor
 * on the boot stack, so lab 1 can still be run, graded and debugged.
 */
enum kernel_stage {
	STAGE_FRAMES,		/* lab 1: boot page tables, frame allocator, polled console */
	STAGE_PAGING,		/* lab 2: the kernel's own page tables */
	STAGE_HEAP,		/* lab 2: kmalloc, guarded kernel stacks */
	STAGE_THREADS,		/* lab 3: interrupts, threads, the scheduler */
};

extern enum kernel_stage kernel_stage;

/* True if the boot reached `needed`; else say that `what` needs it, and why. */
bool kernel_reached(enum kernel_stage needed, const char *what);

#endif
