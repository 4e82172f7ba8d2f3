/*
 * The signal trampoline.  sigaction() gives it to the kernel as the
 * restorer: the kernel pushes its address as a handler's return address,
 * so a handler's `ret` lands here, on the signal frame the kernel built,
 * and rt_sigreturn restores what the signal interrupted.  The exact bytes
 * `mov $15, %rax; syscall` are what debuggers recognise as a signal frame.
 */
#define SYSCALL(nr, name, args) .set SYS_##name, nr
#include <aurora/syscall_list.h>

	.text
	.globl __restore_rt
__restore_rt:
	movq	$SYS_rt_sigreturn, %rax
	syscall

	.section .note.GNU-stack, "", @progbits
