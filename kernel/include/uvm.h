/*
 * A user address space (shared code: kernel, host tests, wasm).
 *
 * A process may touch only its regions: the ELF segments, the heap that brk
 * moves, the stack, and anonymous mmaps.  Pages inside a region appear on
 * first touch (a zeroed frame), so an 8 MiB stack costs only what is used.
 * Frames are reference-counted: fork maps every page in both processes and
 * takes writable ones away from both, so the first write to a shared page
 * faults and copies it (copy-on-write), while a page nobody else holds is
 * simply made writable again.
 *
 * The kernel reads and writes user memory only through uvm_copy_in and
 * uvm_copy_out, which check the regions and resolve pages the same way the
 * fault handler does.  A bad user pointer is therefore an -EFAULT from a
 * table lookup, never a kernel page fault, and the same code runs in the
 * browser over simulated memory.
 */
#ifndef AURORA_UVM_H
#define AURORA_UVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "pagetable.h"

#define USER_MIN	0x1000ull		/* page zero stays unmapped */
#define USER_END	0x0000800000000000ull	/* the lower half */
#define USER_STACK_TOP	0x00007ffffffff000ull	/* one page below USER_END, a guard */
#define USER_STACK_MAX	(8ull << 20)
#define USER_MMAP_TOP	(USER_STACK_TOP - USER_STACK_MAX - (1ull << 30))

/* What an address space needs from its target besides page-table memory. */
struct uvm_ops {
	/* A zeroed frame with one reference: its physical address, or 0. */
	uint64_t (*alloc_frame)(void *ctx);
	void (*get_frame)(void *ctx, uint64_t phys);
	/* Drop a reference; the frame is freed with the last one. */
	void (*put_frame)(void *ctx, uint64_t phys);
	unsigned (*frame_refs)(void *ctx, uint64_t phys);
	/* Forget a cached translation of virt (if this space is loaded). */
	void (*flush_tlb)(void *ctx, uint64_t virt);
	uint64_t no_execute;	/* PTE_NX, or 0 where the CPU lacks it */
	void *ctx;
};

enum uvm_kind { UVM_SEGMENT, UVM_HEAP, UVM_STACK, UVM_MMAP };

struct uvm_region {
	uint64_t start, end;	/* page aligned; end exclusive */
	bool write, exec;
	enum uvm_kind kind;
	struct list_node link;	/* in uvm.regions, by address */
};

struct uvm {
	struct address_space as;
	const struct uvm_ops *ops;
	struct list_node regions;
	uint64_t heap_start, brk;	/* the heap region is [heap_start, brk) paged */
	uint64_t pages;			/* user pages mapped */
	uint64_t zero_fills, cow_copies, cow_reuses;	/* what faults did */
};

/*
 * An empty space whose upper half shares the kernel's tables at
 * kernel_root (0: none, for tests).  0 or -ENOMEM.
 */
int uvm_init(struct uvm *uvm, const struct pt_memory *mem, const struct uvm_ops *ops,
	     uint64_t kernel_root);
/* Unmap everything, drop every frame reference, free the tables. */
void uvm_destroy(struct uvm *uvm);

/* A new region [start, end); 0, -EINVAL (unaligned, outside user space),
   -EEXIST (overlaps a region) or -ENOMEM. */
int uvm_add_region(struct uvm *uvm, uint64_t start, uint64_t end, bool write, bool exec,
		   enum uvm_kind kind);
/* Unmap [start, end), splitting regions that straddle it. 0 or -EINVAL/-ENOMEM. */
int uvm_remove_range(struct uvm *uvm, uint64_t start, uint64_t end);
/* The region holding va, or NULL. */
struct uvm_region *uvm_find_region(struct uvm *uvm, uint64_t va);

/* Start the heap (empty) at page-aligned `start`. 0 or an error. */
int uvm_set_heap(struct uvm *uvm, uint64_t start);
/* brk(2): move the break to `addr` if it can; the break in force after. */
uint64_t uvm_brk(struct uvm *uvm, uint64_t addr);
/* An anonymous mapping of len bytes (a free gap, highest first, or exactly at
   `fixed` when nonzero); its address, or -ENOMEM (no gap, or `fixed` puts
   it outside user space) / -EINVAL (len 0, `fixed` unaligned). */
