/* The kernel's address space; see vm.h. */
#include <stdbool.h>
#include <stdint.h>
#include "buddy.h"
#include "cpu.h"
#include "errno.h"
#include "hal.h"
#include "kprintf.h"
#include "kstack.h"
#include "memlayout.h"
#include "pagetable.h"
#include "physmem.h"
#include "spinlock.h"
#include "string.h"
#include "vm.h"

struct address_space kernel_as;
/* The kernel half after boot: stacks come and go, setperm changes pages. */
static struct spinlock kernel_vm_lock = SPINLOCK_INIT("kernel page tables");

extern char __text_start[], __rodata_start[], __data_start[], __kernel_end[];

static uint64_t alloc_table(void *ctx)
{
	uint64_t pfn;

	(void)ctx;
	if (frames_alloc(0, &pfn) != 0)
		return 0;
	memset(phys_to_virt(pfn << FRAME_SHIFT), 0, FRAME_SIZE);
	return pfn << FRAME_SHIFT;
}

static void free_table(void *ctx, uint64_t phys)
{
	(void)ctx;
	frames_free(phys >> FRAME_SHIFT);
}

/* Every table comes from alloc_table: an entry pointing past the managed
   frames is a corrupt table, so say so rather than follow it. */
static void *table_virt(void *ctx, uint64_t phys)
{
	(void)ctx;
	if (!frames_managed(phys))
		panic("page tables: an entry points to %#lx, outside managed memory", phys);
	return phys_to_virt(phys);
}

const struct pt_memory kernel_tables = { alloc_table, free_table, table_virt, NULL };

uint64_t vm_no_execute(void)
{
	return cpu_nx_enabled ? PTE_NX : 0;	/* without EFER.NXE the bit is reserved */
}

/* The end of RAM (not of reserved ranges, which can reach 1 TiB on QEMU),
   and at least the 4 GiB that hold the firmware's tables and framebuffers. */
static uint64_t direct_map_size(const struct boot_info *bi)
{
	uint64_t top = BOOT_DIRECT_MAP_SIZE;

	for (size_t i = 0; i < bi->nregions; i++) {
		const struct mem_region *m = &bi->regions[i];

		if (m->type != MEM_RESERVED && m->type != MEM_BAD && m->base + m->length > top)
			top = m->base + m->length;
	}
	return (top + HUGE_PAGE_SIZE - 1) & ~(HUGE_PAGE_SIZE - 1);
}

/* Map [va, va+len) to pa, or say why not: false. */
static bool map_or_report(uint64_t va, uint64_t pa, uint64_t len, uint64_t perm, const char *what)
{
	int err = pt_map_range(&kernel_as, va, pa, len, perm);

	if (err)
		kprintf("vm: cannot map %s (error %d)\n", what, err);
	return err == 0;
}

static bool map_section(const char *start, const char *end, uint64_t perm, const char *what)
{
	return map_or_report((uint64_t)start, virt_to_phys(start), end - start,
			     perm | PTE_GLOBAL, what);
}

/*
 * Loading CR3 with tables that do not map the code doing the loading
 * resets the machine with no word said; a walk of our own tables first
 * turns that into a message.
 */
static bool maps_itself(void)
{
	struct pt_walk w;

	pt_walk(&kernel_as, (uint64_t)vm_init, &w);
	if (w.mapped && w.phys == virt_to_phys((const void *)vm_init) && w.executable)
		return true;
	kprintf("vm: the new tables do not map the kernel's own code (vm_init at %p)\n",
		(void *)vm_init);
	return false;
}

static bool build_kernel_tables(const struct boot_info *bi)
{
	bool mapped = map_or_report(DIRECT_MAP_BASE, 0, direct_map_size(bi),
				    PTE_WRITE | PTE_GLOBAL | vm_no_execute(), "the direct map");

	// LAB 2 SOLUTION BEGIN (exercise: map the kernel image with least privilege)
	mapped = mapped && map_section(__text_start, __rodata_start, 0, "kernel text");
	mapped = mapped && map_section(__rodata_start, __data_start, vm_no_execute(),
				       "kernel read-only data");
	mapped = mapped && map_section(__data_start, __kernel_end, PTE_WRITE | vm_no_execute(),
				       "kernel data");
	// LAB 2 SOLUTION STUB
	// mapped = mapped && map_section(__text_start, __kernel_end, PTE_WRITE, "the kernel image");
	// LAB 2 SOLUTION END
	return mapped && maps_itself();
}

