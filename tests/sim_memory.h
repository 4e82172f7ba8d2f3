/*
 * Simulated physical memory for the tests of the paging code: an array of
 * frames with an allocator that counts the live frames (so every test can
 * end by checking that nothing leaked), that can be told to fail after n
 * allocations (to drive the -ENOMEM paths), and that keeps a reference count
 * per frame (for the copy-on-write frames of user address spaces).  Freed
 * frames are poisoned, so a table or page used after its free reads junk.
 */
#ifndef AURORA_TESTS_SIM_MEMORY_H
#define AURORA_TESTS_SIM_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include "pagetable.h"

#define SIM_FRAMES 1024
#define SIM_BASE 0x100000ull	/* physical address of frame 0: not 0, which means "none" */
#define SIM_POISON 0xa5		/* freed frames are filled with it: present bits everywhere */

extern int sim_live;		/* frames allocated and not freed */
extern int sim_allocs_left;	/* allocations before failure; -1: no limit */
extern int sim_misuse;		/* bad frees, references and pointers outside the memory */

/* alloc_table, free_table and phys_to_virt over the simulated memory. */
extern const struct pt_memory sim_pt_memory;

/* Every frame free, no limit, no misuse. */
void sim_reset(void);

/* A zeroed frame with one reference, or 0. */
uint64_t sim_alloc(void *ctx);
/* Free a frame whatever its references (a page table's free). */
void sim_free(void *ctx, uint64_t phys);
void *sim_phys_to_virt(void *ctx, uint64_t phys);

/* Reference counting: sim_put frees the frame with its last reference. */
void sim_get(void *ctx, uint64_t phys);
void sim_put(void *ctx, uint64_t phys);
unsigned sim_refs(void *ctx, uint64_t phys);

/* The frame index of phys, or -1 (and a misuse counted) if it is no frame. */
int sim_frame(uint64_t phys);

#endif
