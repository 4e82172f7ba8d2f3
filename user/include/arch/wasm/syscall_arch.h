/*
 * System calls in the browser, for sys/syscall.h.  A program is a
 * WebAssembly module whose one import, aurora.syscall, enters the kernel:
 * the number, six 64-bit arguments, and a 64-bit result (a value or
 * -errno).  The arguments are 64 bits although long and pointers are 32
 * (wasm32 is ILP32), so that an off_t crosses whole; a pointer widens
 * with zeros, a negative int with its sign, as on x86_64.
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

typedef long long syscall_arg_t;

__attribute__((import_module("aurora"), import_name("syscall")))
long long __aurora_syscall(int nr, long long a1, long long a2, long long a3,
			   long long a4, long long a5, long long a6);

/* The result narrows to a long: -errno survives, and so does every
   value but a file offset beyond 2 GiB. */
static inline long syscall6(long nr, syscall_arg_t a1, syscall_arg_t a2, syscall_arg_t a3,
			    syscall_arg_t a4, syscall_arg_t a5, syscall_arg_t a6)
{
	return (long)__aurora_syscall((int)nr, a1, a2, a3, a4, a5, a6);
}

#endif
