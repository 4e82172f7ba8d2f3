/*
 * Program entry.  The kernel starts a program at _start with the System V
 * initial stack:
 *
 *	rsp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxiliary vector
 *
 * and nothing useful in the registers.
 */
	.text
	.globl _start
_start:
	xor	%ebp, %ebp		/* the outermost frame: backtraces stop here */
	mov	(%rsp), %rdi		/* argc */
	lea	8(%rsp), %rsi		/* argv */
	lea	8(%rsi,%rdi,8), %rdx	/* envp: past argv's NULL */
	mov	%rdx, environ(%rip)
	and	$-16, %rsp		/* the ABI wants rsp 16-aligned at a call */
	call	main
	mov	%eax, %edi
	call	exit

	.section .note.GNU-stack, "", @progbits
