/*
 * Tests of kernel/exec/elf.c.  The images are built here in memory (the
 * tests also run in wasm, with no files to read): a small valid executable
 * laid out the way musl-gcc -static lays one out, which each rejection test
 * breaks in one place.
 */
#include "elf.h"
#include "errno.h"
#include "string.h"
#include "unit.h"

#define USER_END	0x0000800000000000ull
#define IMAGE_MAX	0x8000
#define MAX_PH		(ELF_MAX_SEGMENTS + 4)

/* The executable under test: its headers and its length. */
static struct {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PH];
	size_t len;
} t;
static unsigned char image[IMAGE_MAX + 1];	/* + 1: room to test misalignment */
static struct elf_info info;
static const char *why;

static void add_ph(uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
		   uint64_t filesz, uint64_t memsz)
{
	t.ph[t.eh.e_phnum++] = (Elf64_Phdr){
		.p_type = type, .p_flags = flags, .p_offset = offset, .p_vaddr = vaddr,
		.p_paddr = vaddr, .p_filesz = filesz, .p_memsz = memsz, .p_align = 0x1000,
	};
}

/* A header with no program headers yet, for a len-byte file. */
static void start(size_t len)
{
	memset(&t, 0, sizeof(t));
	memcpy(t.eh.e_ident, ELFMAG, SELFMAG);
	t.eh.e_ident[EI_CLASS] = ELFCLASS64;
	t.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	t.eh.e_ident[EI_VERSION] = EV_CURRENT;
	t.eh.e_type = ET_EXEC;
	t.eh.e_machine = EM_X86_64;
	t.eh.e_version = EV_CURRENT;
	t.eh.e_ehsize = sizeof(Elf64_Ehdr);
	t.eh.e_phoff = sizeof(Elf64_Ehdr);
	t.eh.e_phentsize = sizeof(Elf64_Phdr);
	t.len = len;
}

/* Read-only headers, text, then data with bss, on pages of their own. */
static void good(void)
{
	start(0x2000);
	t.eh.e_entry = 0x401010;
	add_ph(PT_LOAD, PF_R, 0, 0x400000, 0x200, 0x200);
	add_ph(PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x100, 0x100);
	add_ph(PT_LOAD, PF_R | PF_W, 0x1fc0, 0x402fc0, 0x40, 0x1000);
	add_ph(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	add_ph(PT_NOTE, PF_R, 0x190, 0x400190, 0x20, 0x20);
}

/* Write the headers at image + shift and parse t.len bytes from there.  The
   program headers go in even where t.len cuts them off, so a parser that
   read past the end would find them. */
static int parse_at(size_t shift)
{
	unsigned char *p = image + shift;
	uint64_t table = (uint64_t)t.eh.e_phnum * sizeof(Elf64_Phdr);

	memset(image, 0, sizeof(image));
	memcpy(p, &t.eh, sizeof(t.eh));
	if (t.eh.e_phoff <= IMAGE_MAX - sizeof(t.ph))
		memcpy(p + t.eh.e_phoff, t.ph, table);
	return elf_parse(p, t.len, USER_END, &info, &why);
}

static int parse(void)
{
	return parse_at(0);
}

static void check_segment(const struct elf_segment *s, uint64_t vaddr, uint64_t memsz,
			  uint64_t offset, uint64_t filesz, const char *rwx)
{
	CHECK_EQ(s->vaddr, vaddr);
	CHECK_EQ(s->memsz, memsz);
	CHECK_EQ(s->offset, offset);
	CHECK_EQ(s->filesz, filesz);
	CHECK_EQ(s->read, rwx[0] == 'r');
	CHECK_EQ(s->write, rwx[1] == 'w');
	CHECK_EQ(s->exec, rwx[2] == 'x');
}

TEST(elf_accepts_a_static_executable)
{
	good();
	CHECK_EQ(parse(), 0);
	CHECK(why == NULL);
	CHECK_EQ(info.entry, 0x401010);
	CHECK_EQ(info.phnum, 5);
	CHECK_EQ(info.phentsize, sizeof(Elf64_Phdr));
	/* No PT_PHDR: the table is found in the first segment, which loads
	   file offset 0 at 0x400000. */
	CHECK_EQ(info.phdr_vaddr, 0x400000 + sizeof(Elf64_Ehdr));
	if (!CHECK_EQ(info.nsegments, 3))
		return;
	check_segment(&info.seg[0], 0x400000, 0x200, 0, 0x200, "r--");
	check_segment(&info.seg[1], 0x401000, 0x100, 0x1000, 0x100, "r-x");
	check_segment(&info.seg[2], 0x402fc0, 0x1000, 0x1fc0, 0x40, "rw-");
}

TEST(elf_image_need_not_be_aligned)
{
	good();
	CHECK_EQ(parse_at(1), 0);
	CHECK_EQ(info.nsegments, 3);
	CHECK_EQ(info.entry, 0x401010);
}

/* readelf -lW of a `musl-gcc -static` hello world (its section headers
   would follow; the file is cut after the last segment). */
TEST(elf_accepts_musl_static_layout)
{
	start(0x6110);
	t.eh.e_entry = 0x40104f;
	add_ph(PT_LOAD, PF_R, 0, 0x400000, 0x190, 0x190);
	add_ph(PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x3bb7, 0x3bb7);
	add_ph(PT_LOAD, PF_R, 0x5000, 0x405000, 0xc94, 0xc94);
	add_ph(PT_LOAD, PF_R | PF_W, 0x5fc0, 0x406fc0, 0x150, 0x1798);
	add_ph(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	add_ph(0x6474e552 /* PT_GNU_RELRO */, PF_R, 0x5fc0, 0x406fc0, 0x40, 0x40);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.nsegments, 4);
	CHECK_EQ(info.phdr_vaddr, 0x400040);
}

TEST(elf_phdr_comes_from_pt_phdr_when_present)
{
	good();
	add_ph(PT_PHDR, PF_R, 0x40, 0x400040, 0x118, 0x118);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.phdr_vaddr, 0x400040);

	good();
	add_ph(PT_PHDR, PF_R, 0x40, 0x400080, 0x118, 0x118);	/* taken as given */
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.phdr_vaddr, 0x400080);
}

