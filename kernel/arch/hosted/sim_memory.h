/*
 * Simulated physical memory, off the kernel: the one the unit tests of the
 * paging code and the visualisers of labs 2 and 4 run the kernel's page
 * tables and user address spaces over.  SIM_FRAMES frames of PAGE_SIZE
 * bytes, frame i at physical address i * PAGE_SIZE, each with what it holds
 * and a reference count (the copy-on-write frames of user address spaces).
 * Frame 0 is never handed out: physical address 0 means "none".
 *
 * It watches its users rather than trusting them: it counts the live
 * frames (so a test can end by checking that nothing leaked), can be told
 * to fail after n allocations (to drive the -ENOMEM paths), counts misuse
 * (a free or a reference of a free frame, a pointer outside memory) instead
 * of corrupting itself, and poisons freed frames, so a table or page used
 * after its free reads junk.
 */
#ifndef AURORA_HOSTED_SIM_MEMORY_H
#define AURORA_HOSTED_SIM_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include "pagetable.h"

struct uvm_ops;

#define SIM_PHYS_SIZE (8ull << 20)
#define SIM_FRAMES (SIM_PHYS_SIZE >> PAGE_SHIFT)
#define SIM_POISON 0xa5		/* what freed frames hold: present bits everywhere */

/* What a frame holds: the enum's name, and its own. */
#define SIM_FRAME_KINDS(X)							\
	X(FREE, "free")		/* nothing: the allocator may hand it out */	\
	X(FIRMWARE, "firmware")	/* reserved: BIOS data, the VGA window, ROMs */	\
	X(KERNEL, "kernel")	/* reserved: the kernel image */		\
	X(TABLE, "table")	/* a page table, from alloc_table */		\
	X(DATA, "data")		/* a page's contents: sim_alloc, sim_alloc_run */

enum sim_frame_kind {
#define SIM_FRAME_KIND_ENUM(id, name) SIM_FRAME_##id,
	SIM_FRAME_KINDS(SIM_FRAME_KIND_ENUM)
#undef SIM_FRAME_KIND_ENUM
};

extern int sim_live;		/* frames allocated and not freed */
extern int sim_tables;		/* of which page tables */
extern int sim_allocs_left;	/* allocations before failure; -1: no limit */
extern int sim_misuse;		/* bad frees, references and pointers outside the memory */
extern int sim_tlb_flushes;	/* no TLB here: counted to show when one would need a flush */

/* alloc_table, free_table and phys_to_virt over the simulated memory. */
extern const struct pt_memory sim_pt_memory;
/* A user address space's frames from the simulated memory (NX supported). */
extern const struct uvm_ops sim_uvm_ops;

/* Every frame free, no limit, no misuse, no flush. */
void sim_reset(void);
/* Mark the frames of [phys, phys + len) as holding kind, never to be handed out. */
void sim_reserve(uint64_t phys, uint64_t len, enum sim_frame_kind kind);

/* A zeroed data frame with one reference, or 0. */
uint64_t sim_alloc(void *ctx);
/* count zeroed data frames in a row, the first at a multiple of align
   frames (a 2 MiB page's), each with one reference; or 0. */
uint64_t sim_alloc_run(unsigned count, unsigned align);
/* Free the count frames from phys whatever their references. */
void sim_free_run(uint64_t phys, unsigned count);
void *sim_phys_to_virt(void *ctx, uint64_t phys);

/* Reference counting: sim_put frees the frame with its last reference. */
void sim_get(void *ctx, uint64_t phys);
void sim_put(void *ctx, uint64_t phys);
unsigned sim_refs(void *ctx, uint64_t phys);

/* The frame index of phys, or -1 (and a misuse counted) if it is no frame. */
int sim_frame(uint64_t phys);
/* Does the frame holding phys hold kind?  False outside memory. */
bool sim_holds(uint64_t phys, enum sim_frame_kind kind);
/* How many frames hold kind. */
unsigned sim_count(enum sim_frame_kind kind);
/* "free", "firmware", ...: the kind's name in SIM_FRAME_KINDS; NULL for none. */
const char *sim_frame_kind_name(enum sim_frame_kind kind);

/* For drawing: each frame's kind (a byte, enum sim_frame_kind) and references. */
const uint8_t *sim_kind_map(void);
const uint16_t *sim_ref_map(void);

#endif
