/* Monitor commands about virtual memory: vmwalk, showmappings, vmmap, setperm, vmcheck,
   peek, poke. */
#include <stdint.h>
#include "errno.h"
#include "hal.h"
#include "kprintf.h"
#include "memlayout.h"
#include "monitor_commands.h"
#include "pagetable.h"
#include "parse.h"
#include "vm.h"

static void print_entry_flags(uint64_t e)
{
	for (unsigned bit = 0; bit < 64; bit++)
		if ((e >> bit & 1) && pt_flag_name(bit))
			kprintf(" %s", pt_flag_name(bit));
}

int cmd_vmwalk(int argc, char **argv)
{
	uint64_t va;
	struct pt_walk w;
	char perm[4];

	if (argc != 2 || parse_u64(argv[1], &va) != 0)
		return -EINVAL;
	if (!pt_canonical(va)) {
		kprintf("%016lx is not canonical: bits 63-48 must copy bit 47\n", va);
		return 0;
	}
	vm_walk(va, &w);
	for (int i = 0; i < w.levels; i++) {
		const struct pt_walk_level *l = &w.level[i];

		kprintf("  %-4s[%3u] at %#lx: %016lx", pt_level_name(i), l->index,
			l->table + l->index * 8, l->entry);
		print_entry_flags(l->entry);
		kprintf("\n");
	}
	if (!w.mapped) {
		kprintf("%016lx: not mapped (%s entry not present)\n", va, pt_level_name(w.levels - 1));
		return 0;
	}
	vm_format_permissions(perm, w.writable, w.executable);
	kprintf("%016lx -> physical %#lx, %s page, %s %s\n", va, w.phys,
		w.page_size == HUGE_PAGE_SIZE ? "2 MiB" : "4 KiB", perm, w.user ? "user" : "kernel");
	return 0;
}

static int print_range(void *ctx, const struct pt_range *r)
{
	char perm[4];

	(void)ctx;
	vm_format_permissions(perm, r->writable, r->executable);
	kprintf("  %016lx-%016lx -> %016lx  %8lu KiB  %s pages  %s %s\n", r->va, r->va + r->len - 1,
		r->pa, r->len >> 10, r->page_size == HUGE_PAGE_SIZE ? "2M" : "4K", perm,
		r->user ? "user" : "kernel");
	return 0;
}

int cmd_showmappings(int argc, char **argv)
{
	uint64_t from, to;

	if (argc != 3 || parse_u64(argv[1], &from) != 0 || parse_u64(argv[2], &to) != 0 || to < from)
		return -EINVAL;
	kprintf("Mappings in [%016lx, %016lx]:\n", from, to);
	vm_for_each_range(from, to + 1, print_range, NULL);	/* to + 1 == 0: the very end */
	return 0;
}

/* "r", "rw", "rx", "rwx", with "u" for user access: to PTE bits. */
static int parse_permissions(const char *s, uint64_t *perm)
{
	*perm = vm_no_execute();
	if (*s++ != 'r')
		return -EINVAL;
	for (; *s; s++) {
		if (*s == 'w')
			*perm |= PTE_WRITE;
		else if (*s == 'x')
			*perm &= ~PTE_NX;
		else if (*s == 'u')
			*perm |= PTE_USER;
		else if (*s != '-')
			return -EINVAL;
	}
	return 0;
}

/* Kernel-half pages are global, as vm_init maps them: a CR3 load keeps them. */
static uint64_t global_in_kernel_half(uint64_t va)
{
	return va >= KERNEL_HALF ? PTE_GLOBAL : 0;
}

/*
 * Map one 4 KiB page into the kernel's tables: to watch pt_map make the
 * tables on the way down (or find those there), and refuse a page inside
 * a 2 MiB one.
 */
int cmd_vmmap(int argc, char **argv)
{
	uint64_t va, pa, perm;
	int err;

	if (argc != 4 || parse_u64(argv[1], &va) != 0 || parse_u64(argv[2], &pa) != 0 ||
	    parse_permissions(argv[3], &perm) != 0)
		return -EINVAL;
	err = vm_map(va, pa, PAGE_SIZE, perm | global_in_kernel_half(va));
	if (err)
		kprintf("vmmap: cannot map %016lx: %s\n", va, errno_name(-err));
	else
		kprintf("vmmap: %016lx -> physical %#lx, %s\n", va, pa, argv[3]);
	return 0;
}

int cmd_setperm(int argc, char **argv)
{
	uint64_t va, perm;
	struct pt_walk w;
	int err;

	if (argc != 3 || parse_u64(argv[1], &va) != 0 || parse_permissions(argv[2], &perm) != 0)
		return -EINVAL;
	/* A debugging tool: it can make the kernel's own memory read-only.  Say
	   so when the change reaches beyond the page the user may have meant. */
	vm_walk(va, &w);
	if (w.mapped && w.page_size == HUGE_PAGE_SIZE)
		kprintf("setperm: note: %016lx is in a 2 MiB page; all of it changes\n", va);
	err = vm_set_permissions(va, perm | global_in_kernel_half(va));
	if (err)
		kprintf("setperm: %016lx is not mapped\n", va);
	else
		kprintf("setperm: %016lx is now %s\n", va, argv[2]);
	return 0;
}

/* The invariants the kernel's own tables keep (VM_KERNEL_INVARIANTS), each
   on a line of its own. */
int cmd_vmcheck(int argc, char **argv)
{
	char why[128];

	(void)argc, (void)argv;
	for (unsigned inv = 0; inv < PT_INVARIANT_COUNT; inv++) {
		if (!(VM_KERNEL_INVARIANTS & 1u << inv))
			continue;
		if (vm_check(1u << inv, why, sizeof(why)))
			kprintf("%s: ok\n", pt_invariant_name(inv));
		else
			kprintf("%s: BROKEN: %s\n", pt_invariant_name(inv), why);
	}
	return 0;
}

/* peek and poke go through the page tables like any access: a bad address
   faults, and the monitor abandons the command. */
int cmd_peek(int argc, char **argv)
{
	uint64_t va;

	if (argc != 2 || parse_u64(argv[1], &va) != 0 || va % 8 != 0)
		return -EINVAL;
	kprintf("%016lx: %016lx\n", va, *(volatile uint64_t *)va);
	return 0;
}

int cmd_poke(int argc, char **argv)
{
	uint64_t va, value;

	if (argc != 3 || parse_u64(argv[1], &va) != 0 || parse_u64(argv[2], &value) != 0 || va % 8 != 0)
		return -EINVAL;
	*(volatile uint64_t *)va = value;
	kprintf("%016lx: %016lx\n", va, value);
	return 0;
}
