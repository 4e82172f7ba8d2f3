/*
 * The I/O APIC: routes device interrupt lines (global system interrupts)
 * to vectors on a local APIC.  Two registers, an index and a window; the
 * redirection table starts at index 0x10, two 32-bit halves per line
 * (82093AA I/O APIC data sheet).
 */
#include <stdbool.h>
#include <stdint.h>
#include "ioapic.h"
#include "memlayout.h"

#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VERSION 0x01
#define REDIRECTION(n) (0x10 + 2 * (n))
#define RTE_ACTIVE_LOW	(1u << 13)
#define RTE_LEVEL	(1u << 15)
#define RTE_MASKED	(1u << 16)

static volatile uint32_t *regs;
static uint32_t first_gsi, lines;

static void ioapic_write(uint32_t index, uint32_t value)
{
	regs[IOREGSEL / 4] = index;
	regs[IOWIN / 4] = value;
}

static uint32_t ioapic_read(uint32_t index)
{
	regs[IOREGSEL / 4] = index;
	return regs[IOWIN / 4];
}

void ioapic_init(uint64_t phys, uint32_t gsi_base)
{
	regs = phys_to_virt(phys);
	first_gsi = gsi_base;
	lines = (ioapic_read(IOAPIC_VERSION) >> 16 & 0xff) + 1;
	for (uint32_t n = 0; n < lines; n++)
		ioapic_write(REDIRECTION(n), RTE_MASKED);
}

void ioapic_route(uint32_t gsi, uint8_t vector, uint32_t apic_id, bool active_low,
		  bool level_triggered)
{
	uint32_t n = gsi - first_gsi;

	if (gsi < first_gsi || n >= lines)
		return;
	ioapic_write(REDIRECTION(n) + 1, apic_id << 24);
	ioapic_write(REDIRECTION(n), vector | (active_low ? RTE_ACTIVE_LOW : 0) |
				     (level_triggered ? RTE_LEVEL : 0));
}
