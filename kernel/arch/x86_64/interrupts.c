/*
 * Bringing up interrupts: the legacy 8259 PICs are remapped away from the
 * exception vectors and masked (a masked PIC can still raise a spurious
 * IRQ 7 or 15, which must not look like an exception); the local APIC and
 * the I/O APIC come from the ACPI MADT.
 */
#include <stdbool.h>
#include <stdint.h>
#include "acpi.h"
#include "cpu.h"
#include "ioapic.h"
#include "irq.h"
#include "kprintf.h"
#include "lapic.h"

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_DATA	0xa1
#define PIC_ICW1_INIT	0x11	/* edge, cascade, ICW4 follows */
#define PIC_ICW4_8086	0x01
#define DEFAULT_LAPIC	0xfee00000
#define DEFAULT_IOAPIC	0xfec00000
/* MPS INTI flags in a MADT source override. */
#define INTI_POLARITY_LOW	0x3
#define INTI_TRIGGER_LEVEL	(0x3 << 2)

static struct acpi_madt madt;

static void pic_remap_and_mask(void)
{
	outb(PIC_MASTER_CMD, PIC_ICW1_INIT);
	outb(PIC_SLAVE_CMD, PIC_ICW1_INIT);
	outb(PIC_MASTER_DATA, VECTOR_PIC_BASE);
	outb(PIC_SLAVE_DATA, VECTOR_PIC_BASE + 8);
	outb(PIC_MASTER_DATA, 4);	/* the slave hangs off IRQ 2 */
	outb(PIC_SLAVE_DATA, 2);
	outb(PIC_MASTER_DATA, PIC_ICW4_8086);
	outb(PIC_SLAVE_DATA, PIC_ICW4_8086);
	outb(PIC_MASTER_DATA, 0xff);
	outb(PIC_SLAVE_DATA, 0xff);
}

void interrupts_init(const void *rsdp, int rsdp_revision)
{
	pic_remap_and_mask();
	if (!acpi_read_madt(rsdp, rsdp_revision, &madt)) {
		kprintf("interrupts: no ACPI MADT; assuming the standard APIC addresses\n");
		madt.lapic_phys = DEFAULT_LAPIC;
		madt.ioapic_phys = DEFAULT_IOAPIC;
		for (int irq = 0; irq < 16; irq++)
			madt.isa_gsi[irq] = irq;
	}
	lapic_init(madt.lapic_phys);
	ioapic_init(madt.ioapic_phys, madt.ioapic_gsi_base);
	kprintf("interrupts: local APIC %u at %#lx, I/O APIC at %#lx (GSI %u-)\n", lapic_id(),
		madt.lapic_phys, madt.ioapic_phys, madt.ioapic_gsi_base);
}

void irq_enable_isa(unsigned irq, irq_handler_fn handler)
{
	uint16_t flags = madt.isa_flags[irq];

	irq_register(VECTOR_ISA_BASE + irq, handler);
	ioapic_route(madt.isa_gsi[irq], VECTOR_ISA_BASE + irq, lapic_id(),
		     (flags & INTI_POLARITY_LOW) == INTI_POLARITY_LOW,
		     (flags & INTI_TRIGGER_LEVEL) == INTI_TRIGGER_LEVEL);
}
