/*
 * Exception and interrupt entry.  Each of the 256 vectors has a stub that makes the stack look the
 * same for all of them (vectors without a CPU error code push a zero), pushes
 * its vector number and joins trap_common, which saves the general registers
 * as a struct trap_frame (trap.h) and calls trap_dispatch(frame).
 *
 * Kernel code finds its per-CPU block through GS (syscall_entry.S), so a
 * trap from ring 3 swaps in the kernel's GS base on the way in and the
 * user's on the way out: in ring 0, GS is always the kernel's.
 */
#include "trap_frame_asm.h"

	.text

/* Exceptions 8, 10-14, 17, 21, 29 and 30 come with an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)

	.macro trap_stub vector
	.balign 16
trap_stub_\vector:
	.if !HAS_ERROR(\vector)
	pushq	$0
	.endif
	pushq	$\vector
	jmp	trap_common
	.endm

	.altmacro
	.set	vector, 0
	.rept	256
	trap_stub %vector
	.set	vector, vector + 1
	.endr

trap_common:
	testb	$3, 24(%rsp)		/* the CPL of the interrupted cs */
	jz	1f
	swapgs
1:	push_general_registers
	cld
	movq	%rsp, %rdi
	call	trap_dispatch
	.globl trap_return
trap_return:
	pop_general_registers
	addq	$16, %rsp		/* vector and error code */
	testb	$3, 8(%rsp)
	jz	2f
	swapgs
2:	iretq

/* void enter_user(const struct trap_frame *tf): leave for ring 3 as if
   returning from a trap that saved tf. */
	.globl enter_user
enter_user:
	movq	%rdi, %rsp
	jmp	trap_return

	.macro stub_address vector
	.quad	trap_stub_\vector
	.endm

	.section .rodata
	.balign 8
	.globl trap_stubs
trap_stubs:
	.set	vector, 0
	.rept	256
	stub_address %vector
	.set	vector, vector + 1
	.endr

/* void gdt_load(const struct descriptor_pointer *gdtr, uint16_t code, uint16_t data) */
	.text
	.globl gdt_load
gdt_load:
	lgdt	(%rdi)
	pushq	%rsi
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movw	%dx, %ds
	movw	%dx, %es
	movw	%dx, %ss
	ret
