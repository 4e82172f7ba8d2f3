/* The loader's shared steps (exec_image.c) over simulated memory. */
#include <string.h>
#include "errno.h"
#include "exec_image.h"
#include "sim_memory.h"
#include "unit.h"

static struct uvm uvm;
static uint8_t file[3 * PAGE_SIZE];

static void start(void)
{
	sim_reset();
	CHECK_EQ(uvm_init(&uvm, &sim_pt_memory, &sim_uvm_ops, 0), 0);
	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 7 + 1);
}

static void finish(void)
{
	uvm_destroy(&uvm);
	CHECK_EQ(sim_live, 0);
}

TEST(exec_load_segment_maps_the_pages_with_the_segment_permissions)
{
	const struct elf_segment text = { 0x401000, 0x1800, 0x1000, 0x1800, true, false, true };
	struct pt_walk w;

	start();
	CHECK_EQ(exec_load_segment(&uvm, &text, file), 0);
	struct uvm_region *r = uvm_find_region(&uvm, 0x401000);
	CHECK(r != NULL);
	CHECK_EQ(r->start, 0x401000);
	CHECK_EQ(r->end, 0x403000);
	CHECK(!r->write && r->exec);
	pt_walk(&uvm.as, 0x402000, &w);
	CHECK(w.mapped && !w.writable && w.executable && w.user);
	finish();
}

TEST(exec_load_segment_copies_the_file_bytes_and_zeroes_the_bss)
{
	/* 0x100 bytes of file at 0x404f80, then 0x2000 bytes of .bss. */
	const struct elf_segment data = { 0x404f80, 0x2100, 0x80, 0x100, true, true, false };
	uint8_t got[0x2100];
	size_t nonzero = 0;

	start();
	CHECK_EQ(exec_load_segment(&uvm, &data, file), 0);
	CHECK_EQ(uvm_copy_in(&uvm, got, 0x404f80, sizeof(got)), 0);
	CHECK(memcmp(got, file + 0x80, 0x100) == 0);
	for (size_t i = 0x100; i < sizeof(got); i++)
		nonzero += got[i] != 0;
	CHECK_EQ(nonzero, 0);
	CHECK_EQ(uvm_find_region(&uvm, 0x404000)->start, 0x404000);
	CHECK_EQ(uvm_find_region(&uvm, 0x404f80)->end, 0x408000);
	finish();
}

TEST(exec_load_segment_refuses_a_segment_over_another)
{
	const struct elf_segment a = { 0x401000, 0x1000, 0, 0x1000, true, false, true };
	const struct elf_segment b = { 0x401800, 0x1000, 0, 0x100, true, true, false };

	start();
	CHECK_EQ(exec_load_segment(&uvm, &a, file), 0);
	CHECK_EQ(exec_load_segment(&uvm, &b, file), -EEXIST);
	finish();
}

TEST(exec_image_end_is_the_page_after_the_highest_segment)
{
	struct elf_info info = { .nsegments = 2 };

	info.seg[0] = (struct elf_segment){ .vaddr = 0x401000, .memsz = 0x1000 };
	info.seg[1] = (struct elf_segment){ .vaddr = 0x404f80, .memsz = 0x2100 };
	CHECK_EQ(exec_image_end(&info), 0x408000);
}

static uint64_t aux_value(const struct auxv_pair *aux, unsigned n, uint64_t type)
{
	for (unsigned i = 0; i < n; i++)
		if (aux[i].type == type)
			return aux[i].value;
	return ~0ull;
}

TEST(exec_auxv_describes_the_program_and_hides_unloaded_headers)
{
	struct elf_info info = { .entry = 0x401234, .phdr_vaddr = 0x400040, .phnum = 5,
				 .phentsize = 56 };
	struct auxv_pair aux[EXEC_AUXV_MAX];
	unsigned n = exec_auxv(&info, aux);

	CHECK_EQ(aux_value(aux, n, AT_ENTRY), 0x401234);
	CHECK_EQ(aux_value(aux, n, AT_PHDR), 0x400040);
	CHECK_EQ(aux_value(aux, n, AT_PHNUM), 5);
	CHECK_EQ(aux_value(aux, n, AT_PHENT), 56);
	CHECK_EQ(aux_value(aux, n, AT_PAGESZ), PAGE_SIZE);
	info.phdr_vaddr = 0;
	n = exec_auxv(&info, aux);
	CHECK_EQ(aux_value(aux, n, AT_PHNUM), 0);
}

TEST(exec_stack_holds_what_ustack_built_at_the_top_of_user_space)
{
	static uint8_t buf[EXEC_STACK_IMAGE_MAX];
	const char *const argv[] = { "echo", "hi", NULL }, *const envp[] = { NULL };
	const uint8_t random[16] = { 1 };
	struct ustack_layout layout;
	uint64_t argc, argv1;
	char word[3];

	start();
	CHECK_EQ(ustack_build(buf, sizeof(buf), USER_STACK_TOP, argv, envp, NULL, 0, random,
			      &layout), 0);
	CHECK_EQ(exec_map_stack(&uvm), 0);
	CHECK_EQ(exec_fill_stack(&uvm, buf, layout.sp), 0);
	CHECK_EQ(uvm_copy_in(&uvm, &argc, layout.sp, sizeof(argc)), 0);
	CHECK_EQ(argc, 2);
	CHECK_EQ(uvm_copy_in(&uvm, &argv1, layout.sp + 16, sizeof(argv1)), 0);
	CHECK_EQ(uvm_copy_string_in(&uvm, word, argv1, sizeof(word)), 2);
	CHECK_STR_EQ(word, "hi");
	CHECK_EQ(uvm_find_region(&uvm, USER_STACK_TOP - USER_STACK_MAX)->kind, UVM_STACK);
	CHECK(uvm_find_region(&uvm, USER_STACK_TOP) == NULL);	/* the guard page */
	finish();
}