int64_t uvm_mmap(struct uvm *uvm, uint64_t fixed, uint64_t len, bool write, bool exec);

/*
 * Make an access to va possible, as the page-fault handler does: 0, or
 * -EFAULT (no region, or the region forbids the access) or -ENOMEM.
 */
int uvm_fault(struct uvm *uvm, uint64_t va, enum pt_access access);

/* Could [va, va + len) be user memory at all (inside the lower half, no
   wrap-around)?  What a system call checks first, as Linux's access_ok. */
bool uvm_range_ok(uint64_t va, uint64_t len);

/* Copy between the kernel and user memory; 0 or -EFAULT (or -ENOMEM). */
int uvm_copy_in(struct uvm *uvm, void *dst, uint64_t src, size_t len);
int uvm_copy_out(struct uvm *uvm, uint64_t dst, const void *src, size_t len);
/* As uvm_copy_out, but ignoring the region's write permission: for the
   loader, which fills read-only segments. */
int uvm_fill(struct uvm *uvm, uint64_t dst, const void *src, size_t len);
/* Copy what can be copied, as Linux's copy_from_user and copy_to_user:
   the bytes copied before the first one that could not be (0 if the range
   is not user memory at all), for a read or write that returns a partial
   count rather than -EFAULT. */
size_t uvm_copy_in_some(struct uvm *uvm, void *dst, uint64_t src, size_t len);
size_t uvm_copy_out_some(struct uvm *uvm, uint64_t dst, const void *src, size_t len);
/*
 * Resolve [va, va + len) for writing as faults would (zero fills, copies
 * on write) without writing: how many bytes from va are now writable.  A
 * copy out of that many cannot fail until the space changes, which only
 * its own process does, so a read can take no more from a file than the
 * reader's buffer will hold.
 */
size_t uvm_prepare_write(struct uvm *uvm, uint64_t va, size_t len);
/* Copy a NUL-terminated string of at most max - 1 characters; its length,
   -EFAULT, or -ENAMETOOLONG when there is no NUL within max bytes. */
long uvm_copy_string_in(struct uvm *uvm, char *dst, uint64_t src, size_t max);

/* Make child a copy-on-write copy of parent (whose TLB the caller flushes). */
int uvm_fork(struct uvm *child, struct uvm *parent);

const char *uvm_kind_name(enum uvm_kind kind);

/* The invariants of one address space, in the order uvm_check checks them. */
#define UVM_INVARIANTS(X)							\
	X(REGIONS, "regions aligned, sorted, disjoint, in user space; the heap's within brk") \
	X(PAGES_IN_REGIONS, "every mapped page a user page in a region, with no more rights") \
	X(COW, "a shared frame is read-only everywhere (copy-on-write)")	\
	X(PAGE_COUNT, "each space's page count = the pages its tables map")

enum uvm_invariant {
#define UVM_INVARIANT_ENUM(id, words) UVM_INV_##id,
	UVM_INVARIANTS(UVM_INVARIANT_ENUM)
#undef UVM_INVARIANT_ENUM
	UVM_INVARIANT_COUNT
};

/* Every invariant of the space: true, or false with a one-line reason in why. */
bool uvm_check(const struct uvm *uvm, char *why, size_t why_len);
/* One of them. */
bool uvm_check_invariant(const struct uvm *uvm, enum uvm_invariant inv, char *why,
			 size_t why_len);
/* The invariant's words in UVM_INVARIANTS; NULL for none. */
const char *uvm_invariant_name(enum uvm_invariant inv);
/*
 * The invariant between the n spaces that fork made share frames: every
 * frame one maps has a reference per space that maps it at that address
 * (fork shares a page where it was), and the frames mapped are the
 * frames_in_use the allocator counts.
 */
bool uvm_check_sharing(const struct uvm *const spaces[], unsigned n, uint64_t frames_in_use,
		       char *why, size_t why_len);

#endif
