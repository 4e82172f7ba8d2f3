#ifndef AURORA_ACPI_H
#define AURORA_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/* How to enter sleep state S5 (soft off). */
struct acpi_sleep {
	uint16_t pm1a_control;	/* I/O port of the PM1a control register */
	uint16_t slp_typ_a;	/* the SLP_TYPa value for S5 */
};

/* What the MADT ("APIC" table) says about interrupt controllers. */
struct acpi_madt {
	uint64_t lapic_phys;
	uint64_t ioapic_phys;		/* the first I/O APIC; 0 if none */
	uint32_t ioapic_gsi_base;
	/* ISA IRQ n arrives on global system interrupt isa_gsi[n], with
	   these flags (MPS INTI flags: polarity bits 0-1, trigger bits 2-3). */
	uint32_t isa_gsi[16];
	uint16_t isa_flags[16];
};

/* Read the MADT; false if there is none. */
bool acpi_read_madt(const void *rsdp, int revision, struct acpi_madt *out);

/* Read the FADT and the DSDT's \_S5 object; false if ACPI does not say. */
bool acpi_find_s5(const void *rsdp, int revision, struct acpi_sleep *out);

#endif
