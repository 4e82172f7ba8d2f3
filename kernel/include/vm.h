/*
 * The kernel's address space: built at boot by the shared page-table code
 * (pagetable.h) over frames from the buddy allocator, then installed with
 * hal.set_page_table.  It maps
 *   - all physical memory at DIRECT_MAP_BASE (2 MiB pages, read-write, no-execute);
 *   - the kernel image by section, with least privilege: text read+execute,
 *     rodata read-only, data and bss read-write no-execute;
 *   - kernel stacks (kstack.h), each above an unmapped guard page.
 */
#ifndef AURORA_VM_H
#define AURORA_VM_H

#include <stdbool.h>
#include <stdint.h>
#include "bootinfo.h"
#include "pagetable.h"

extern struct address_space kernel_as;
/* Page-table frames from the buddy allocator, reached by the direct map. */
extern const struct pt_memory kernel_tables;

/* Build and install the kernel's page tables: 0, or an error (said on the
   console) with the boot tables still in use and kernel_as.root == 0. */
int vm_init(const struct boot_info *bi);

/* Print what the kernel's page tables say about va (for fault reports). */
void vm_explain_address(uint64_t va);

/* PTE_NX where the CPU supports it, else 0. */
uint64_t vm_no_execute(void);

/* "rw-" style: always readable, then writable, then executable. */
void vm_format_permissions(char buf[4], bool writable, bool executable);

/*
 * After boot, the kernel half changes and is read only through these, under
 * one lock (docs/concurrency.md); fault reports read it without.
 */
/* Change the permissions of the page at va and flush its TLB entry. */
int vm_set_permissions(uint64_t va, uint64_t perm);
/* pt_map_range on the kernel's tables: 0 or an error. */
int vm_map(uint64_t va, uint64_t pa, uint64_t len, uint64_t perm);
/* Unmap [va, va + len), flushing each page's TLB entry. */
void vm_unmap(uint64_t va, uint64_t len);
void vm_walk(uint64_t va, struct pt_walk *w);
/* pt_for_each_range on the kernel's tables; fn must not block. */
void vm_for_each_range(uint64_t from, uint64_t to,
		       int (*fn)(void *ctx, const struct pt_range *r), void *ctx);
/* pt_check on the kernel's tables, for invariants that need no pt_facts. */
bool vm_check(unsigned invariants, char *why, size_t why_len);
/*
 * The invariants the kernel's own tables keep.  Not the other two: the
 * kernel counts no table frames of its own (processes share its upper
 * tables), and may map device memory past RAM.
 */
#define VM_KERNEL_INVARIANTS \
	(1u << PT_INV_WX | 1u << PT_INV_USER_KERNEL | 1u << PT_INV_TABLES_HIDDEN)

#endif
