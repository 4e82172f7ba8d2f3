/*
 * Raw system calls.  The numbers come from the kernel's one table,
 * syscall_list.h, so a call added there is callable here at once.
 *
 * syscall6() returns what the kernel returned: a result, or -errno.
 * syscall() is the C library's convention: -1 with errno set on failure.
 * Both take the number and up to six arguments; missing ones are 0.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <aurora/syscall_numbers.h>

/* Linux x86_64: number in rax, arguments in rdi rsi rdx r10 r8 r9; the
   syscall instruction itself overwrites rcx and r11. */
static inline long syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
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

/* Turn a raw result into the C convention: -1 and errno for -4095..-1. */
long __syscall_ret(long ret);

#define __SYSCALL_ARGS6(nr, a, b, c, d, e, f, ...) \
	syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define __syscall(...) __SYSCALL_ARGS6(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define syscall(...) __syscall_ret(__syscall(__VA_ARGS__))

#endif
