/*
 * setjmp/longjmp for the kernel: save and restore what a function call must
 * preserve (callee-saved registers, stack pointer, return address).  The
 * monitor uses them to abandon a command that faulted.
 *	jmp_buf: rbx rbp r12 r13 r14 r15 rsp rip
 */
	.text
	.globl setjmp, longjmp
setjmp:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax		/* rsp as it will be after our ret */
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax		/* our return address */
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	ret

longjmp:
	movl	%esi, %eax
	testl	%eax, %eax		/* setjmp must not appear to return 0 */
	jnz	1f
	incl	%eax
1:	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	jmpq	*56(%rdi)
