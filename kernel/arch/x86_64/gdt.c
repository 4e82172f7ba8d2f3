/*
 * The global descriptor table.  Long mode ignores segment bases and limits,
 * but still needs a code segment with the L bit, a data segment, and a task
 * state segment: the TSS holds the stacks the CPU switches to on an
 * interrupt (rsp0: the running thread's kernel stack, when ring 3 is
 * interrupted) and for chosen exceptions
 * (the IST: a double fault gets a fresh stack, since its cause is often a
 * broken one).
 */
#include <stdint.h>
#include "gdt.h"
#include "memlayout.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

static struct tss tss;
static uint8_t double_fault_stack[KERNEL_STACK_SIZE] __attribute__((aligned(16)));

/* Flags in bits 40-55 of a descriptor: access byte, then flags nibble. */
#define SEG_PRESENT	(1ull << 47)
#define SEG_CODE_DATA	(1ull << 44)
#define SEG_EXEC	(1ull << 43)
#define SEG_RW		(1ull << 41)
#define SEG_LONG	(1ull << 53)
#define SEG_DPL_USER	(3ull << 45)
#define SEG_TSS64	(0x9ull << 40)

static uint64_t gdt[GDT_ENTRIES] = {
	[0] = 0,
	[GDT_KERNEL_CODE / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_RW | SEG_LONG,
	[GDT_KERNEL_DATA / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_RW,
	[GDT_USER_DATA / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_RW | SEG_DPL_USER,
	[GDT_USER_CODE / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_RW | SEG_LONG |
			      SEG_DPL_USER,
};

/* A 64-bit TSS descriptor takes two GDT slots: base bits 32-63 in the second. */
static void set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[GDT_TSS / 8] = SEG_PRESENT | SEG_TSS64 | (limit & 0xffff) |
			   (base & 0xffffff) << 16 | (base >> 24 & 0xff) << 56;
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };

	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);
	tss.iomap_base = sizeof(tss);	/* no I/O permission bitmap */
	set_tss_descriptor();
	gdt_load(&gdtr, GDT_KERNEL_CODE, GDT_KERNEL_DATA);
	ltr(GDT_TSS);
}

void gdt_set_kernel_stack(uint64_t top)
{
	tss.rsp[0] = top;
}
