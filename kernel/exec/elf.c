/*
 * Parsing ELF64 executables (shared code).  See elf.h for what is checked.
 *
 * The image is untrusted: a program can exec any file it can write.  Every
 * offset and size from it is checked against len before use, in forms that
 * cannot overflow (off <= len && size <= len - off, never off + size <= len),
 * and headers are copied out with memcpy because the image need not be
 * aligned.  Each check returns a reason, or NULL when all is well.
 */
#include "elf.h"
#include "errno.h"
#include "pagetable.h"
#include "string.h"

/* Does [off, off + size) lie inside a len-byte image? */
static bool in_image(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

static const char *type_reason(uint16_t type)
{
	switch (type) {
	case ET_NONE:
		return "not a static executable (type 0, no file type)";
	case ET_REL:
		return "not a static executable (type 1, an object file)";
	case ET_CORE:
		return "not a static executable (type 4, a core dump)";
	default:
		return "not a static executable (unknown type)";
	}
}

static const char *check_header(const Elf64_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return "not an ELF file (bad magic)";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return "not a 64-bit ELF file";
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not a little-endian ELF file";
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "not ELF version 1";
	if (eh->e_type == ET_DYN)
		return "position-independent executables are not supported";
	if (eh->e_type != ET_EXEC)
		return type_reason(eh->e_type);
	if (eh->e_machine != EM_X86_64)
		return "not an x86_64 executable";
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return "bad program header size";
	return NULL;
}

static const char *check_segment(const Elf64_Phdr *ph, size_t len, uint64_t user_end)
{
	if (ph->p_filesz > ph->p_memsz)
		return "a segment's file size exceeds its memory size";
	if (!in_image(ph->p_offset, ph->p_filesz, len))
		return "a segment's file range lies outside the file";
	if (ph->p_vaddr < ELF_MIN_VADDR)
		return "a segment starts in page zero";
	if (ph->p_memsz > user_end || ph->p_vaddr > user_end - ph->p_memsz)
		return "a segment ends above user space";
	/* The loader maps file pages at page-aligned addresses: both must sit
	   at the same offset within their page. */
	if ((ph->p_vaddr ^ ph->p_offset) & (PAGE_SIZE - 1))
		return "a segment's address and file offset differ within the page";
	return NULL;
}

static const char *add_segment(struct elf_info *info, const Elf64_Phdr *ph, size_t len,
			       uint64_t user_end)
{
	const char *reason = check_segment(ph, len, user_end);

	if (reason)
		return reason;
	if (ph->p_memsz == 0)
		return NULL;	/* maps nothing, and would have no last page */
	if (info->nsegments == ELF_MAX_SEGMENTS)
		return "too many loadable segments";
	info->seg[info->nsegments++] = (struct elf_segment){
		.vaddr = ph->p_vaddr, .memsz = ph->p_memsz,
		.offset = ph->p_offset, .filesz = ph->p_filesz,
		.read = ph->p_flags & PF_R, .write = ph->p_flags & PF_W,
		.exec = ph->p_flags & PF_X,
	};
	return NULL;
}

/* Where the program-header table [phoff, phoff + size) of the file appears
   in memory: inside the segment loaded from those bytes, if any. */
static uint64_t phdr_in_segments(const struct elf_info *info, uint64_t phoff, uint64_t size)
{
	for (unsigned i = 0; i < info->nsegments; i++) {
		const struct elf_segment *s = &info->seg[i];

		if (phoff >= s->offset && phoff - s->offset <= s->filesz &&
		    size <= s->filesz - (phoff - s->offset))
			return s->vaddr + (phoff - s->offset);
	}
	return 0;
}

static const char *read_program_headers(const unsigned char *image, size_t len,
					uint64_t user_end, const Elf64_Ehdr *eh,
					struct elf_info *info)
{
	uint64_t table_size = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);

	if (!in_image(eh->e_phoff, table_size, len))
		return "program headers lie outside the file";
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;
		const char *reason = NULL;

		memcpy(&ph, image + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP)
			reason = "dynamically linked: needs an interpreter";
		else if (ph.p_type == PT_LOAD)
			reason = add_segment(info, &ph, len, user_end);
		else if (ph.p_type == PT_PHDR)
			info->phdr_vaddr = ph.p_vaddr;
		if (reason)
			return reason;
	}
	if (info->nsegments == 0)
		return "no loadable segments";
	if (!info->phdr_vaddr)
		info->phdr_vaddr = phdr_in_segments(info, eh->e_phoff, table_size);
	return NULL;
}

static uint64_t first_page(const struct elf_segment *s)
{
	return s->vaddr / PAGE_SIZE;
}

static uint64_t last_page(const struct elf_segment *s)
{
	return (s->vaddr + s->memsz - 1) / PAGE_SIZE;
}

static bool share_a_page(const struct elf_segment *a, const struct elf_segment *b)
{
	return first_page(a) <= last_page(b) && first_page(b) <= last_page(a);
}

static bool executes(const struct elf_segment *s, uint64_t addr)
{
	return s->exec && addr >= s->vaddr && addr - s->vaddr < s->memsz;
}

/* Checks between segments, once all are known. */
static const char *check_layout(const struct elf_info *info)
{
	bool entry_ok = false;

	for (unsigned i = 0; i < info->nsegments; i++) {
		for (unsigned j = i + 1; j < info->nsegments; j++)
			if (share_a_page(&info->seg[i], &info->seg[j]))
				return "two segments share a page";
		entry_ok |= executes(&info->seg[i], info->entry);
	}
	return entry_ok ? NULL : "the entry point is not in an executable segment";
}

int elf_parse(const void *image, size_t len, uint64_t user_end, struct elf_info *info,
	      const char **why)
{
	Elf64_Ehdr eh;

	if (len < sizeof(eh)) {
		*why = "too short for an ELF header";
		return -ENOEXEC;
	}
	memcpy(&eh, image, sizeof(eh));
	*info = (struct elf_info){
		.entry = eh.e_entry, .phnum = eh.e_phnum, .phentsize = eh.e_phentsize,
	};
	*why = check_header(&eh);
	if (!*why)
		*why = read_program_headers(image, len, user_end, &eh, info);
	if (!*why)
		*why = check_layout(info);
	return *why ? -ENOEXEC : 0;
}