TEST(elf_phdr_is_zero_when_not_loaded)
{
	good();
	t.ph[0].p_filesz = t.ph[0].p_memsz = 0x100;	/* stops inside the table */
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.phdr_vaddr, 0);
}

TEST(elf_edges_that_are_allowed)
{
	/* A segment ending exactly at the end of the file and of user space. */
	good();
	t.ph[2].p_vaddr = USER_END - 0x1000 + 0xfc0;
	t.ph[2].p_memsz = 0x40;
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.seg[2].vaddr + info.seg[2].memsz, USER_END);

	/* An empty PT_LOAD maps nothing and is left out. */
	good();
	add_ph(PT_LOAD, PF_R, 0x1000, 0x401000, 0, 0);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.nsegments, 3);

	/* Exactly ELF_MAX_SEGMENTS segments, one page each. */
	start(0x1000);
	t.eh.e_entry = 0x400000;
	for (int i = 0; i < ELF_MAX_SEGMENTS; i++)
		add_ph(PT_LOAD, PF_R | PF_X, 0, 0x400000 + i * 0x1000, 0x1000, 0x1000);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(info.nsegments, ELF_MAX_SEGMENTS);
}

/* --- each way to be rejected ---------------------------------------------- */

static void too_short(void) { t.len = sizeof(Elf64_Ehdr) - 1; }
static void bad_magic(void) { t.eh.e_ident[1] = 'e'; }
static void elf32(void) { t.eh.e_ident[EI_CLASS] = 1; }
static void big_endian(void) { t.eh.e_ident[EI_DATA] = 2; }
static void ident_version_0(void) { t.eh.e_ident[EI_VERSION] = 0; }
static void header_version_2(void) { t.eh.e_version = 2; }
static void type_dyn(void) { t.eh.e_type = ET_DYN; }
static void type_rel(void) { t.eh.e_type = ET_REL; }
static void type_core(void) { t.eh.e_type = ET_CORE; }
static void type_none(void) { t.eh.e_type = ET_NONE; }
static void type_other(void) { t.eh.e_type = 0xfe00; }
static void machine_i386(void) { t.eh.e_machine = 3; }
static void phentsize_32(void) { t.eh.e_phentsize = 32; }
static void phdrs_cut_off(void) { t.len = sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr); }
static void phoff_past_end(void) { t.eh.e_phoff = 0x2001; }
static void phoff_wraps(void) { t.eh.e_phoff = UINT64_MAX - 0x40; }
static void interp(void) { add_ph(PT_INTERP, PF_R, 0x190, 0x400190, 0x1c, 0x1c); }
static void no_load(void) { t.ph[0].p_type = t.ph[1].p_type = t.ph[2].p_type = PT_NOTE; }
static void no_phdrs(void) { t.eh.e_phnum = 0; }
static void filesz_over_memsz(void) { t.ph[2].p_filesz = 0x1001; }
static void file_range_past_end(void) { t.ph[2].p_filesz = 0x41; }
static void offset_wraps(void) { t.ph[1].p_offset = UINT64_MAX - 0xfff; }
static void in_page_zero(void) { t.ph[0].p_vaddr = 0; }
static void last_byte_of_page_zero(void) { t.ph[0].p_vaddr = t.ph[0].p_offset = 0xfff; }
static void above_user_end(void) { t.ph[2].p_vaddr = USER_END - 0x1000 + 0xfc0; }
static void vaddr_wraps(void) { t.ph[2].p_vaddr = UINT64_MAX - 0x3f; }
static void misaligned(void) { t.ph[1].p_vaddr = 0x401800; }
static void shared_page(void) { t.ph[2].p_vaddr = 0x401fc0; }
static void same_addresses(void) { t.ph[2].p_vaddr = 0x400fc0; t.ph[2].p_memsz = 0x40; }
static void entry_not_exec(void) { t.eh.e_entry = 0x400010; }
static void entry_in_bss_of_rw(void) { t.eh.e_entry = 0x403000; }
static void entry_past_text(void) { t.eh.e_entry = 0x401100; }
static void entry_unmapped(void) { t.eh.e_entry = 0x500000; }

