/*
 * Just enough ACPI to find the interrupt controllers (the MADT) and to
 * power off: RSDP -> RSDT or XSDT -> FADT ("FACP") ->
 * the PM1a control port and the DSDT, then the \_S5 package in the DSDT's
 * AML.  Offsets are from the ACPI specification (5.2.5 RSDP, 5.2.6 table
 * header, 5.2.9 FADT).  Rather than run an AML interpreter we look for the
 * bytes of `Name (_S5, Package () { SLP_TYPa, ... })`, which is how every
 * firmware we know of writes it.
 */
#include <stdbool.h>
#include <stdint.h>
#include "acpi.h"
#include "memlayout.h"
#include "string.h"

#define SDT_HEADER_SIZE	36
#define RSDP_RSDT	16
#define RSDP_XSDT	24
#define FADT_DSDT	40
#define FADT_PM1A_CNT	64
#define FADT_X_DSDT	140
#define AML_PACKAGE_OP	0x12
#define AML_BYTE_PREFIX	0x0a
#define AML_ONE_OP	0x01

static uint32_t read32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t read64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* Map a table if the boot direct map reaches it. */
static const uint8_t *table_at(uint64_t phys)
{
	if (phys == 0 || phys + SDT_HEADER_SIZE > BOOT_DIRECT_MAP_SIZE)
		return NULL;
	return phys_to_virt(phys);
}

static const uint8_t *find_table(const uint8_t *rsdp, int revision, const char *sig)
{
	bool xsdt = revision >= 2;
	const uint8_t *root = table_at(xsdt ? read64(rsdp + RSDP_XSDT) : read32(rsdp + RSDP_RSDT));
	unsigned entry_size = xsdt ? 8 : 4;

	if (!root)
		return NULL;
	for (uint32_t off = SDT_HEADER_SIZE; off + entry_size <= read32(root + 4); off += entry_size) {
		const uint8_t *t = table_at(xsdt ? read64(root + off) : read32(root + off));

		if (t && memcmp(t, sig, 4) == 0)
			return t;
	}
	return NULL;
}

/* MADT entry types (ACPI 5.2.12). */
enum { MADT_IO_APIC = 1, MADT_SOURCE_OVERRIDE = 2, MADT_LAPIC_OVERRIDE = 5 };
#define MADT_LAPIC_ADDRESS 36
#define MADT_ENTRIES 44

static void read_madt_entry(const uint8_t *e, struct acpi_madt *out)
{
	if (e[0] == MADT_IO_APIC && out->ioapic_phys == 0) {
		out->ioapic_phys = read32(e + 4);
		out->ioapic_gsi_base = read32(e + 8);
	} else if (e[0] == MADT_SOURCE_OVERRIDE && e[3] < 16) {
		out->isa_gsi[e[3]] = read32(e + 4);
		out->isa_flags[e[3]] = e[8] | e[9] << 8;
	} else if (e[0] == MADT_LAPIC_OVERRIDE) {
		out->lapic_phys = read64(e + 4);
	}
}

bool acpi_read_madt(const void *rsdp, int revision, struct acpi_madt *out)
{
	const uint8_t *madt = rsdp ? find_table(rsdp, revision, "APIC") : NULL;

	if (!madt)
		return false;
	memset(out, 0, sizeof(*out));
	for (int irq = 0; irq < 16; irq++)
		out->isa_gsi[irq] = irq;	/* identity unless overridden */
	out->lapic_phys = read32(madt + MADT_LAPIC_ADDRESS);
	for (uint32_t off = MADT_ENTRIES; off + 2 <= read32(madt + 4) && madt[off + 1] >= 2;
	     off += madt[off + 1])
		read_madt_entry(madt + off, out);
	return true;
}

/* Parse `_S5_ PackageOp PkgLength NumElements SLP_TYPa` at p. */
static bool parse_s5_package(const uint8_t *p, const uint8_t *end, uint16_t *slp_typ)
{
	p += 4;
	if (p >= end || *p++ != AML_PACKAGE_OP)
		return false;
	p += (*p >> 6) + 1;	/* PkgLength: bits 7-6 of its first byte count extra bytes */
	p++;			/* NumElements */
	if (p + 1 >= end)
		return false;
	if (*p == AML_BYTE_PREFIX)
		p++;
	else if (*p > AML_ONE_OP)
		return false;
	*slp_typ = *p;
	return true;
}

bool acpi_find_s5(const void *rsdp, int revision, struct acpi_sleep *out)
{
	const uint8_t *fadt, *dsdt;
	uint64_t dsdt_phys;

	if (!rsdp || !(fadt = find_table(rsdp, revision, "FACP")))
		return false;
	dsdt_phys = read32(fadt + FADT_DSDT);
	if (read32(fadt + 4) >= FADT_X_DSDT + 8 && read64(fadt + FADT_X_DSDT))
		dsdt_phys = read64(fadt + FADT_X_DSDT);
	if (!(dsdt = table_at(dsdt_phys)) || dsdt_phys + read32(dsdt + 4) > BOOT_DIRECT_MAP_SIZE)
		return false;
	for (const uint8_t *p = dsdt + SDT_HEADER_SIZE, *end = dsdt + read32(dsdt + 4); p + 4 < end; p++)
		if (memcmp(p, "_S5_", 4) == 0 && parse_s5_package(p, end, &out->slp_typ_a)) {
			out->pm1a_control = read32(fadt + FADT_PM1A_CNT);
			return true;
		}
	return false;
}
