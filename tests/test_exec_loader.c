/*
 * Tests of kernel/exec/exec_loader.c, the order of the loading steps, over
 * simulated memory: a small static executable built here (text holding
 * the headers, then data with .bss) is loaded a step at a time and at once,
 * and a file elf_parse refuses stops the load before anything is mapped.
 */
#include "elf.h"
#include "errno.h"
#include "exec_loader.h"
#include "sim_memory.h"
#include "string.h"
#include "unit.h"

#define TEXT	0x400000ull
#define DATA	0x401000ull
#define ENTRY	0x400100ull

static struct uvm uvm;
static uint8_t file[0x1100];
static uint8_t stack[EXEC_STACK_IMAGE_MAX];
static char *const argv[] = { "echo", "hi", NULL };
static char *const envp[] = { "HOME=/", NULL };
static const uint8_t random_bytes[16] = { 7 };

static void add_load(Elf64_Phdr *ph, uint32_t flags, uint64_t offset, uint64_t vaddr,
		     uint64_t filesz, uint64_t memsz)
{
	*ph = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = flags, .p_offset = offset,
			    .p_vaddr = vaddr, .p_filesz = filesz, .p_memsz = memsz,
			    .p_align = PAGE_SIZE };
}

/* Text (with the headers) at TEXT, 0x100 bytes of data and 0x1f00 of .bss at DATA. */
static void write_program(void)
{
	Elf64_Ehdr eh = {
		.e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
		.e_entry = ENTRY, .e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 2,
	};
	Elf64_Phdr ph[2];

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	add_load(&ph[0], PF_R | PF_X, 0, TEXT, 0x200, 0x200);
	add_load(&ph[1], PF_R | PF_W, 0x1000, DATA, 0x100, 0x2000);
	memset(file, 0x5a, sizeof(file));
	memcpy(file, &eh, sizeof(eh));
	memcpy(file + sizeof(eh), ph, sizeof(ph));
}

static struct exec_loader start(void)
{
	sim_reset();
	CHECK_EQ(uvm_init(&uvm, &sim_pt_memory, &sim_uvm_ops, 0), 0);
	write_program();
	return (struct exec_loader){ .uvm = &uvm, .image = file, .len = sizeof(file),
				     .argv = argv, .envp = envp, .random = random_bytes,
				     .stack = stack };
}

static void finish(void)
{
	uvm_destroy(&uvm);
	CHECK_EQ(sim_live, 0);
	CHECK_EQ(sim_misuse, 0);
}

TEST(exec_loader_takes_the_steps_in_order)
{
	static const enum exec_step order[] = {
		EXEC_PARSE, EXEC_SEGMENT, EXEC_SEGMENT, EXEC_HEAP, EXEC_STACK_BUILD,
		EXEC_STACK_MAP, EXEC_STACK_FILL, EXEC_DONE,
	};
	struct exec_loader l = start();

	for (size_t i = 0; i + 1 < sizeof(order) / sizeof(order[0]); i++) {
		CHECK_EQ(l.step, order[i]);
		CHECK_EQ(exec_loader_step(&l), 0);
	}
	CHECK_EQ(l.step, EXEC_DONE);
	CHECK_EQ(exec_loader_step(&l), 0);	/* nothing left to do */
	CHECK_EQ(l.step, EXEC_DONE);
	finish();
}

TEST(exec_loader_run_leaves_a_program_ready_to_start)
{
	struct exec_loader l = start();
	uint64_t argc;
	uint8_t byte;

	CHECK_EQ(exec_loader_run(&l), 0);
	CHECK(l.why == NULL);
	CHECK_EQ(l.info.entry, ENTRY);
	CHECK_EQ(uvm.heap_start, DATA + 0x2000);
	CHECK_EQ(uvm_copy_in(&uvm, &argc, l.layout.sp, sizeof(argc)), 0);
	CHECK_EQ(argc, 2);
	CHECK_EQ(uvm_copy_in(&uvm, &byte, DATA + 0xff, 1), 0);
	CHECK_EQ(byte, 0x5a);
	CHECK_EQ(uvm_copy_in(&uvm, &byte, DATA + 0x100, 1), 0);
	CHECK_EQ(byte, 0);	/* .bss */
	finish();
}

TEST(exec_loader_stops_at_a_file_elf_parse_refuses)
{
	struct exec_loader l = start();

	file[1] = 'e';
	CHECK_EQ(exec_loader_run(&l), -ENOEXEC);
	CHECK_EQ(l.step, EXEC_PARSE);
	CHECK_STR_EQ(l.why, "not an ELF file (bad magic)");
	CHECK(list_empty(&uvm.regions));
	finish();
}

TEST(exec_loader_stops_at_arguments_too_big_for_the_stack)
{
	static char big[EXEC_STACK_IMAGE_MAX];
	char *const too_much[] = { big, NULL };
	struct exec_loader l = start();

	memset(big, 'x', sizeof(big) - 1);
	l.argv = too_much;
	CHECK_EQ(exec_loader_run(&l), -E2BIG);
	CHECK_EQ(l.step, EXEC_STACK_BUILD);
	CHECK(uvm_find_region(&uvm, USER_STACK_TOP - PAGE_SIZE) == NULL);
	finish();
}

TEST(exec_step_names_come_from_the_list)
{
	CHECK_STR_EQ(exec_step_name(EXEC_PARSE), "parse");
	CHECK_STR_EQ(exec_step_name(EXEC_STACK_FILL), "stack-fill");
	CHECK(exec_step_name(EXEC_DONE) == NULL);
}
