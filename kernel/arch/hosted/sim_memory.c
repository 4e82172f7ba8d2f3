/* Simulated physical memory; see sim_memory.h. */
#include "enum_names.h"
#include "sim_memory.h"
#include "string.h"
#include "uvm.h"

static uint8_t memory[SIM_FRAMES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t kind[SIM_FRAMES];	/* enum sim_frame_kind */
static uint16_t refs[SIM_FRAMES];	/* 0: free or reserved */

int sim_live;
int sim_tables;
int sim_allocs_left;
int sim_misuse;
int sim_tlb_flushes;

void sim_reset(void)
{
	memset(kind, SIM_FRAME_FREE, sizeof(kind));
	memset(refs, 0, sizeof(refs));
	sim_live = 0;
	sim_tables = 0;
	sim_allocs_left = -1;
	sim_misuse = 0;
	sim_tlb_flushes = 0;
}

void sim_reserve(uint64_t phys, uint64_t len, enum sim_frame_kind k)
{
	for (uint64_t f = phys >> PAGE_SHIFT; f < SIM_FRAMES && (f << PAGE_SHIFT) < phys + len; f++)
		kind[f] = k;
}

static bool run_is_free(uint64_t first, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (kind[first + i] != SIM_FRAME_FREE)
			return false;
	return true;
}

static void claim(uint64_t f, enum sim_frame_kind k)
{
	kind[f] = k;
	refs[f] = 1;
	sim_live++;
	sim_tables += k == SIM_FRAME_TABLE;
	memset(memory[f], 0, PAGE_SIZE);
}

/* First fit: count free frames from a multiple of align, never frame 0,
   taken to hold k.  The first one's address, or 0. */
static uint64_t take(unsigned count, unsigned align, enum sim_frame_kind k)
{
	if (sim_allocs_left == 0 || count == 0 || align == 0)
		return 0;
	for (uint64_t first = align; first + count <= SIM_FRAMES; first += align) {
		if (!run_is_free(first, count))
			continue;
		if (sim_allocs_left > 0)
			sim_allocs_left--;
		for (unsigned i = 0; i < count; i++)
			claim(first + i, k);
		return first << PAGE_SHIFT;
	}
	return 0;
}

uint64_t sim_alloc(void *ctx)
{
	(void)ctx;
	return take(1, 1, SIM_FRAME_DATA);
}

uint64_t sim_alloc_run(unsigned count, unsigned align)
{
	return take(count, align, SIM_FRAME_DATA);
}

int sim_frame(uint64_t phys)
{
	if (phys >= SIM_PHYS_SIZE || phys % PAGE_SIZE) {
		sim_misuse++;
		return -1;
	}
	return (int)(phys >> PAGE_SHIFT);
}

/* The index of a frame in use, or -1 with a misuse counted. */
static int used_frame(uint64_t phys)
{
	int i = sim_frame(phys);

	if (i >= 0 && !refs[i]) {
		sim_misuse++;	/* a free frame: freed twice, or never allocated */
		return -1;
	}
	return i;
}

static void release(int i)
{
	sim_tables -= kind[i] == SIM_FRAME_TABLE;
	kind[i] = SIM_FRAME_FREE;
	refs[i] = 0;
	sim_live--;
	memset(memory[i], SIM_POISON, PAGE_SIZE);
}

void sim_free_run(uint64_t phys, unsigned count)
{
	for (unsigned n = 0; n < count; n++) {
		int i = used_frame(phys + n * PAGE_SIZE);

		if (i >= 0)
			release(i);
	}
}

static uint64_t alloc_table(void *ctx)
{
	(void)ctx;
	return take(1, 1, SIM_FRAME_TABLE);
}

static void free_table(void *ctx, uint64_t phys)
{
	(void)ctx;
	sim_free_run(phys, 1);
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
	return memory[i] + phys % PAGE_SIZE;
}

const struct pt_memory sim_pt_memory = {
	.alloc_table = alloc_table, .free_table = free_table, .phys_to_virt = sim_phys_to_virt,
};

void sim_get(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	if (i >= 0)
		refs[i]++;
}

void sim_put(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	if (i >= 0 && --refs[i] == 0)
		release(i);
}

unsigned sim_refs(void *ctx, uint64_t phys)
{
	int i = used_frame(phys);

	(void)ctx;
	return i < 0 ? 0 : refs[i];
}

static void flush_tlb(void *ctx, uint64_t virt)
{
	(void)ctx, (void)virt;
	sim_tlb_flushes++;
}

const struct uvm_ops sim_uvm_ops = {
	.alloc_frame = sim_alloc, .get_frame = sim_get, .put_frame = sim_put,
	.frame_refs = sim_refs, .flush_tlb = flush_tlb, .no_execute = PTE_NX,
};

bool sim_holds(uint64_t phys, enum sim_frame_kind k)
{
	return phys < SIM_PHYS_SIZE && kind[phys >> PAGE_SHIFT] == k;
}

unsigned sim_count(enum sim_frame_kind k)
{
	unsigned n = 0;

	for (uint64_t f = 0; f < SIM_FRAMES; f++)
		n += kind[f] == k;
	return n;
}

ENUM_NAME_FUNCTION(sim_frame_kind_name, enum sim_frame_kind, SIM_FRAME_KINDS)

const uint8_t *sim_kind_map(void)
{
	return kind;
}

const uint16_t *sim_ref_map(void)
{
	return refs;
}
