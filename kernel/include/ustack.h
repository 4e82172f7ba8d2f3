/*
 * A new program's initial stack, as the System V x86_64 ABI (section 3.4.1)
 * lays it out and every C runtime's _start expects (shared code: kernel,
 * host tests, wasm).
 *
 *   top ->  argv and envp strings, then the execfn string
 *           16 random bytes (AT_RANDOM: the C library's stack-protector seed)
 *           padding, so that sp ends up 16-byte aligned
 *           auxv: (type, value) pairs, ending with AT_NULL
 *           0
 *           envp[0] ... envp[envc - 1]
 *           0
 *           argv[0] ... argv[argc - 1]
 *   sp  ->  argc
 *
 * Everything is built in a kernel buffer that will appear at user addresses
 * [top - size, top); the pointers written into it are those user addresses.
 */
#ifndef AURORA_USTACK_H
#define AURORA_USTACK_H

#include <stddef.h>
#include <stdint.h>

/* Auxiliary vector types (Linux's values, include/uapi/linux/auxvec.h). */
#define AT_NULL		0	/* ends the vector */
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* the program headers in memory */
#define AT_PHENT	4	/* size of one program header */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6
#define AT_BASE		7	/* the interpreter's base (0: none) */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15	/* a string such as "x86_64" */
#define AT_HWCAP	16	/* CPUID feature bits */
#define AT_CLKTCK	17	/* times() ticks per second */
#define AT_SECURE	23	/* nonzero: setuid-like, distrust the environment */
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* 16 random bytes */
#define AT_HWCAP2	26
#define AT_EXECFN	31	/* the file name executed */
#define AT_SYSINFO_EHDR	33	/* the vDSO */
#define AT_MINSIGSTKSZ	51

struct auxv_pair {
	uint64_t type, value;
};

/* Where ustack_build put things, as user addresses. */
struct ustack_layout {
	uint64_t sp;			/* the initial %rsp, pointing at argc */
	uint64_t argc, envc;
	uint64_t argv, envp;		/* the pointer arrays, each ending with 0 */
	uint64_t auxv, auxc;		/* the pairs, auxc of them counting AT_NULL */
	uint64_t random;		/* the 16 AT_RANDOM bytes */
	uint64_t strings, strings_end;	/* [strings, strings_end): every string */
	uint64_t execfn;		/* the AT_EXECFN string */
};

/*
 * Build the stack for argv and envp (NULL-terminated; either may be NULL for
 * none) with the caller's naux auxv pairs, to which it adds AT_RANDOM,
 * AT_EXECFN (a copy of argv[0], or "" when argc is 0) and AT_NULL.  Returns 0
 * and fills *out, -E2BIG if it does not fit in size bytes, or -EINVAL if
 * [top - size, top) wraps around.  Limiting the total size of the arguments
 * is the caller's job.
 */
int ustack_build(void *buf, size_t size, uint64_t top, const char *const *argv,
		 const char *const *envp, const struct auxv_pair *aux, unsigned naux,
		 const uint8_t random[16], struct ustack_layout *out);

/* "AT_PHDR" for AT_PHDR, ...; NULL for a type this file does not define. */
const char *auxv_name(uint64_t type);

#endif
