/* Simulated physical memory for the paging tests; see sim_memory.h. */
#include "string.h"
#include "sim_memory.h"

static uint8_t sim_memory[SIM_FRAMES][PAGE_SIZE];
static unsigned sim_refcount[SIM_FRAMES];	/* 0: free */

int sim_live;
int sim_allocs_left;
int sim_misuse;

const struct pt_memory sim_pt_memory = {
	.alloc_table = sim_alloc, .free_table = sim_free, .phys_to_virt = sim_phys_to_virt,
};

void sim_reset(void)
{
	memset(sim_refcount, 0, sizeof(sim_refcount));
	sim_live = 0;
	sim_allocs_left = -1;
	sim_misuse = 0;
}

uint64_t sim_alloc(void *ctx)
{
	(void)ctx;
	if (sim_allocs_left == 0)
		return 0;
	for (int i = 0; i < SIM_FRAMES; i++) {
		if (sim_refcount[i])
			continue;
		if (sim_allocs_left > 0)
			sim_allocs_left--;
		sim_refcount[i] = 1;
		sim_live++;
		memset(sim_memory[i], 0, PAGE_SIZE);
		return SIM_BASE + (uint64_t)i * PAGE_SIZE;
	}
	return 0;
}

int sim_frame(uint64_t phys)
{
	if (phys < SIM_BASE || phys >= SIM_BASE + SIM_FRAMES * PAGE_SIZE || phys % PAGE_SIZE) {
		sim_misuse++;
		return -1;
	}
	return (int)((phys - SIM_BASE) / PAGE_SIZE);
}

/* The index of a frame in use, or -1 with a misuse counted. */
static int used_frame(uint64_t phys)
{
	int i = sim_frame(phys);

	if (i >= 0 && !sim_refcount[i]) {
		sim_misuse++;	/* a free frame: freed twice, or never allocated */
		return -1;
	}
	return i;
}

static void release(int i)
{
	sim_refcount[i] = 0;
	sim_live--;
	memset(sim_memory[i], SIM_POISON, PAGE_SIZE);
}

void sim_free(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	if (i >= 0)
		release(i);
}

void *sim_phys_to_virt(void *ctx, uint64_t phys)
{
	static uint64_t nowhere[PT_ENTRIES];	/* what a bad pointer reads */
	int i = sim_frame(phys & ~(PAGE_SIZE - 1));

	(void)ctx;
	if (i < 0) {
		memset(nowhere, 0, sizeof(nowhere));
		return nowhere;
	}
	return sim_memory[i] + phys % PAGE_SIZE;
}

void sim_get(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	if (i >= 0)
		sim_refcount[i]++;
}

void sim_put(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	if (i >= 0 && --sim_refcount[i] == 0)
		release(i);
}

unsigned sim_refs(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	return i < 0 ? 0 : sim_refcount[i];
}
