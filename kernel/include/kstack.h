/*
 * Kernel stacks with guard pages.  Each stack is KERNEL_STACK_SIZE bytes of
 * frames mapped in the kernel-stack area with one unmapped page below it:
 * a stack that overflows runs into the guard page and faults at once,
 * instead of silently overwriting whatever lies below.
 */
#ifndef AURORA_KSTACK_H
#define AURORA_KSTACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kstack {
	const char *name;
	uint64_t base;		/* lowest address of the stack (above its guard) */
	size_t size;
	uint64_t pfn;		/* its first frame */
};

/* Set up the stack area, before any address space copies the kernel's:
   0, or -ENOMEM (said on the console). */
int kstack_init(void);

/* A new stack, or NULL when memory or stack slots run out. */
const struct kstack *kstack_create(const char *name);

/* Unmap the stack and free its frames and slot. */
void kstack_destroy(const struct kstack *stack);

/* The stack whose guard page holds va, or NULL. */
const struct kstack *kstack_guarding(uint64_t va);

/* Is va inside some kernel stack (not its guard)? */
bool kstack_contains(uint64_t va);

#endif
