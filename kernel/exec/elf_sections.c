/*
 * Finding a section of an ELF64 image by name (shared code).  A loader
 * needs only the program headers; sections matter for what rides along in
 * the file: Aurora's programs carry their WebAssembly build in a section
 * named .aurora.wasm, which the browser kernel runs (arch/wasm/exec_wasm.c).
 * Every offset from the image is checked against its length first.
 */
#include "elf.h"
#include "errno.h"
#include "string.h"

static bool inside(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/* Section header i, copied out (the image need not be aligned); false if
   it lies outside the image. */
static bool section_header(const unsigned char *image, size_t len, const Elf64_Ehdr *eh,
			   unsigned i, Elf64_Shdr *sh)
{
	uint64_t at = eh->e_shoff + (uint64_t)i * sizeof(*sh);

	if (eh->e_shoff > len || !inside(at, sizeof(*sh), len))
		return false;
	memcpy(sh, image + at, sizeof(*sh));
	return true;
}

/* Is the name at offset off of the name table `names` equal to name? */
static bool name_is(const unsigned char *image, const Elf64_Shdr *names, uint32_t off,
		    const char *name)
{
	size_t n = strlen(name) + 1;

	return off < names->sh_size && n <= names->sh_size - off &&
	       memcmp(image + names->sh_offset + off, name, n) == 0;
}

static int check_table(const unsigned char *image, size_t len, const Elf64_Ehdr *eh,
		       Elf64_Shdr *names)
{
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(Elf64_Shdr))
		return -ENOEXEC;
	if (!section_header(image, len, eh, eh->e_shstrndx, names) ||
	    !inside(names->sh_offset, names->sh_size, len))
		return -ENOEXEC;
	return 0;
}

int elf_find_section(const void *image, size_t len, const char *name, uint64_t *offset,
		     uint64_t *size)
{
	const unsigned char *bytes = image;
	Elf64_Ehdr eh;
	Elf64_Shdr names, sh;

	if (len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, image, sizeof(eh));
	int err = check_table(bytes, len, &eh, &names);
	for (unsigned i = 0; !err && i < eh.e_shnum; i++) {
		if (!section_header(bytes, len, &eh, i, &sh))
			return -ENOEXEC;
		if (sh.sh_type == SHT_NOBITS || !name_is(bytes, &names, sh.sh_name, name))
			continue;
		if (!inside(sh.sh_offset, sh.sh_size, len))
			return -ENOEXEC;
		*offset = sh.sh_offset;
		*size = sh.sh_size;
		return 0;
	}
	return err ? err : -ENOENT;
}
