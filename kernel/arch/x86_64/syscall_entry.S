/*
 * The SYSCALL instruction's way into the kernel, and the ways back to ring 3.
 *
 * SYSCALL saves the user's rip in rcx and rflags in r11, loads the kernel's
 * CS and SS from STAR and jumps to LSTAR with interrupts masked (SFMASK);
 * it does not switch stacks.  So the entry first swaps GS to the per-CPU
 * block (cpu_local, usermode.c) to find the thread's kernel stack, then
 * builds the same struct trap_frame an interrupt from ring 3 would, so
 * that fork, execve and the fault handler see one shape of saved user state.
 */
#define CPU_KERNEL_RSP	0	/* offsets in struct cpu_local */
#define CPU_USER_RSP	8
#define USER_CS		0x23	/* GDT_USER_CODE | 3, checked in usermode.c */
#define USER_DS		0x1b	/* GDT_USER_DATA | 3 */
#define T_SYSCALL	256	/* not a vector: this frame came from SYSCALL */
/* The first user address SYSRET may not return to: returning to a
   non-canonical rip would fault in ring 0 on the user's stack. */
#define SYSRET_RIP_LIMIT 0x00007ffffffff000

#include "trap_frame_asm.h"

	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:CPU_USER_RSP
	movq	%gs:CPU_KERNEL_RSP, %rsp
	pushq	$USER_DS		/* ss */
	pushq	%gs:CPU_USER_RSP	/* rsp */
	pushq	%r11			/* rflags */
	pushq	$USER_CS		/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* error code */
	pushq	$T_SYSCALL		/* vector */
	push_general_registers
	cld
	movq	%rsp, %rdi
	call	syscall_dispatch	/* returns with interrupts off */
	pop_general_registers
	addq	$16, %rsp		/* vector and error code */
	/* SYSRET takes rip from rcx and rflags from r11, so it can return
	   only to a frame whose rcx and r11 still hold them, as SYSCALL left
	   them.  execve, a signal handler's entry or rt_sigreturn change the
	   frame: those return with IRET, which restores every register. */
	cmpq	(%rsp), %rcx
	jne	1f
	cmpq	16(%rsp), %r11
	jne	1f
	movabsq	$SYSRET_RIP_LIMIT, %r11
	cmpq	%r11, %rcx
	jae	2f			/* rip unsafe for SYSRET (r11 is lost: */
	movq	16(%rsp), %r11		/*  IRET restores rflags from the frame) */
	movq	24(%rsp), %rsp
	swapgs
	sysretq
2:	movq	16(%rsp), %r11
1:	swapgs
	iretq