static void too_many_segments(void)
{
	start(0x1000);
	t.eh.e_entry = 0x400000;
	for (int i = 0; i <= ELF_MAX_SEGMENTS; i++)
		add_ph(PT_LOAD, PF_R | PF_X, 0, 0x400000 + i * 0x1000, 0x1000, 0x1000);
}

static const struct {
	const char *name;
	void (*breaks)(void);	/* applied to good() */
	const char *why;
} rejections[] = {
	{ "too_short", too_short, "too short for an ELF header" },
	{ "bad_magic", bad_magic, "not an ELF file (bad magic)" },
	{ "elf32", elf32, "not a 64-bit ELF file" },
	{ "big_endian", big_endian, "not a little-endian ELF file" },
	{ "ident_version_0", ident_version_0, "not ELF version 1" },
	{ "header_version_2", header_version_2, "not ELF version 1" },
	{ "type_dyn", type_dyn, "position-independent executables are not supported" },
	{ "type_rel", type_rel, "not a static executable (type 1, an object file)" },
	{ "type_core", type_core, "not a static executable (type 4, a core dump)" },
	{ "type_none", type_none, "not a static executable (type 0, no file type)" },
	{ "type_other", type_other, "not a static executable (unknown type)" },
	{ "machine_i386", machine_i386, "not an x86_64 executable" },
	{ "phentsize_32", phentsize_32, "bad program header size" },
	{ "phdrs_cut_off", phdrs_cut_off, "program headers lie outside the file" },
	{ "phoff_past_end", phoff_past_end, "program headers lie outside the file" },
	{ "phoff_wraps", phoff_wraps, "program headers lie outside the file" },
	{ "interp", interp, "dynamically linked: needs an interpreter" },
	{ "no_load", no_load, "no loadable segments" },
	{ "no_phdrs", no_phdrs, "no loadable segments" },
	{ "filesz_over_memsz", filesz_over_memsz,
	  "a segment's file size exceeds its memory size" },
	{ "file_range_past_end", file_range_past_end,
	  "a segment's file range lies outside the file" },
	{ "offset_wraps", offset_wraps, "a segment's file range lies outside the file" },
	{ "in_page_zero", in_page_zero, "a segment starts in page zero" },
	{ "last_byte_of_page_zero", last_byte_of_page_zero, "a segment starts in page zero" },
	{ "above_user_end", above_user_end, "a segment ends above user space" },
	{ "vaddr_wraps", vaddr_wraps, "a segment ends above user space" },
	{ "misaligned", misaligned,
	  "a segment's address and file offset differ within the page" },
	{ "shared_page", shared_page, "two segments share a page" },
	{ "same_addresses", same_addresses, "two segments share a page" },
	{ "too_many_segments", too_many_segments, "too many loadable segments" },
	{ "entry_not_exec", entry_not_exec, "the entry point is not in an executable segment" },
	{ "entry_in_bss_of_rw", entry_in_bss_of_rw,
	  "the entry point is not in an executable segment" },
	{ "entry_past_text", entry_past_text, "the entry point is not in an executable segment" },
	{ "entry_unmapped", entry_unmapped, "the entry point is not in an executable segment" },
};

TEST(elf_rejects_each_problem_with_its_reason)
{
	for (size_t i = 0; i < sizeof(rejections) / sizeof(rejections[0]); i++) {
		good();
		rejections[i].breaks();
		why = NULL;
		int rc = parse();
		if (rc != -ENOEXEC || !why || strcmp(why, rejections[i].why) != 0)
			unit_fail(__FILE__, __LINE__, "%s: returned %d, why \"%s\", wanted \"%s\"",
				  rejections[i].name, rc, why ? why : "(NULL)", rejections[i].why);
	}
}

TEST(elf_rejects_every_truncation)
{
	/* However short the file, the answer is a clean -ENOEXEC. */
	good();
	size_t full = t.len;
	for (size_t len = 0; len < full; len += len < 0x300 ? 1 : 0x40) {
		t.len = len;
		CHECK_EQ(parse(), -ENOEXEC);
	}
}
