/* Kernel stacks above guard pages; see kstack.h. */
#include <stdbool.h>
#include <stdint.h>
#include "errno.h"
#include "kprintf.h"
#include "kstack.h"
#include "memlayout.h"
#include "pagetable.h"
#include "physmem.h"
#include "spinlock.h"
#include "vm.h"

#define MAX_KSTACKS 256
#define KSTACK_ORDER 2	/* 2^2 frames = KERNEL_STACK_SIZE */
/* Each slot of the stack area: one guard page, then the stack. */
#define KSTACK_SLOT (PAGE_SIZE + KERNEL_STACK_SIZE)

_Static_assert(FRAME_SIZE << KSTACK_ORDER == KERNEL_STACK_SIZE, "KSTACK_ORDER");
_Static_assert(PAGE_SIZE + MAX_KSTACKS * KSTACK_SLOT <= KSTACK_AREA_SIZE, "the stack area");

static struct kstack stacks[MAX_KSTACKS];	/* slot i: name == NULL when free */
static struct spinlock slots_lock = SPINLOCK_INIT("kernel stack slots");

/*
 * Every user address space shares the kernel half of the page tables by
 * copying the kernel's top-level entries when it is made (uvm.c).  The
 * tables below an entry may change, the entry itself may not: if the last
 * stack's unmapping freed the area's tables, processes would keep pointing
 * at freed ones.  So the area's first page stays mapped for good.
 */
int kstack_init(void)
{
	uint64_t pfn;

	if (frames_alloc(0, &pfn) != 0)
		goto no_memory;
	if (pt_map(&kernel_as, KSTACK_AREA_BASE, pfn << FRAME_SHIFT, PAGE_SIZE,
		   PTE_GLOBAL | vm_no_execute()) != 0) {
		frames_free(pfn);
		goto no_memory;
	}
	return 0;
no_memory:
	kprintf("kstack: no memory for the kernel-stack area\n");
	return -ENOMEM;
}

/* Claim a free slot for `name`: its index, or -1. */
static int claim_slot(const char *name)
{
	int slot = 0;

	spin_lock(&slots_lock);
	while (slot < MAX_KSTACKS && stacks[slot].name)
		slot++;
	if (slot < MAX_KSTACKS)
		stacks[slot].name = name;
	spin_unlock(&slots_lock);
	return slot < MAX_KSTACKS ? slot : -1;
}

static void release_slot(struct kstack *s)
{
	spin_lock(&slots_lock);
	s->name = NULL;
	spin_unlock(&slots_lock);
}

const struct kstack *kstack_create(const char *name)
{
	uint64_t pfn;
	int slot = claim_slot(name);

	if (slot < 0)
		return NULL;
	struct kstack *s = &stacks[slot];
	/* Past the anchor page, then past this slot's guard page. */
	uint64_t base = KSTACK_AREA_BASE + PAGE_SIZE + slot * KSTACK_SLOT + PAGE_SIZE;
	if (frames_alloc(KSTACK_ORDER, &pfn) != 0) {
		release_slot(s);
		return NULL;
	}
	if (vm_map(base, pfn << FRAME_SHIFT, KERNEL_STACK_SIZE,
		   PTE_WRITE | PTE_GLOBAL | vm_no_execute()) != 0) {
		frames_free(pfn);
		release_slot(s);
		return NULL;
	}
	s->base = base;		/* the slot is ours: name was set by claim_slot */
	s->size = KERNEL_STACK_SIZE;
	s->pfn = pfn;
	return s;
}

void kstack_destroy(const struct kstack *stack)
{
	struct kstack *s = &stacks[stack - stacks];

	vm_unmap(s->base, s->size);
	frames_free(s->pfn);
	release_slot(s);
}

const struct kstack *kstack_guarding(uint64_t va)
{
	for (int i = 0; i < MAX_KSTACKS; i++)
		if (stacks[i].name && va >= stacks[i].base - PAGE_SIZE && va < stacks[i].base)
			return &stacks[i];
	return NULL;
}

bool kstack_contains(uint64_t va)
{
	for (int i = 0; i < MAX_KSTACKS; i++)
		if (stacks[i].name && va >= stacks[i].base && va < stacks[i].base + stacks[i].size)
			return true;
	return false;
}
