/*
 * ELF64 executables (shared code: kernel, host tests, wasm).
 *
 * The structures and constants are the System V ABI's ("gABI" and its
 * x86_64 supplement); only what a loader of static executables needs.
 *
 * elf_parse reads an executable image already in memory, checks everything
 * the loader will rely on, and reduces it to a list of segments to map.
 * After it succeeds, every file range in elf_info lies inside the image,
 * every segment lies in [ELF_MIN_VADDR, user_end), no two segments touch the
 * same page, and the entry point is in an executable segment, so the loader
 * needs no checks of its own.
 *
 * Two segments sharing a page would force the loader to map that page once
 * with both segments' permissions.  GNU ld and musl's toolchain never do it
 * for static executables: they start the writable segment on a fresh page at
 * the same offset within the page as in the file (readelf -lW shows text
 * ending at 0x405c94 and data starting at 0x406fc0, say), so elf_parse
 * rejects a shared page rather than merge permissions.
 */
#ifndef AURORA_ELF_H
#define AURORA_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* e_ident[] */
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_NIDENT	16
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1

/* e_type */
#define ET_NONE		0
#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3
#define ET_CORE		4

/* e_machine */
#define EM_X86_64	62

/* p_type */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551

/* p_flags */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;	/* file offset of the program headers */
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;	/* bytes from the file; the rest of memsz is zeroed */
	uint64_t p_memsz;
	uint64_t p_align;
} Elf64_Phdr;

typedef struct {
	uint32_t sh_name;	/* offset of its name in the section-name table */
	uint32_t sh_type;
	uint64_t sh_flags;
	uint64_t sh_addr;
	uint64_t sh_offset;	/* file offset of its bytes */
	uint64_t sh_size;
	uint32_t sh_link;
	uint32_t sh_info;
	uint64_t sh_addralign;
	uint64_t sh_entsize;
} Elf64_Shdr;

#define SHT_NOBITS	8	/* occupies no file bytes (.bss) */

/* The lowest address a segment may use: page zero stays unmapped, so a NULL
   dereference faults. */
#define ELF_MIN_VADDR	0x1000ull

/* One PT_LOAD segment: map [vaddr, vaddr + memsz), fill its first filesz
   bytes from the file at offset and zero the rest. */
struct elf_segment {
	uint64_t vaddr, memsz, offset, filesz;
	bool read, write, exec;
};

#define ELF_MAX_SEGMENTS 16

struct elf_info {
	uint64_t entry;
	uint64_t phdr_vaddr;	/* the program headers in memory (AT_PHDR), or 0 */
	uint16_t phnum, phentsize;	/* for AT_PHNUM and AT_PHENT */
	unsigned nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];	/* in program-header order */
};

/*
 * Check the len-byte image of a static x86_64 executable whose segments must
 * end at or below user_end, and describe it in *info.  Returns 0 with *why
 * NULL, or -ENOEXEC with *why a short reason ("dynamically linked: needs an
 * interpreter") and *info incomplete.  Never reads outside [image, image +
 * len); the image need not be aligned.
 */
int elf_parse(const void *image, size_t len, uint64_t user_end, struct elf_info *info,
	      const char **why);

/*
 * The bytes of the section called name in an ELF64 image (elf_sections.c):
 * 0 with [*offset, *offset + *size) inside the image; -ENOENT when it has
 * no such section; -ENOEXEC when the image or its section table is not
 * well formed.  The same untrusted-image care as elf_parse.
 */
int elf_find_section(const void *image, size_t len, const char *name, uint64_t *offset,
		     uint64_t *size);

#endif
