/*
 * Starting a task: lay out its stack as if it had called
 * x86_64_context_switch, so the first switch to it "returns" into its entry
 * function.  Six zeroed callee-saved registers (rbp = 0 ends backtraces),
 * then the entry address for the ret, then a trap address for entry() to
 * return to, which must never happen.
 */
#include <stdint.h>
#include "kprintf.h"
#include "string.h"
#include "task.h"

static void task_fpu_init(struct task *t);

static void task_returned(void)
{
	panic("a task's entry function returned");
}

void task_init(struct task *t, const char *name, void *stack, size_t size,
	       void (*entry)(void))
{
	/* At entry() the stack must look like just after a call: rsp+8 16-aligned. */
	uint64_t *sp = (uint64_t *)(((uintptr_t)stack + size) & ~(uintptr_t)15);

	*--sp = (uint64_t)task_returned;
	*--sp = (uint64_t)entry;
	for (int i = 0; i < 6; i++)
		*--sp = 0;		/* rbp rbx r12 r13 r14 r15 */
	t->saved_rsp = (uint64_t)sp;
	t->name = name;
	task_fpu_init(t);
}

void *task_fpu_state(struct task *t)
{
	uintptr_t p = (uintptr_t)t->fpu_buffer;

	return (void *)((p + FPU_STATE_ALIGN - 1) & ~(uintptr_t)(FPU_STATE_ALIGN - 1));
}

/* What FNINIT and the reset value of MXCSR give: every exception masked,
   round to nearest, 64-bit x87 precision. */
#define FPU_DEFAULT_FCW		0x037f
#define FPU_DEFAULT_MXCSR	0x1f80
#define FXSAVE_FCW		0	/* byte offsets in the FXSAVE image */
#define FXSAVE_MXCSR		24

static void task_fpu_init(struct task *t)
{
	uint8_t *state = task_fpu_state(t);

	memset(state, 0, FPU_STATE_SIZE);
	*(uint16_t *)(state + FXSAVE_FCW) = FPU_DEFAULT_FCW;
	*(uint32_t *)(state + FXSAVE_MXCSR) = FPU_DEFAULT_MXCSR;
}
