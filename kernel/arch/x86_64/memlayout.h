/*
 * The kernel's virtual address layout (x86_64), shared by C and assembly.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (lab 4)
 *   DIRECT_MAP_BASE    +  phys               all physical memory (boot: 4 GiB)
 *   KSTACK_AREA_BASE   ...                   kernel stacks, each above an
 *                                            unmapped guard page
 *   KERNEL_BASE        +  phys               the kernel image (top 2 GiB)
 */
#ifndef AURORA_MEMLAYOUT_H
#define AURORA_MEMLAYOUT_H

#ifdef __ASSEMBLY__
#define UL(x) x
#else
#define UL(x) x##ul
#endif

#define KERNEL_HALF	UL(0xffff800000000000)	/* all kernel addresses are above */
#define KERNEL_BASE	UL(0xffffffff80000000)
#define DIRECT_MAP_BASE	UL(0xffff800000000000)
#define BOOT_DIRECT_MAP_SIZE	UL(0x100000000)	/* what boot.S maps */
#define KSTACK_AREA_BASE	UL(0xffffff0000000000)
#define KSTACK_AREA_SIZE	UL(0x8000000000)	/* one PML4 slot */
#define KERNEL_STACK_SIZE	16384

#define PML4_INDEX(va)	(((va) >> 39) & 511)
#define PDPT_INDEX(va)	(((va) >> 30) & 511)

#ifndef __ASSEMBLY__
#include <stdint.h>

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;
	return v >= KERNEL_BASE ? v - KERNEL_BASE : v - DIRECT_MAP_BASE;
}
#endif

#endif
