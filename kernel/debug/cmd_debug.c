/* Monitor commands for debugging: backtrace, and fault to raise exceptions. */
#include <stdbool.h>
#include <stdint.h>
#include "backtrace.h"
#include "errno.h"
#include "kernel.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "parse.h"
#include "string.h"

/* Recurse `depth` times, then print the backtrace: a known call chain for
   students (and the grader) to check the walk against. */
__attribute__((noinline)) static int nested_call(int depth)
{
	volatile int frames = 1;

	if (depth > 0)
		frames += nested_call(depth - 1);
	else
		backtrace_here();
	return frames;
}

/* What a stack overrun leaves in a saved rbp: 8-aligned, so that only the
   walk's check of where frames may lie keeps it from faulting on it. */
#define CORRUPT_RBP 0xdead0000beef0000ull

/* Walk from a frame whose saved rbp is corrupt, or (loop) is the frame
   itself: the walk must stop there with its message, or after MAX_FRAMES. */
__attribute__((noinline)) static void walk_broken_chain(bool loop)
{
	uint64_t frame[2] = { CORRUPT_RBP, (uint64_t)__builtin_return_address(0) };

	if (loop)
		frame[0] = (uint64_t)frame;
	backtrace_from((uint64_t)frame, (uint64_t)walk_broken_chain);
}

int cmd_backtrace(int argc, char **argv)
{
	uint64_t depth = 0;

	if (argc == 2 && (strcmp(argv[1], "corrupt") == 0 || strcmp(argv[1], "loop") == 0))
		walk_broken_chain(strcmp(argv[1], "loop") == 0);
	else if (argc > 2 || (argc == 2 && (parse_u64(argv[1], &depth) != 0 || depth > 32)))
		return -EINVAL;
	else if (argc == 1)
		backtrace_here();
	else
		nested_call(depth);
	return 0;
}

/* In faults.S: each raises the exception it is named after. */
void fault_divide(void), fault_breakpoint(void), fault_invalid_opcode(void);
void fault_general_protection(void);
void fault_page_read(void), fault_page_write(void), fault_double(void);
void fault_write_text(void), fault_exec_data(void), fault_stack_overflow(void);

static const struct {
	const char *kind;
	void (*raise)(void);
	const char *what;
	enum kernel_stage needs;	/* lab 2's faults need its page tables */
} faults[] = {
	{ "divide", fault_divide, "#DE: divide by zero", STAGE_FRAMES },
	{ "breakpoint", fault_breakpoint, "#BP: int3, a trap that resumes", STAGE_FRAMES },
	{ "invalid-opcode", fault_invalid_opcode, "#UD: ud2", STAGE_FRAMES },
	{ "gp", fault_general_protection, "#GP: load from a non-canonical address", STAGE_FRAMES },
	{ "page-read", fault_page_read, "#PF: read an unmapped page", STAGE_FRAMES },
	{ "page-write", fault_page_write, "#PF: write an unmapped page", STAGE_FRAMES },
	{ "double", fault_double, "#DF: a page fault on an unusable stack (halts)", STAGE_FRAMES },
	{ "write-text", fault_write_text, "#PF: write to kernel text (read+execute)", STAGE_PAGING },
	{ "exec-data", fault_exec_data, "#PF: call into kernel data (no-execute)", STAGE_PAGING },
	{ "stack-overflow", fault_stack_overflow, "#DF: push into the stack's guard page (halts)",
	  STAGE_HEAP },
};
#define NFAULTS (sizeof(faults) / sizeof(faults[0]))

int cmd_fault(int argc, char **argv)
{
	for (size_t i = 0; argc == 2 && i < NFAULTS; i++)
		if (strcmp(argv[1], faults[i].kind) == 0) {
			if (!kernel_reached(faults[i].needs, "this fault"))
				return 0;
			faults[i].raise();
			kprintf("fault: back from %s\n", faults[i].kind);
			return 0;
		}
	kprintf("kinds of fault:\n");
	for (size_t i = 0; i < NFAULTS; i++)
		kprintf("  %-15s %s\n", faults[i].kind, faults[i].what);
	return argc == 1 ? 0 : -EINVAL;
}
