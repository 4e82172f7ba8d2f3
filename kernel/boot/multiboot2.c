/*
 * Reading GRUB's multiboot2 boot information (shared code: pure parsing of a
 * byte buffer).  The structure is a size, then 8-byte-aligned tags, each
 * starting with a type and a size, ended by a tag of type 0.  Layouts are
 * from the Multiboot2 specification, section 3.6.
 */
#include <stdint.h>
#include "bootinfo.h"
#include "errno.h"
#include "string.h"

enum {
	TAG_END = 0, TAG_CMDLINE = 1, TAG_LOADER_NAME = 2, TAG_MODULE = 3,
	TAG_MMAP = 6, TAG_FRAMEBUFFER = 8, TAG_ACPI_OLD = 14, TAG_ACPI_NEW = 15,
};

struct tag {
	uint32_t type, size;
};

struct tag_module {
	struct tag tag;
	uint32_t start, end;
	char cmdline[];
};

struct tag_mmap {
	struct tag tag;
	uint32_t entry_size, entry_version;
};

struct mmap_entry {
	uint64_t base, length;
	uint32_t type, reserved;
};

struct tag_framebuffer {
	struct tag tag;
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, type;
	uint16_t reserved;
	uint8_t red_shift, red_bits, green_shift, green_bits, blue_shift, blue_bits;
} __attribute__((packed));

/* Multiboot2 framebuffer types, and the kinds we call them. */
static const uint8_t fb_kinds[] = { FB_INDEXED, FB_RGB, FB_EGA_TEXT };

static void parse_mmap(const struct tag_mmap *t, struct boot_info *out)
{
	const uint8_t *p = (const uint8_t *)(t + 1);
	const uint8_t *end = (const uint8_t *)t + t->tag.size;

	for (; p + sizeof(struct mmap_entry) <= end && out->nregions < BOOT_MAX_REGIONS;
	     p += t->entry_size) {
		const struct mmap_entry *e = (const struct mmap_entry *)p;
		out->regions[out->nregions++] = (struct mem_region){ e->base, e->length, e->type };
	}
}

static void parse_framebuffer(const struct tag_framebuffer *t, struct boot_info *out)
{
	if (t->type >= sizeof(fb_kinds))
		return;
	out->fb = (struct framebuffer_info){
		.addr = t->addr, .pitch = t->pitch, .width = t->width,
		.height = t->height, .bpp = t->bpp, .kind = fb_kinds[t->type],
	};
	if (t->type == 1 && t->tag.size >= sizeof(*t)) {
		out->fb.red_shift = t->red_shift;
		out->fb.red_bits = t->red_bits;
		out->fb.green_shift = t->green_shift;
		out->fb.green_bits = t->green_bits;
		out->fb.blue_shift = t->blue_shift;
		out->fb.blue_bits = t->blue_bits;
	}
}

static void parse_module(const struct tag_module *t, struct boot_info *out)
{
	if (out->nmodules < BOOT_MAX_MODULES)
		out->modules[out->nmodules++] =
			(struct boot_module){ t->start, t->end, t->cmdline };
}

static void parse_tag(const struct tag *t, struct boot_info *out)
{
	switch (t->type) {
	case TAG_CMDLINE:
		out->cmdline = (const char *)(t + 1);
		break;
	case TAG_LOADER_NAME:
		out->loader_name = (const char *)(t + 1);
		break;
	case TAG_MODULE:
		parse_module((const struct tag_module *)t, out);
		break;
	case TAG_MMAP:
		parse_mmap((const struct tag_mmap *)t, out);
		break;
	case TAG_FRAMEBUFFER:
		parse_framebuffer((const struct tag_framebuffer *)t, out);
		break;
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		out->rsdp = t + 1;
		out->rsdp_revision = t->type == TAG_ACPI_NEW ? 2 : 0;
		break;
	}
}

int multiboot2_parse(const void *mbi, struct boot_info *out, const char **error)
{
	const uint8_t *start = mbi;
	uint32_t total = *(const uint32_t *)mbi;
	size_t offset = 8;	/* total_size, reserved */

	memset(out, 0, sizeof(*out));
	out->cmdline = "";
	out->loader_name = "unknown";
	out->info_size = total;
	while (offset + sizeof(struct tag) <= total) {
		const struct tag *t = (const struct tag *)(start + offset);

		if (t->type == TAG_END)
			return 0;
		if (t->size < sizeof(struct tag) || t->size > total - offset) {
			*error = "a tag runs past the end of the boot information";
			return -EINVAL;
		}
		parse_tag(t, out);
		offset += (t->size + 7) & ~7u;
	}
	*error = "no end tag in the boot information";
	return -EINVAL;
}
