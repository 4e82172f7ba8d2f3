#ifndef AURORA_ACPI_H
#define AURORA_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/* How to enter sleep state S5 (soft off). */
struct acpi_sleep {
	uint16_t pm1a_control;	/* I/O port of the PM1a control register */
	uint16_t slp_typ_a;	/* the SLP_TYPa value for S5 */
};

/* Read the FADT and the DSDT's \_S5 object; false if ACPI does not say. */
bool acpi_find_s5(const void *rsdp, int revision, struct acpi_sleep *out);

#endif
