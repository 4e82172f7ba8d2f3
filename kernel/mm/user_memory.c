/*
 * The frames behind user address spaces: single frames from the frame
 * allocator, zeroed, with the reference count copy-on-write needs kept in
 * the allocator's struct frame (physmem.h, under its lock).
 */
#include "hal.h"
#include "memlayout.h"
#include "physmem.h"
#include "string.h"
#include "user_memory.h"
#include "vm.h"

static uint64_t alloc_frame(void *ctx)
{
	uint64_t pfn;

	(void)ctx;
	if (frames_alloc(0, &pfn) != 0)
		return 0;
	memset(phys_to_virt(pfn << FRAME_SHIFT), 0, FRAME_SIZE);
	frame_set_refs(pfn << FRAME_SHIFT, 1);
	return pfn << FRAME_SHIFT;
}

static void get_frame(void *ctx, uint64_t phys)
{
	(void)ctx;
	frame_get(phys);
}

static void put_frame(void *ctx, uint64_t phys)
{
	(void)ctx;
	frame_put(phys);
}

static unsigned count_refs(void *ctx, uint64_t phys)
{
	(void)ctx;
	return frame_refs(phys);
}

static void flush_tlb(void *ctx, uint64_t virt)
{
	(void)ctx;
	hal.flush_tlb(virt);
}

static struct uvm_ops ops = {
	alloc_frame, get_frame, put_frame, count_refs, flush_tlb, 0, NULL,
};

int user_memory_create(struct uvm *uvm)
{
	ops.no_execute = vm_no_execute();
	return uvm_init(uvm, &kernel_tables, &ops, kernel_as.root);
}
