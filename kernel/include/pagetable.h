/*
 * x86_64 four-level page tables (shared code: kernel, host tests, wasm).
 *
 * A virtual address names four 9-bit table indices and a 12-bit offset:
 *
 *   63..48 sign   47..39 PML4   38..30 PDPT   29..21 PD   20..12 PT   11..0 offset
 *
 * Each table is one 4 KiB frame of 512 eight-byte entries.  An entry holds a
 * physical frame address and permission bits; a PD entry with PTE_HUGE maps a
 * 2 MiB page directly.  The entry format is the hardware's (Intel SDM vol. 3,
 * section 4.5), because on x86_64 the CPU walks these very tables.
 *
 * The code never touches physical memory itself: it asks `struct pt_memory`
 * for table frames and for a pointer to a physical address.  In the kernel
 * that is the frame allocator and the direct map; in tests and in the
 * browser, "physical memory" is an array.
 */
#ifndef AURORA_PAGETABLE_H
#define AURORA_PAGETABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)
/* The page an address is in, and the first page boundary at or above it. */
static inline uint64_t page_down(uint64_t va)
{
	return va & ~(PAGE_SIZE - 1);
}

static inline uint64_t page_up(uint64_t va)
{
	return (va + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

#define HUGE_PAGE_SHIFT 21
#define HUGE_PAGE_SIZE (1ull << HUGE_PAGE_SHIFT)
#define PT_LEVELS 4
#define PT_ENTRIES 512

/* Entry bits. */
#define PTE_PRESENT	(1ull << 0)
#define PTE_WRITE	(1ull << 1)
#define PTE_USER	(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_ACCESSED	(1ull << 5)
#define PTE_DIRTY	(1ull << 6)
#define PTE_HUGE	(1ull << 7)	/* in a PD entry: a 2 MiB page */
#define PTE_GLOBAL	(1ull << 8)
#define PTE_NX		(1ull << 63)	/* no execute (needs EFER.NXE) */
#define PTE_ADDR_MASK	0x000ffffffffff000ull
/* The permission bits pt_map and pt_protect accept. */
#define PTE_PERM_MASK	(PTE_WRITE | PTE_USER | PTE_PWT | PTE_PCD | PTE_GLOBAL | PTE_NX)

/* Page-fault error code bits, as the CPU reports them. */
#define PF_ERR_PRESENT	0x01
#define PF_ERR_WRITE	0x02
#define PF_ERR_USER	0x04
#define PF_ERR_RESERVED	0x08
#define PF_ERR_FETCH	0x10

struct pt_memory {
	/* A zeroed frame for a page table: its physical address, or 0 if none. */
	uint64_t (*alloc_table)(void *ctx);
	void (*free_table)(void *ctx, uint64_t phys);
	/* Where the code can read and write physical address `phys`. */
	void *(*phys_to_virt)(void *ctx, uint64_t phys);
	void *ctx;
};

struct address_space {
	uint64_t root;		/* physical address of the PML4 */
	const struct pt_memory *mem;
};

/* One level of a walk, from the PML4 (level 0) down. */
struct pt_walk_level {
	uint64_t table;		/* physical address of the table */
	unsigned index;
	uint64_t entry;
};

struct pt_walk {
	struct pt_walk_level level[PT_LEVELS];
	int levels;		/* how many levels were read */
	bool mapped;
	uint64_t phys;		/* the physical address va translates to */
	uint64_t page_size;	/* PAGE_SIZE or HUGE_PAGE_SIZE */
	/* Effective permissions: writable and user only if every level allows;
	   no-execute if any level forbids. */
	bool writable, user, executable;
};

/* The kinds of access a page fault reports, with their names. */
#define PT_ACCESSES(X) X(READ, "read") X(WRITE, "write") X(EXECUTE, "execute")
enum pt_access {
#define PT_ACCESS_ENUM(id, name) PT_##id,
	PT_ACCESSES(PT_ACCESS_ENUM)
#undef PT_ACCESS_ENUM
};
/* "read", "write", "execute"; NULL past the list. */
const char *pt_access_name(enum pt_access access);

bool pt_canonical(uint64_t va);

/* Allocate an empty PML4. 0 or -ENOMEM. */
int as_create(struct address_space *as, const struct pt_memory *mem);
/* Free every page table (not the frames the tables map). */
void as_destroy(struct address_space *as);
/* Make dst a new address space with the same mappings (its own tables,
   the same mapped frames). 0 or -ENOMEM, with nothing leaked. */
int as_copy(struct address_space *dst, const struct address_space *src);

/*
 * Map one page of `size` (PAGE_SIZE or HUGE_PAGE_SIZE) at va to pa with
 * `perm` (PTE_PERM_MASK bits; PTE_PRESENT is implied).  0, or -EINVAL
 * (misaligned, non-canonical, bad size or flags), -EEXIST (something is
 * mapped there), -ENOMEM.
 */
int pt_map(struct address_space *as, uint64_t va, uint64_t pa, uint64_t size, uint64_t perm);
/* Map [va, va + len) to [pa, pa + len), with 2 MiB pages where alignment
   allows.  All or nothing: on an error, what it mapped is unmapped again. */
int pt_map_range(struct address_space *as, uint64_t va, uint64_t pa, uint64_t len, uint64_t perm);
/* Unmap the page containing va; page tables left empty are freed. 0 or -ENOENT. */
int pt_unmap(struct address_space *as, uint64_t va);
/* Replace the permissions of the page containing va. 0, -EINVAL (flags)
   or -ENOENT. */
int pt_protect(struct address_space *as, uint64_t va, uint64_t perm);

/* Walk the tables for va, recording every level read (none if va is not
   canonical; the last one read is the leaf or the entry not present). */
void pt_walk(const struct address_space *as, uint64_t va, struct pt_walk *w);
/*
 * Would the CPU allow this access?  True if so; false if it would fault,
 * with *error_code the error code it would push (PF_ERR_* bits; 0 for a
 * kernel read of a page that is not present).  Takes CR0.WP and EFER.NXE
 * as set and SMEP and SMAP as clear.
 */
bool pt_check_access(const struct address_space *as, uint64_t va,
		     enum pt_access access, bool user, uint32_t *error_code);

/* A run of consecutive pages with contiguous physical addresses and the same
   effective permissions, as pt_for_each_range reports it. */
struct pt_range {
	uint64_t va, pa, len;
	uint64_t page_size;
	bool writable, user, executable;
};

/*
 * Call fn for each maximal mapped range in [from, to), in address order,
 * with pages clipped to [from, to); to == 0 stands for 2^64, the end of the
 * address space.  A run has one page size.  If fn returns nonzero the walk
 * stops and returns that value; else 0.
 */
int pt_for_each_range(const struct address_space *as, uint64_t from, uint64_t to,
		      int (*fn)(void *ctx, const struct pt_range *r), void *ctx);

/* "PML4", "PDPT", "PD" or "PT" for walk level 0-3; NULL for another. */
const char *pt_level_name(int level);
/* "P", "W", "U", ..., "NX": the name of entry bit `bit`; NULL for a bit with none. */
const char *pt_flag_name(unsigned bit);

/* Count page-table frames (PML4 included), for leak checks. */
uint64_t as_table_count(const struct address_space *as);
/* Call fn on every page-table frame of as, children before parents. */
void as_for_each_table(const struct address_space *as,
		       void (*fn)(const struct address_space *as, uint64_t table, void *arg),
		       void *arg);

/*
 * The invariants pt_check holds a tree of tables to (pagetable_check.c).
 * A caller asks for those that are true of its tables: the kernel's keep
 * W^X and no user page in their half, while the unit tests' random tables,
 * which map anything anywhere, keep only the table count.
 */
#define PT_INVARIANTS(X)						\
	X(WX, "W^X across the kernel half")				\
	X(USER_KERNEL, "no user page in the kernel half")		\
	X(IN_MEMORY, "every mapped frame inside physical memory")	\
	X(TABLES_HIDDEN, "page tables not reachable from user mode")	\
	X(TABLE_COUNT, "table count = table frames allocated")

enum pt_invariant {
#define PT_INVARIANT_ENUM(id, name) PT_INV_##id,
	PT_INVARIANTS(PT_INVARIANT_ENUM)
#undef PT_INVARIANT_ENUM
	PT_INVARIANT_COUNT
};

#define PT_ALL_INVARIANTS ((1u << PT_INVARIANT_COUNT) - 1)

/* What only the owner of the memory under the tables knows. */
struct pt_facts {
	uint64_t phys_end;	/* PT_INV_IN_MEMORY: every mapped frame lies below it */
	uint64_t tables;	/* PT_INV_TABLE_COUNT: table frames allocated, not freed */
};

/*
 * Does as keep the invariants in the set (bits 1 << PT_INV_...)?  True, or
 * false with the first breach in why.  facts may be NULL when the set has
 * neither PT_INV_IN_MEMORY nor PT_INV_TABLE_COUNT.
 */
bool pt_check(const struct address_space *as, unsigned invariants,
	      const struct pt_facts *facts, char *why, size_t why_len);
/* The invariant's words in PT_INVARIANTS; NULL for none. */
const char *pt_invariant_name(enum pt_invariant inv);

#endif
