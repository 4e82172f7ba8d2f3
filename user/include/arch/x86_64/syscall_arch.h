/*
 * The system-call instruction on x86_64, for sys/syscall.h.  Each argument
 * travels in a 64-bit register, so a long carries any of them.
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

typedef long syscall_arg_t;

/* Linux x86_64: number in rax, arguments in rdi rsi rdx r10 r8 r9; the
   syscall instruction itself overwrites rcx and r11. */
static inline long syscall6(long nr, syscall_arg_t a1, syscall_arg_t a2, syscall_arg_t a3,
			    syscall_arg_t a4, syscall_arg_t a5, syscall_arg_t a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			  : "rcx", "r11", "memory");
	return ret;
}

#endif
