/*
 * Saving and restoring the general registers as struct trap_frame (trap.h)
 * lays them out: rax pushed first, so it sits highest, r15 lowest.  Used by
 * the interrupt entry (trapentry.S) and the SYSCALL entry (syscall_entry.S),
 * which must build the same frame.
 */
	.macro push_general_registers
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.endm

	.macro pop_general_registers
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	.endm
