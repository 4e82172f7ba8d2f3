/*
 * System calls in the browser, for sys/syscall.h.  A program is a
 * WebAssembly module whose one import, aurora.syscall, enters the kernel
 * with the address of a block in the program's memory: the number and six
 * 64-bit arguments, and room for the 64-bit result (a value or -errno),
 * which the kernel fills before the call returns.  A block rather than
 * parameters: the runtime copies it as bytes, where 64-bit parameters
 * would cross into JavaScript as BigInts, one allocation each.  The
 * arguments are 64 bits although long and pointers are 32 (wasm32 is
 * ILP32), so that an off_t crosses whole; a pointer widens with zeros, a
 * negative int with its sign, as on x86_64.
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

typedef long long syscall_arg_t;

struct aurora_syscall_block {
	long long nr;
	long long args[6];
	long long result;
};

__attribute__((import_module("aurora"), import_name("syscall")))
void __aurora_syscall(struct aurora_syscall_block *block);

/* The result narrows to a long: -errno survives, and so does every
   value but a file offset beyond 2 GiB. */
static inline long syscall6(long nr, syscall_arg_t a1, syscall_arg_t a2, syscall_arg_t a3,
			    syscall_arg_t a4, syscall_arg_t a5, syscall_arg_t a6)
{
	struct aurora_syscall_block block = { nr, { a1, a2, a3, a4, a5, a6 }, 0 };

	__aurora_syscall(&block);
	return (long)block.result;
}

#endif
