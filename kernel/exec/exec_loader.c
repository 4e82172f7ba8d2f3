/* Loading a program a step at a time; see exec_loader.h. */
#include "enum_names.h"
#include "exec_loader.h"

static int parse(struct exec_loader *l)
{
	return elf_parse(l->image, l->len, USER_MMAP_TOP, &l->info, &l->why);
}

static int load_segment(struct exec_loader *l)
{
	return exec_load_segment(l->uvm, &l->info.seg[l->segment], l->image);
}

static int set_heap(struct exec_loader *l)
{
	return uvm_set_heap(l->uvm, exec_image_end(&l->info));
}

/* The stack in the caller's buffer: nothing is in the address space yet. */
static int build_stack(struct exec_loader *l)
{
	struct auxv_pair aux[EXEC_AUXV_MAX];
	unsigned naux = exec_auxv(&l->info, aux);

	return ustack_build(l->stack, EXEC_STACK_IMAGE_MAX, USER_STACK_TOP,
			    (const char *const *)l->argv, (const char *const *)l->envp,
			    aux, naux, l->random, &l->layout);
}

static int map_stack(struct exec_loader *l)
{
	return exec_map_stack(l->uvm);
}

static int fill_stack(struct exec_loader *l)
{
	return exec_fill_stack(l->uvm, l->stack, l->layout.sp);
}

static int (*const steps[EXEC_DONE])(struct exec_loader *l) = {
	[EXEC_PARSE] = parse, [EXEC_SEGMENT] = load_segment, [EXEC_HEAP] = set_heap,
	[EXEC_STACK_BUILD] = build_stack, [EXEC_STACK_MAP] = map_stack,
	[EXEC_STACK_FILL] = fill_stack,
};

/* On to the next step: EXEC_SEGMENT once per segment (elf_parse accepts
   no file without one). */
static void advance(struct exec_loader *l)
{
	if (l->step != EXEC_SEGMENT || ++l->segment == l->info.nsegments)
		l->step++;
}

int exec_loader_step(struct exec_loader *l)
{
	int err;

	if (l->step == EXEC_DONE)
		return 0;
	err = steps[l->step](l);
	if (!err)
		advance(l);
	return err;
}

int exec_loader_run(struct exec_loader *l)
{
	int err = 0;

	while (!err && l->step != EXEC_DONE)
		err = exec_loader_step(l);
	return err;
}

ENUM_NAME_FUNCTION(exec_step_name, enum exec_step, EXEC_STEPS)
