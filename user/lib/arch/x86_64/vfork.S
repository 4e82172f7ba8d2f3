/*
 * vfork() in assembly: the child runs on the parent's stack until it execs
 * or exits, so a C wrapper's return address, popped by the child and then
 * overwritten by its next call, would be gone when the parent returns.
 * Keep the return address in a register instead.
 */
#define SYSCALL(nr, name, args) .set SYS_##name, nr
#include <aurora/syscall_list.h>

	.text
	.globl vfork
vfork:
	pop	%rdx			/* return address (rdx survives syscall) */
	mov	$SYS_vfork, %eax
	syscall
	push	%rdx
	mov	%rax, %rdi
	jmp	__syscall_ret		/* sets errno on failure; returns to our caller */

	.section .note.GNU-stack, "", @progbits