int vm_init(const struct boot_info *bi)
{
	if (as_create(&kernel_as, &kernel_tables) != 0) {
		kprintf("vm: no memory for the kernel's page tables\n");
		return -ENOMEM;
	}
	if (!build_kernel_tables(bi)) {
		as_destroy(&kernel_as);		/* back to "only the boot tables" */
		return -EINVAL;
	}
	hal.set_page_table(kernel_as.root);
	return 0;
}

int vm_set_permissions(uint64_t va, uint64_t perm)
{
	spin_lock(&kernel_vm_lock);
	int err = pt_protect(&kernel_as, va, perm);
	if (err == 0)
		hal.flush_tlb(va);
	spin_unlock(&kernel_vm_lock);
	return err;
}

int vm_map(uint64_t va, uint64_t pa, uint64_t len, uint64_t perm)
{
	spin_lock(&kernel_vm_lock);
	int err = pt_map_range(&kernel_as, va, pa, len, perm);
	spin_unlock(&kernel_vm_lock);
	return err;
}

void vm_unmap(uint64_t va, uint64_t len)
{
	spin_lock(&kernel_vm_lock);
	for (uint64_t end = va + len; va < end; va += PAGE_SIZE) {
		pt_unmap(&kernel_as, va);
		hal.flush_tlb(va);
	}
	spin_unlock(&kernel_vm_lock);
}

void vm_walk(uint64_t va, struct pt_walk *w)
{
	spin_lock(&kernel_vm_lock);
	pt_walk(&kernel_as, va, w);
	spin_unlock(&kernel_vm_lock);
}

void vm_for_each_range(uint64_t from, uint64_t to,
		       int (*fn)(void *ctx, const struct pt_range *r), void *ctx)
{
	spin_lock(&kernel_vm_lock);
	pt_for_each_range(&kernel_as, from, to, fn, ctx);
	spin_unlock(&kernel_vm_lock);
}

bool vm_check(unsigned invariants, char *why, size_t why_len)
{
	spin_lock(&kernel_vm_lock);
	bool ok = pt_check(&kernel_as, invariants, NULL, why, why_len);
	spin_unlock(&kernel_vm_lock);
	return ok;
}

void vm_format_permissions(char buf[4], bool writable, bool executable)
{
	buf[0] = 'r';
	buf[1] = writable ? 'w' : '-';
	buf[2] = executable ? 'x' : '-';
	buf[3] = '\0';
}

void vm_explain_address(uint64_t va)
{
	const struct kstack *guarded = kstack_guarding(va);
	struct pt_walk w;
	char perm[4];

	if (kernel_as.root == 0)
		return;		/* before vm_init: only the boot tables exist */
	if (guarded)
		kprintf("    %016lx is the guard page below the %s stack: a kernel stack overflow\n",
			va, guarded->name);
	if (!pt_canonical(va)) {
		kprintf("    %016lx is not a canonical address: no page table can map it\n", va);
		return;
	}
	pt_walk(&kernel_as, va, &w);
	if (!w.mapped) {
		const struct pt_walk_level *last = &w.level[w.levels - 1];

		kprintf("    %016lx is not mapped: %s entry %u is not present\n", va,
			pt_level_name(w.levels - 1), last->index);
		return;
	}
	vm_format_permissions(perm, w.writable, w.executable);
	kprintf("    %016lx is mapped to physical %#lx, %s page, %s %s\n", va, w.phys,
		w.page_size == HUGE_PAGE_SIZE ? "2 MiB" : "4 KiB", perm, w.user ? "user" : "kernel");
}
