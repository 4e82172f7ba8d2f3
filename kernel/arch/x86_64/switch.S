/*
 * void x86_64_context_switch(struct task *prev, struct task *next)
 *
 * Push the callee-saved registers on prev's stack, save the stack pointer
 * in prev->saved_rsp, load next->saved_rsp and pop next's registers.  The
 * caller-saved ones were already saved by the compiler around the call, so
 * this is all a switch between kernel tasks needs.  The `ret` returns into
 * wherever next last called this function (or into its entry trampoline).
 */
#include "task_offsets.h"

	.text
	.globl x86_64_context_switch
x86_64_context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, TASK_SAVED_RSP(%rdi)
	movq	TASK_SAVED_RSP(%rsi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
