/*
 * Stack backtraces by frame pointer.  The kernel is compiled with
 * -fno-omit-frame-pointer, so every function starts with
 *	push %rbp; mov %rsp, %rbp
 * and each frame looks like this:
 *
 *	[rbp + 8]  return address into the caller
 *	[rbp]      the caller's rbp  ->  the caller's frame
 *
 * Following the saved rbp values walks from the innermost frame out; boot.S
 * starts the chain with rbp = 0, which ends the walk.
 */
#include <stdbool.h>
#include <stdint.h>
#include "backtrace.h"
#include "cpu.h"
#include "kprintf.h"
#include "kstack.h"
#include "memlayout.h"

#define MAX_FRAMES 64

extern char __data_start[], __kernel_end[];

/* A frame must lie where kernel stacks live, so a corrupt rbp cannot
   send the walk into unmapped memory (a fault within a fault report). */
static bool plausible_frame(uint64_t rbp)
{
	bool in_image = rbp >= (uint64_t)__data_start && rbp < (uint64_t)__kernel_end;
	bool in_direct_map = rbp >= DIRECT_MAP_BASE &&
			     rbp < DIRECT_MAP_BASE + BOOT_DIRECT_MAP_SIZE;

	return rbp % 8 == 0 && (in_image || in_direct_map || kstack_contains(rbp));
}

static void print_frame(int depth, uint64_t rip, uint64_t rbp)
{
	kprintf("  #%-2d rip %016lx  rbp %016lx  ", depth, rip, rbp);
	print_symbol(rip);
	kprintf("\n");
}

void backtrace_from(uint64_t rbp, uint64_t rip)
{
	int depth = 0;

	kprintf("Stack backtrace:\n");
	print_frame(depth++, rip, rbp);
	// LAB 1 SOLUTION BEGIN (exercise: walk the frame-pointer chain)
	while (rbp != 0 && depth < MAX_FRAMES) {
		if (!plausible_frame(rbp)) {
			kprintf("  (frame pointer %016lx is not on a kernel stack: stopping)\n", rbp);
			return;
		}
		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		rbp = frame[0];
		print_frame(depth++, rip, rbp);
	}
	// LAB 1 SOLUTION STUB
	// (void)plausible_frame;
	// LAB 1 SOLUTION END
}

/* noinline: the walk starts at this function's own frame. */
__attribute__((noinline)) void backtrace_here(void)
{
	uint64_t *frame = (uint64_t *)read_rbp();

	backtrace_from(frame[0], frame[1]);
}
