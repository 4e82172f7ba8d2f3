/* Kernel stacks above guard pages; see kstack.h. */
#include <stdint.h>
#include "buddy.h"
#include "kstack.h"
#include "memlayout.h"
#include "pagetable.h"
#include "physmem.h"
#include "vm.h"

#define MAX_KSTACKS 64
#define KSTACK_ORDER 2	/* 2^2 frames = KERNEL_STACK_SIZE */
/* Each slot of the stack area: one guard page, then the stack. */
#define KSTACK_SLOT (PAGE_SIZE + KERNEL_STACK_SIZE)

_Static_assert(FRAME_SIZE << KSTACK_ORDER == KERNEL_STACK_SIZE, "KSTACK_ORDER");
_Static_assert(MAX_KSTACKS * KSTACK_SLOT <= KSTACK_AREA_SIZE, "the stack area");

static struct kstack stacks[MAX_KSTACKS];
static int nstacks;

const struct kstack *kstack_create(const char *name)
{
	uint64_t pfn, base = KSTACK_AREA_BASE + nstacks * KSTACK_SLOT + PAGE_SIZE;

	if (nstacks == MAX_KSTACKS || buddy_alloc(&physmem, KSTACK_ORDER, &pfn) != 0)
		return NULL;
	if (pt_map_range(&kernel_as, base, pfn << FRAME_SHIFT, KERNEL_STACK_SIZE,
			 PTE_WRITE | PTE_GLOBAL | vm_no_execute()) != 0) {
		buddy_free(&physmem, pfn);
		return NULL;
	}
	stacks[nstacks] = (struct kstack){ name, base, KERNEL_STACK_SIZE };
	return &stacks[nstacks++];
}

const struct kstack *kstack_guarding(uint64_t va)
{
	for (int i = 0; i < nstacks; i++)
		if (va >= stacks[i].base - PAGE_SIZE && va < stacks[i].base)
			return &stacks[i];
	return NULL;
}

bool kstack_contains(uint64_t va)
{
	for (int i = 0; i < nstacks; i++)
		if (va >= stacks[i].base && va < stacks[i].base + stacks[i].size)
			return true;
	return false;
}
