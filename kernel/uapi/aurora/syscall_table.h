/*
 * The system calls by number, from syscall_list.h (shared code: kernel,
 * host tests, wasm): their names and argument letters for the tracer, the
 * shell's strace and the visualisers.
 *
 * Lookup by number is O(1) through a slot per possible number: Linux's
 * numbers below SYSCALL_LINUX_LIMIT and Aurora's from SYSCALL_AURORA_BASE
 * to SYSCALL_AURORA_LIMIT.  A call numbered outside those ranges does not
 * compile.
 */
#ifndef AURORA_UAPI_SYSCALL_TABLE_H
#define AURORA_UAPI_SYSCALL_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "syscall_numbers.h"

#define SYSCALL_LINUX_LIMIT	512
#define SYSCALL_AURORA_BASE	1000
#define SYSCALL_AURORA_LIMIT	1064

struct syscall_info {
	unsigned nr;
	const char *name;	/* "open" */
	const char *args;	/* "sxx": one letter per argument, see syscall_list.h */
};

/* Call nr, or NULL if Aurora has no such call. */
const struct syscall_info *syscall_info(unsigned nr);

/* The calls in number order: syscall_at(i) for i < syscall_count(), else NULL. */
unsigned syscall_count(void);
const struct syscall_info *syscall_at(unsigned i);

/* The i for which syscall_at(i) is call nr, or -1 if there is no such call:
   an index for tables that follow syscall_list.h entry by entry. */
int syscall_index(unsigned nr);

/*
 * Reads the NUL-terminated string at user address addr into dst, at most
 * len bytes: a longer string should be cut to len - 1 characters, so that
 * the text can show its beginning.  Returns a negative errno if the memory
 * is unreadable, else any value >= 0.
 */
typedef int (*syscall_read_string_fn)(void *ctx, uint64_t addr, char *dst, size_t len);

/*
 * Describe a finished call the way strace does:
 *
 *   open("/etc/motd", 0x0, 0x0) = 3
 *   open("/nope", 0x0, 0x0) = -2 ENOENT
 *
 * Strings come through read_string (long ones are cut and end in "...");
 * when it is NULL or fails, they are shown as pointers.  An unknown nr is
 * shown as syscall_<nr> with all six arguments in hex.  ret is int64_t, not
 * long, which is 32 bits in wasm.  Like snprintf:
 * NUL-terminates when len > 0 and returns the length the whole text has.
 */
size_t syscall_format_call(char *buf, size_t len, unsigned nr, const uint64_t args[6],
			   int64_t ret, syscall_read_string_fn read_string, void *ctx);

#endif
