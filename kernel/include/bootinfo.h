/*
 * What the boot loader told us, in a form that does not depend on the boot
 * protocol.  multiboot2_parse() fills it from GRUB's information; the rest
 * of the kernel reads only this.
 */
#ifndef AURORA_BOOTINFO_H
#define AURORA_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_MAX_REGIONS 128
#define BOOT_MAX_MODULES 16

enum mem_type {
	MEM_AVAILABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIMABLE = 3,
	MEM_ACPI_NVS = 4,
	MEM_BAD = 5,
};

struct mem_region {
	uint64_t base, length;
	uint32_t type;		/* enum mem_type; other values mean reserved */
};

struct boot_module {
	uint64_t start, end;	/* physical, end exclusive */
	const char *cmdline;
};

enum fb_kind { FB_NONE, FB_INDEXED, FB_RGB, FB_EGA_TEXT };

struct framebuffer_info {
	uint64_t addr;		/* physical */
	uint32_t pitch, width, height;	/* bytes per row; pixels or characters */
	uint8_t bpp, kind;
	uint8_t red_shift, red_bits, green_shift, green_bits, blue_shift, blue_bits;
};

struct boot_info {
	const char *cmdline;
	const char *loader_name;
	struct mem_region regions[BOOT_MAX_REGIONS];
	size_t nregions;
	struct boot_module modules[BOOT_MAX_MODULES];
	size_t nmodules;
	struct framebuffer_info fb;
	const void *rsdp;	/* a copy of the ACPI RSDP, or NULL */
	uint8_t rsdp_revision;	/* 0: ACPI 1.0 RSDP, 2: XSDP */
	size_t info_size;	/* bytes of boot information, to keep reserved */
};

/*
 * Parse the multiboot2 information at `mbi` (already mapped).  Returns 0, or
 * -EINVAL with *error set to a reason when the structure is malformed.
 */
int multiboot2_parse(const void *mbi, struct boot_info *out, const char **error);

#endif
