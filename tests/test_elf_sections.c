/*
 * Tests of kernel/exec/elf_sections.c: finding a section by name, as the
 * browser kernel finds a program's .aurora.wasm.  The image is built here:
 * an ELF header, a section-name table, one section with a payload, and the
 * section headers (null, names, payload) at the end; each rejection test
 * breaks it in one place.
 */
#include "elf.h"
#include "errno.h"
#include "string.h"
#include "unit.h"

#define NAMES "\0.shstrtab\0.aurora.wasm\0"
#define NAMES_AT 0x40
#define PAYLOAD_AT 0x80
#define PAYLOAD "\0asm\1\0\0\0"
#define TABLE_AT 0x100

static unsigned char image[TABLE_AT + 3 * sizeof(Elf64_Shdr)];
static Elf64_Ehdr eh;
static Elf64_Shdr sh[3];
static uint64_t offset, size;

static void build(void)
{
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_shoff = TABLE_AT;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = 3;
	eh.e_shstrndx = 1;
	memset(sh, 0, sizeof(sh));
	sh[1] = (Elf64_Shdr){ .sh_name = 1, .sh_type = 3, .sh_offset = NAMES_AT,
			      .sh_size = sizeof(NAMES) };
	sh[2] = (Elf64_Shdr){ .sh_name = 11, .sh_type = 1, .sh_offset = PAYLOAD_AT,
			      .sh_size = sizeof(PAYLOAD) - 1 };
}

static int find(const char *name)
{
	memset(image, 0, sizeof(image));
	memcpy(image, &eh, sizeof(eh));
	memcpy(image + NAMES_AT, NAMES, sizeof(NAMES));
	memcpy(image + PAYLOAD_AT, PAYLOAD, sizeof(PAYLOAD) - 1);
	memcpy(image + TABLE_AT, sh, sizeof(sh));
	return elf_find_section(image, sizeof(image), name, &offset, &size);
}

TEST(elf_section_found_by_name)
{
	build();
	CHECK_EQ(find(".aurora.wasm"), 0);
	CHECK_EQ(offset, PAYLOAD_AT);
	CHECK_EQ(size, sizeof(PAYLOAD) - 1);
	CHECK_EQ(find(".shstrtab"), 0);
	CHECK_EQ(offset, NAMES_AT);
}

TEST(elf_section_missing_or_a_prefix_is_enoent)
{
	build();
	CHECK_EQ(find(".text"), -ENOENT);
	CHECK_EQ(find(".aurora"), -ENOENT);
	CHECK_EQ(find(".aurora.wasm.x"), -ENOENT);
}

TEST(elf_section_not_an_elf_is_enoexec)
{
	build();
	eh.e_ident[1] = 'e';
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	build();
	eh.e_ident[EI_CLASS] = 1;
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	CHECK_EQ(elf_find_section(image, sizeof(Elf64_Ehdr) - 1, ".x", &offset, &size), -ENOEXEC);
}

TEST(elf_section_offsets_outside_the_image_are_enoexec)
{
	build();
	eh.e_shoff = sizeof(image) - sizeof(Elf64_Shdr);	/* the table runs off the end */
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	build();
	eh.e_shstrndx = 7;					/* no such name table */
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	build();
	sh[2].sh_size = sizeof(image);				/* the payload runs off */
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	build();
	sh[2].sh_offset = ~0ull - 2;				/* and wraps around */
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
	build();
	sh[1].sh_size = ~0ull;					/* the name table runs off */
	CHECK_EQ(find(".aurora.wasm"), -ENOEXEC);
}

TEST(elf_section_name_past_the_table_is_not_read)
{
	build();
	sh[2].sh_name = sizeof(NAMES) - 3;	/* "m\0" ... then outside */
	CHECK_EQ(find(".aurora.wasm"), -ENOENT);
	sh[2].sh_name = 0xffffffffu;
	CHECK_EQ(find(".aurora.wasm"), -ENOENT);
}
