/* Loading a program into an address space; see exec_image.h. */
#include "errno.h"
#include "exec_image.h"

int exec_load_segment(struct uvm *uvm, const struct elf_segment *s, const uint8_t *image)
{
	// LAB 4 SOLUTION BEGIN (exercise: map and fill one of the program's segments)
	int err = uvm_add_region(uvm, page_down(s->vaddr), page_up(s->vaddr + s->memsz),
				 s->write, s->exec, UVM_SEGMENT);

	/* The loader may write a read-only segment: nothing runs in it yet. */
	return err ? err : uvm_fill(uvm, s->vaddr, image + s->offset, s->filesz);
	// LAB 4 SOLUTION STUB
	// (void)uvm, (void)s, (void)image;
	// return -ENOEXEC;	/* no program can be loaded yet */
	// LAB 4 SOLUTION END
}

uint64_t exec_image_end(const struct elf_info *info)
{
	uint64_t end = 0;

	for (unsigned i = 0; i < info->nsegments; i++)
		if (page_up(info->seg[i].vaddr + info->seg[i].memsz) > end)
			end = page_up(info->seg[i].vaddr + info->seg[i].memsz);
	return end;
}

void exec_random_bytes(uint64_t *state, uint8_t out[16])
{
	for (int i = 0; i < 2; i++) {
		uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		for (int b = 0; b < 8; b++)
			out[i * 8 + b] = (uint8_t)(z >> (8 * b));
	}
}

unsigned exec_auxv(const struct elf_info *info, struct auxv_pair aux[EXEC_AUXV_MAX])
{
	/* A program whose headers are not loaded gets none: AT_PHNUM 0 keeps
	   a C runtime from reading them at address 0. */
	const struct auxv_pair pairs[] = {
		{ AT_PHDR, info->phdr_vaddr }, { AT_PHENT, info->phentsize },
		{ AT_PHNUM, info->phdr_vaddr ? info->phnum : 0 }, { AT_PAGESZ, PAGE_SIZE },
		{ AT_ENTRY, info->entry }, { AT_UID, 0 }, { AT_EUID, 0 },
		{ AT_GID, 0 }, { AT_EGID, 0 }, { AT_SECURE, 0 }, { AT_CLKTCK, 100 },
	};
	unsigned n = sizeof(pairs) / sizeof(pairs[0]);

	_Static_assert(sizeof(pairs) / sizeof(pairs[0]) <= EXEC_AUXV_MAX, "EXEC_AUXV_MAX");
	for (unsigned i = 0; i < n; i++)
		aux[i] = pairs[i];
	return n;
}

int exec_map_stack(struct uvm *uvm)
{
	return uvm_add_region(uvm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_TOP, true, false,
			      UVM_STACK);
}

int exec_fill_stack(struct uvm *uvm, const uint8_t buf[EXEC_STACK_IMAGE_MAX], uint64_t sp)
{
	return uvm_fill(uvm, sp, buf + EXEC_STACK_IMAGE_MAX - (USER_STACK_TOP - sp),
			USER_STACK_TOP - sp);
}
