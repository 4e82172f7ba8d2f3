/* Tests of kernel/boot/multiboot2.c on boot information built by hand. */
#include <stdint.h>
#include <string.h>
#include "bootinfo.h"
#include "errno.h"
#include "unit.h"

/* A multiboot2 information block under construction (spec section 3.6). */
struct mbi_builder {
	uint8_t bytes[1024] __attribute__((aligned(8)));
	uint32_t size;
};

static void *add_tag(struct mbi_builder *m, uint32_t type, uint32_t size)
{
	uint8_t *tag = m->bytes + m->size;

	memcpy(tag, &type, 4);
	memcpy(tag + 4, &size, 4);
	m->size += (size + 7) & ~7u;
	memcpy(m->bytes, &m->size, 4);
	return tag + 8;
}

static void add_string_tag(struct mbi_builder *m, uint32_t type, const char *s)
{
	memcpy(add_tag(m, type, 8 + strlen(s) + 1), s, strlen(s) + 1);
}

static void begin(struct mbi_builder *m)
{
	memset(m, 0, sizeof(*m));
	m->size = 8;
}

static void end(struct mbi_builder *m)
{
	add_tag(m, 0, 8);
}

static void add_mmap(struct mbi_builder *m)
{
	static const struct { uint64_t base, length; uint32_t type, zero; } entries[] = {
		{ 0, 0x9fc00, 1, 0 }, { 0x100000, 0x7ee0000, 1, 0 }, { 0x7fe0000, 0x20000, 2, 0 },
	};
	uint8_t *body = add_tag(m, 6, 16 + sizeof(entries));
	uint32_t entry_size = 24, version = 0;

	memcpy(body, &entry_size, 4);
	memcpy(body + 4, &version, 4);
	memcpy(body + 8, entries, sizeof(entries));
}

TEST(multiboot2_reads_every_tag_we_use)
{
	static struct mbi_builder m;
	static struct boot_info bi;
	const char *error = NULL;
	uint32_t module[2] = { 0x200000, 0x201000 };
	uint8_t fb[24] = { 0 };
	uint64_t fb_addr = 0xfd000000;
	uint32_t fb_geometry[3] = { 4096, 1024, 768 };

	begin(&m);
	add_string_tag(&m, 1, "grade console=serial");
	add_string_tag(&m, 2, "GRUB test");
	add_mmap(&m);
	memcpy(fb, &fb_addr, 8);
	memcpy(fb + 8, fb_geometry, 12);
	fb[20] = 32;	/* bpp */
	fb[21] = 1;	/* RGB */
	uint8_t colours[6] = { 16, 8, 8, 8, 0, 8 };
	uint8_t *body = add_tag(&m, 8, 8 + sizeof(fb) + sizeof(colours));
	memcpy(body, fb, sizeof(fb));
	memcpy(body + sizeof(fb), colours, sizeof(colours));
	body = add_tag(&m, 3, 8 + 8 + 7);
	memcpy(body, module, 8);
	memcpy(body + 8, "initrd", 7);
	memcpy(add_tag(&m, 14, 8 + 20), "RSD PTR ", 8);
	end(&m);

	CHECK_EQ(multiboot2_parse(m.bytes, &bi, &error), 0);
	CHECK_STR_EQ(bi.cmdline, "grade console=serial");
	CHECK_STR_EQ(bi.loader_name, "GRUB test");
	CHECK_EQ(bi.nregions, 3);
	CHECK_EQ(bi.regions[1].base, 0x100000);
	CHECK_EQ(bi.regions[1].length, 0x7ee0000);
	CHECK_EQ(bi.regions[2].type, MEM_RESERVED);
	CHECK_EQ(bi.fb.kind, FB_RGB);
	CHECK_EQ(bi.fb.addr, 0xfd000000);
	CHECK_EQ(bi.fb.width, 1024);
	CHECK_EQ(bi.fb.height, 768);
	CHECK_EQ(bi.fb.pitch, 4096);
	CHECK_EQ(bi.fb.red_shift, 16);
	CHECK_EQ(bi.fb.blue_bits, 8);
	CHECK_EQ(bi.nmodules, 1);
	CHECK_EQ(bi.modules[0].end, 0x201000);
	CHECK_STR_EQ(bi.modules[0].cmdline, "initrd");
	CHECK(bi.rsdp != NULL && memcmp(bi.rsdp, "RSD PTR ", 8) == 0);
	CHECK_EQ(bi.rsdp_revision, 0);
	CHECK_EQ(bi.info_size, m.size);
}

TEST(multiboot2_defaults_when_tags_are_absent)
{
	static struct mbi_builder m;
	static struct boot_info bi;
	const char *error = NULL;

	begin(&m);
	end(&m);
	CHECK_EQ(multiboot2_parse(m.bytes, &bi, &error), 0);
	CHECK_STR_EQ(bi.cmdline, "");
	CHECK_EQ(bi.nregions, 0);
	CHECK_EQ(bi.fb.kind, FB_NONE);
	CHECK(bi.rsdp == NULL);
}

TEST(multiboot2_rejects_a_tag_past_the_end)
{
	static struct mbi_builder m;
	static struct boot_info bi;
	const char *error = NULL;
	uint32_t huge = 4096;

	begin(&m);
	add_string_tag(&m, 1, "x");
	memcpy(m.bytes + 8 + 4, &huge, 4);	/* the cmdline tag claims 4 KiB */
	end(&m);
	CHECK_EQ(multiboot2_parse(m.bytes, &bi, &error), -EINVAL);
	CHECK(error != NULL && strstr(error, "past the end") != NULL);
}

TEST(multiboot2_rejects_a_missing_end_tag)
{
	static struct mbi_builder m;
	static struct boot_info bi;
	const char *error = NULL;

	begin(&m);
	add_string_tag(&m, 1, "x");
	CHECK_EQ(multiboot2_parse(m.bytes, &bi, &error), -EINVAL);
	CHECK(error != NULL && strstr(error, "no end tag") != NULL);
}

TEST(multiboot2_rejects_a_zero_sized_tag)
{
	static struct mbi_builder m;
	static struct boot_info bi;
	const char *error = NULL;

	begin(&m);
	add_tag(&m, 1, 8);
	memset(m.bytes + 12, 0, 4);		/* size 0 would loop forever */
	end(&m);
	CHECK_EQ(multiboot2_parse(m.bytes, &bi, &error), -EINVAL);
}
