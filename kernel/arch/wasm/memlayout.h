/*
 * The browser kernel's memory: its own linear memory, with no paging, so a
 * "physical" address (a boot module's, say) is simply an address in it.
 */
#ifndef AURORA_MEMLAYOUT_H
#define AURORA_MEMLAYOUT_H

#include <stdint.h>

/* Room for the deepest call chain: ext2 under the VFS under a system call. */
#define KERNEL_STACK_SIZE 65536

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline uint64_t virt_to_phys(const void *va)
{
	return (uintptr_t)va;
}

#endif
