/*
 * Aurora's own additions to the Linux system-call ABI, shared by the kernel
 * and user programs (user/ includes this file).  Their numbers are in
 * syscall_list.h; everything else a program sees is Linux's.
 */
#ifndef AURORA_ABI_H
#define AURORA_ABI_H

#include <stdint.h>

/*
 * Capabilities: what a process may do beyond computing and using the file
 * descriptors it already holds.  A process starts with its parent's set;
 * bits can be dropped, never regained.
 */
#define CAP_FS_READ	(1u << 0)	/* "fs-read": open for reading, stat, list, chdir, exec */
#define CAP_FS_WRITE	(1u << 1)	/* "fs-write": create, write, truncate, mkdir, rmdir, unlink */
#define CAP_PROC	(1u << 2)	/* "proc": fork, vfork, kill */
#define CAP_NET		(1u << 3)	/* "net": sockets (lab 7) */
#define CAP_SYSTEM	(1u << 4)	/* "system": reboot and power off */
#define CAP_ALL		0x1fu

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

#endif
