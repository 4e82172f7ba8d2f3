/*
 * The interrupt descriptor table: one 16-byte gate for each of the 256
 * vectors (32 exceptions, then device interrupts), pointing at the stubs in
 * trapentry.S.  All are interrupt gates (the CPU clears IF on
 * entry); the double fault runs on its own stack (IST) because the usual
 * cause is a kernel stack that can take no more pushes.
 */
#include <stdint.h>
#include "gdt.h"
#include "trap.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT_PRESENT 0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define VECTORS 256

extern const uint64_t trap_stubs[VECTORS];
static struct idt_gate idt[VECTORS];

static void set_gate(int vector, uint64_t handler, uint8_t ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = GDT_KERNEL_CODE,
		.ist = ist,
		.type_attr = GATE_INTERRUPT_PRESENT,
		.offset_mid = handler >> 16 & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	struct descriptor_pointer idtr = { sizeof(idt) - 1, (uint64_t)idt };

	for (int v = 0; v < VECTORS; v++)
		set_gate(v, trap_stubs[v], v == T_DOUBLE_FAULT ? IST_DOUBLE_FAULT : 0);
	lidt(&idtr);
}
