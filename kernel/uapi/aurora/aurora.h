/*
 * Aurora's own additions to the Linux system-call ABI, shared by the kernel
 * and user programs.  Their numbers are in syscall_list.h, the capability
 * bits in caps.h; everything else a program sees is Linux's.
 */
#ifndef AURORA_UAPI_AURORA_H
#define AURORA_UAPI_AURORA_H

#include <stdint.h>
#include "caps.h"

/* aurora_cap_drop(mask, flags): drop `mask` now, or with CAP_DROP_ON_EXEC at
   the next successful execve (so `sandbox` can still exec its command).
   Returns the capability set now in force. */
#define CAP_DROP_ON_EXEC 1u

/* aurora_ps(buf, n): fills up to n entries, returns how many processes exist. */
struct aurora_procinfo {
	int32_t pid, ppid;
	uint32_t caps;
	char state;		/* 'R' running or runnable, 'S' sleeping, 'Z' zombie */
	char pad[3];
	uint64_t pages;		/* user pages mapped */
	char name[16];
};

/* aurora_kmalloc_bench(size, count): count kmalloc(size)/kfree pairs in the
   kernel, for make bench (docs/benchmarks.md); 0, or -EINVAL beyond these. */
#define KMALLOC_BENCH_MAX_SIZE	4096
#define KMALLOC_BENCH_MAX_COUNT	(1ul << 24)

/* aurora_meminfo(info): the kernel's memory, for leak checks. */
struct aurora_meminfo {
	uint64_t free_frames, total_frames;
	uint64_t heap_bytes_in_use;
	uint64_t processes;
};

/* aurora_check(buf, len, last): the kernel's invariants of labs 1..last and
   (from lab 4) the caller's address space, checked now.  The report line of each broken one ("invariant
   broken: ..." and a newline) goes into buf, as much as fits in len with
   its terminating NUL; returns how many are broken. */
#define AURORA_CHECK_REPORT_MAX	4096
#define AURORA_CHECK_ALL_LABS	1000	/* last: every lab (and any larger) */

#endif
