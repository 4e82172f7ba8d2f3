/*
 * The lab 4 visualiser's glue (web only): a program loaded into a user
 * address space over simulated physical memory, one loader action at a
 * time, then grown, touched and forked; and system-call traces checked
 * against the capability policy.
 *
 * Everything that decides anything is the kernel's shared C, compiled
 * unchanged by emcc: the loader's steps in the kernel's order
 * (kernel/exec/exec_loader.c, over elf.c, exec_image.c and ustack.c), the
 * address spaces of kernel/mm/uvm.c over kernel/mm/pagetable.c and their
 * invariants (kernel/mm/uvm_check.c), cap_allows (kernel/proc/caps.c) and
 * syscall_format_call (kernel/syscall/syscall_table.c).  Physical memory is
 * the simulated one the unit tests use (kernel/arch/hosted/sim_memory.c),
 * with reference counts as kernel/mm/user_memory.c keeps them in struct
 * frame.  This file takes the loader's steps one per click, and copies
 * results out for drawing.  kmalloc is the C library's
 * (kernel/arch/hosted/kmalloc.c), so the module links an allocator
 * (emmalloc).
 *
 * 64-bit values cross to JavaScript as BigInt (-sWASM_BIGINT).  Errors come
 * back negated (-ENOEXEC).
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "aurora/syscall_table.h"
#include "caps.h"
#include "enum_names.h"
#include "errno.h"
#include "exec_loader.h"
#include "format.h"
#include "kmalloc.h"
#include "list.h"
#include "perms.h"
#include "sim_memory.h"
#include "string.h"
#include "uvm.h"

#define MAX_SPACES 4
#define MAX_ARGS 32
#define MAX_ITEMS 4096		/* regions or pages listed at once */
#define TEXT_MAX 4096

/* --- physical memory: the simulated one ----------------------------------- */

EMSCRIPTEN_KEEPALIVE unsigned lab4_nframes(void) { return SIM_FRAMES; }
/* A byte a frame: its enum sim_frame_kind (sim_frame_kind_name names it). */
EMSCRIPTEN_KEEPALIVE const uint8_t *lab4_frame_kinds(void) { return sim_kind_map(); }
EMSCRIPTEN_KEEPALIVE const uint16_t *lab4_frame_refs(void) { return sim_ref_map(); }
EMSCRIPTEN_KEEPALIVE unsigned lab4_table_frames(void) { return sim_tables; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_tlb_flushes(void) { return sim_tlb_flushes; }

EMSCRIPTEN_KEEPALIVE unsigned lab4_refs(uint64_t pa)
{
	return pa < SIM_PHYS_SIZE ? sim_ref_map()[pa >> PAGE_SHIFT] : 0;
}

/* --- the address spaces: the loaded program and its forks ---------------- */

struct space {
	bool live;
	int parent;		/* the space it was forked from, or -1 */
	struct uvm uvm;
};

static struct space spaces[MAX_SPACES];

static struct uvm *space(int s)
{
	return s >= 0 && s < MAX_SPACES && spaces[s].live ? &spaces[s].uvm : NULL;
}

/* Back to empty memory and no address space; the image and arguments stay. */
static void memory_reset(void)
{
	for (int s = 0; s < MAX_SPACES; s++)
		spaces[s].live = false;
	sim_reset();
}

/* Free a space's region list (kmalloc'd) without touching its tables:
   memory_reset forgets every frame at once, and a space a tampered
   refcount broke could not be destroyed page by page anyway. */
static void forget_regions(struct uvm *uvm)
{
	while (!list_empty(&uvm->regions)) {
		struct list_node *n = uvm->regions.next;

		list_remove(n);
		kfree(container_of(n, struct uvm_region, link));
	}
}

/* --- the loader, a step at a time ----------------------------------------- */

/* The steps are exec_loader.h's, in the kernel's order: one per lab4_step. */
static uint8_t *image;
static size_t image_len;
static char *args[2][MAX_ARGS + 1];	/* argv and envp, NULL-terminated */
static unsigned nargs[2];
static uint8_t random16[16];
static uint8_t *stack_image;	/* the kernel's buffer, where ustack_build builds */

static struct exec_loader loader;
static int last_error;
static enum exec_step last_step;
static unsigned last_segment;

static char text[TEXT_MAX];	/* strings in from JavaScript, and out */

EMSCRIPTEN_KEEPALIVE char *lab4_text(void) { return text; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_text_max(void) { return TEXT_MAX; }

/* A buffer of len bytes for JavaScript to put the program's image in. */
EMSCRIPTEN_KEEPALIVE uint8_t *lab4_image_buffer(unsigned len)
{
	kfree(image);
	image = kmalloc(len ? len : 1);
	image_len = image ? len : 0;
	return image;
}

EMSCRIPTEN_KEEPALIVE void lab4_args_clear(void)
{
	for (int v = 0; v < 2; v++) {
		for (unsigned i = 0; i < nargs[v]; i++)
			kfree(args[v][i]);
		nargs[v] = 0;
		args[v][0] = NULL;
	}
}

/* A kmalloc'd copy of the string in lab4_text(), or NULL. */
static char *copy_text(void)
{
	size_t n = strnlen(text, TEXT_MAX - 1);
	char *copy = kmalloc(n + 1);

	if (copy) {
		memcpy(copy, text, n);
		copy[n] = '\0';
	}
	return copy;
}

/* Append the string in lab4_text() to argv (v = 0) or envp (v = 1). */
EMSCRIPTEN_KEEPALIVE int lab4_arg_add(int v)
{
	if (v < 0 || v > 1 || nargs[v] == MAX_ARGS)
		return -E2BIG;
	char *copy = copy_text();
	if (!copy)
		return -ENOMEM;
	args[v][nargs[v]++] = copy;
	args[v][nargs[v]] = NULL;
	return 0;
}

/* AT_RANDOM's bytes: the kernel seeds exec_random_bytes with the timestamp
   counter; here the scenario's seed stands for it, so a link reproduces them. */
static void seeded_random(uint32_t seed)
{
	uint64_t state = seed;

	exec_random_bytes(&state, random16);
}

/* Start over: empty memory, one fresh address space, no step taken. */
EMSCRIPTEN_KEEPALIVE int lab4_begin(uint32_t seed)
{
	for (int s = 0; s < MAX_SPACES; s++)
		if (spaces[s].live)
			forget_regions(&spaces[s].uvm);
	memory_reset();
	seeded_random(seed);
	last_error = 0;
	last_step = EXEC_PARSE;
	last_segment = 0;
	if (!stack_image && !(stack_image = kmalloc(EXEC_STACK_IMAGE_MAX)))
		return -ENOMEM;
	spaces[0].parent = -1;
	int err = uvm_init(&spaces[0].uvm, &sim_pt_memory, &sim_uvm_ops, 0);
	spaces[0].live = err == 0;
	loader = (struct exec_loader){ .uvm = &spaces[0].uvm, .image = image, .len = image_len,
				       .argv = args[0], .envp = args[1], .random = random16,
				       .stack = stack_image };
	return err;
}

/*
 * Take the next loader step.  Returns 1 if a step was taken (its result in
 * lab4_last_error), 0 if loading is over (done, or stopped by an error).
 */
EMSCRIPTEN_KEEPALIVE int lab4_step(void)
{
	if (!space(0) || loader.step == EXEC_DONE || last_error)
		return 0;
	last_step = loader.step;
	last_segment = loader.segment;
	last_error = exec_loader_step(&loader);
	return 1;
}

EMSCRIPTEN_KEEPALIVE int lab4_last_step(void) { return last_step; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_last_segment(void) { return last_segment; }
EMSCRIPTEN_KEEPALIVE int lab4_last_error(void) { return last_error; }
EMSCRIPTEN_KEEPALIVE int lab4_loaded(void) { return loader.step == EXEC_DONE && !last_error; }
EMSCRIPTEN_KEEPALIVE const char *lab4_parse_why(void) { return loader.why ? loader.why : ""; }

/* What elf_parse found. */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_entry(void) { return loader.info.entry; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_phdr(void) { return loader.info.phdr_vaddr; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_phnum(void) { return loader.info.phnum; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_phentsize(void) { return loader.info.phentsize; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_nsegments(void) { return loader.info.nsegments; }
/* Where EXEC_HEAP starts the heap: the end of the highest segment. */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_load_end(void) { return exec_image_end(&loader.info); }

static const struct elf_segment *segment(unsigned i)
{
	static const struct elf_segment none;

	return i < loader.info.nsegments ? &loader.info.seg[i] : &none;
}

EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_vaddr(unsigned i) { return segment(i)->vaddr; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_memsz(unsigned i) { return segment(i)->memsz; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_offset(unsigned i) { return segment(i)->offset; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_filesz(unsigned i) { return segment(i)->filesz; }

/* "R", "W", "U", "X": the name of permission bit PERM_x (perms.h); NULL for none. */
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab4_perm_name, int, PERMS)

/* The p_flags the segment had, as permissions: p_flags has no user bit. */
EMSCRIPTEN_KEEPALIVE int lab4_seg_flags(unsigned i)
{
	return perms(segment(i)->read, segment(i)->write, false, segment(i)->exec);
}

/* Where ustack_build put things (valid once the stack image is built). */
EMSCRIPTEN_KEEPALIVE int lab4_stack_built(void) { return loader.step > EXEC_STACK_BUILD; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_sp(void) { return loader.layout.sp; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_argc(void) { return loader.layout.argc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_envc(void) { return loader.layout.envc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_argv(void) { return loader.layout.argv; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_envp(void) { return loader.layout.envp; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_auxv(void) { return loader.layout.auxv; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_auxc(void) { return loader.layout.auxc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_random(void) { return loader.layout.random; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_strings(void) { return loader.layout.strings; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_strings_end(void) { return loader.layout.strings_end; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_execfn(void) { return loader.layout.execfn; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_user_end(void) { return USER_END; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_stack_top(void) { return USER_STACK_TOP; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_stack_max(void) { return USER_STACK_MAX; }

EMSCRIPTEN_KEEPALIVE const char *lab4_auxv_name(uint64_t type)
{
	const char *name = auxv_name(type);

	return name ? name : "";
}

/* --- reading memory without changing it ----------------------------------- */

static uint8_t peeked[TEXT_MAX];

/* Copy [va, va + len) of space s into `peeked` through its page tables.
   Unlike uvm_copy_in this never faults a page in: looking must not change
   what is looked at.  False if a page is not mapped. */
static bool peek(int s, uint64_t va, unsigned len)
{
	struct uvm *uvm = space(s);

	if (!uvm || len > sizeof(peeked))
		return false;
	for (unsigned done = 0; done < len;) {
		struct pt_walk w;
		uint64_t at = va + done;
		unsigned chunk = PAGE_SIZE - at % PAGE_SIZE;

		if (chunk > len - done)
			chunk = len - done;
		pt_walk(&uvm->as, at, &w);
		if (!w.mapped || w.phys + chunk > SIM_PHYS_SIZE)
			return false;
		memcpy(&peeked[done], sim_phys_to_virt(NULL, w.phys), chunk);
		done += chunk;
	}
	return true;
}

/* The same bytes from the kernel's stack buffer, before uvm_fill copies it. */
static bool peek_image(uint64_t va, unsigned len)
{
	uint64_t base = USER_STACK_TOP - EXEC_STACK_IMAGE_MAX;

	if (!lab4_stack_built() || len > sizeof(peeked) || va < base || va + len > USER_STACK_TOP)
		return false;
	memcpy(peeked, stack_image + (va - base), len);
	return true;
}

/* s >= 0: space s; s == -1: the stack buffer.  NULL if unreadable. */
EMSCRIPTEN_KEEPALIVE const uint8_t *lab4_peek(int s, uint64_t va, unsigned len)
{
	bool ok = s == -1 ? peek_image(va, len) : peek(s, va, len);

	return ok ? peeked : NULL;
}

/* --- what an address space holds ----------------------------------------- */

EMSCRIPTEN_KEEPALIVE int lab4_space_live(int s) { return space(s) != NULL; }
EMSCRIPTEN_KEEPALIVE int lab4_space_parent(int s) { return space(s) ? spaces[s].parent : -1; }
EMSCRIPTEN_KEEPALIVE int lab4_max_spaces(void) { return MAX_SPACES; }

#define COUNTER(name, field) \
	EMSCRIPTEN_KEEPALIVE uint64_t lab4_##name(int s) { return space(s) ? space(s)->field : 0; }
COUNTER(pages, pages)
COUNTER(zero_fills, zero_fills)
COUNTER(cow_copies, cow_copies)
COUNTER(cow_reuses, cow_reuses)
COUNTER(heap_start, heap_start)
COUNTER(brk, brk)
COUNTER(root, as.root)
#undef COUNTER

EMSCRIPTEN_KEEPALIVE uint64_t lab4_table_count(int s)
{
	return space(s) ? as_table_count(&space(s)->as) : 0;
}

static struct uvm_region region_list[MAX_ITEMS];
static unsigned nregions;

/* Copy space s's regions out, in address order; returns how many. */
EMSCRIPTEN_KEEPALIVE int lab4_regions(int s)
{
	struct uvm *uvm = space(s);
	struct list_node *n;

	nregions = 0;
	if (!uvm)
		return 0;
	list_for_each(n, &uvm->regions)
		if (nregions < MAX_ITEMS)
			region_list[nregions++] = *container_of(n, struct uvm_region, link);
	return (int)nregions;
}

static const struct uvm_region *region(unsigned i)
{
	static const struct uvm_region none;

	return i < nregions ? &region_list[i] : &none;
}

EMSCRIPTEN_KEEPALIVE uint64_t lab4_region_start(unsigned i) { return region(i)->start; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_region_end(unsigned i) { return region(i)->end; }
/* A region is user memory, always readable. */
EMSCRIPTEN_KEEPALIVE int lab4_region_perms(unsigned i)
{
	return perms(true, region(i)->write, true, region(i)->exec);
}
EMSCRIPTEN_KEEPALIVE const char *lab4_region_kind(unsigned i) { return uvm_kind_name(region(i)->kind); }

struct page {
	uint64_t va, pa;
	bool writable, user, executable;
};

static struct page page_list[MAX_ITEMS];
static unsigned npages;
static bool pages_truncated;

static int collect_pages(void *ctx, const struct pt_range *r)
{
	(void)ctx;
	for (uint64_t off = 0; off < r->len; off += PAGE_SIZE) {
		if (npages == MAX_ITEMS) {
			pages_truncated = true;
			return 1;
		}
		page_list[npages++] = (struct page){ r->va + off, r->pa + off, r->writable,
						     r->user, r->executable };
	}
	return 0;
}

/* Every mapped user page of space s, by pt_for_each_range; how many. */
EMSCRIPTEN_KEEPALIVE int lab4_pages_of(int s)
{
	npages = 0;
	pages_truncated = false;
	if (space(s))
		pt_for_each_range(&space(s)->as, USER_MIN, USER_END, collect_pages, NULL);
	return (int)npages;
}

static const struct page *page(unsigned i)
{
	static const struct page none;

	return i < npages ? &page_list[i] : &none;
}

EMSCRIPTEN_KEEPALIVE int lab4_pages_truncated(void) { return pages_truncated; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_page_va(unsigned i) { return page(i)->va; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_page_pa(unsigned i) { return page(i)->pa; }
/* The page-table permissions now: a present page is always readable. */
EMSCRIPTEN_KEEPALIVE int lab4_page_perms(unsigned i)
{
	return perms(true, page(i)->writable, page(i)->user, page(i)->executable);
}

/* --- what a program does after it starts --------------------------------- */

/* brk(2) as sys_brk runs it: the break in force after. */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_brk_to(int s, uint64_t addr)
{
	return space(s) ? uvm_brk(space(s), addr) : 0;
}

/* An anonymous read-write mapping: its address, or -errno. */
EMSCRIPTEN_KEEPALIVE int64_t lab4_mmap(int s, uint64_t len)
{
	return space(s) ? uvm_mmap(space(s), 0, len, true, false) : -EINVAL;
}

/* A user access to va, as the page-fault handler resolves it; write: 1.
   0, -EFAULT (a segmentation fault) or -ENOMEM. */
EMSCRIPTEN_KEEPALIVE int lab4_touch(int s, uint64_t va, int write)
{
	if (!space(s))
		return -EINVAL;
	return uvm_fault(space(s), va, write ? PT_WRITE : PT_READ);
}

/* A user store of the 8-byte value at va: the fault, then the bytes, with
   uvm_copy_out standing for the instruction. */
EMSCRIPTEN_KEEPALIVE int lab4_store(int s, uint64_t va, uint64_t value)
{
	int err = lab4_touch(s, va, 1);

	return err ? err : uvm_copy_out(space(s), va, &value, sizeof(value));
}

/* fork: a copy-on-write child of space s in a free slot.  Its number, or
   -EAGAIN (no slot) or another -errno. */
EMSCRIPTEN_KEEPALIVE int lab4_fork(int s)
{
	int c = 0;

	if (!space(s))
		return -EINVAL;
	while (c < MAX_SPACES && spaces[c].live)
		c++;
	if (c == MAX_SPACES)
		return -EAGAIN;
	int err = uvm_init(&spaces[c].uvm, &sim_pt_memory, &sim_uvm_ops, 0);
	if (err)
		return err;
	spaces[c].live = true;
	spaces[c].parent = s;
	err = uvm_fork(&spaces[c].uvm, space(s));
	if (err) {
		uvm_destroy(&spaces[c].uvm);
		spaces[c].live = false;
		return err;
	}
	return c;
}

/* exit: the space goes, and with it its frame references. */
EMSCRIPTEN_KEEPALIVE int lab4_exit(int s)
{
	if (!space(s))
		return -EINVAL;
	uvm_destroy(space(s));
	spaces[s].live = false;
	return 0;
}

/* The first data frame with at least min_refs references, or 0. */
static uint64_t data_frame(unsigned min_refs)
{
	for (uint64_t pa = PAGE_SIZE; pa < SIM_PHYS_SIZE; pa += PAGE_SIZE)
		if (sim_holds(pa, SIM_FRAME_DATA) && sim_refs(NULL, pa) >= min_refs)
			return pa;
	return 0;
}

/*
 * "Break it": the bug the invariant exists to catch.  A fork that forgot a
 * get_frame leaves a shared frame one reference short; with nothing shared,
 * a frame keeps a reference nobody will put.  Returns the frame's address.
 */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_tamper(void)
{
	uint64_t pa = data_frame(2);

	if (pa) {
		sim_put(NULL, pa);
		return pa;
	}
	pa = data_frame(1);
	if (pa)
		sim_get(NULL, pa);
	return pa;
}

/* --- invariants: uvm_check's ----------------------------------------------- */

/*
 * First the invariant between the spaces (uvm_check_sharing), then each
 * invariant of one space (uvm_check_invariant) over every live space, then
 * one only the owner of the memory can check: its page-table frames.
 */
enum { INV_SHARING, INV_SPACE, INV_TABLES = INV_SPACE + UVM_INVARIANT_COUNT, INV_COUNT };

static bool inv_ok[INV_COUNT];
static char inv_detail[INV_COUNT][160];

static void check_sharing(void)
{
	const struct uvm *live[MAX_SPACES];
	unsigned n = 0;

	for (int s = 0; s < MAX_SPACES; s++)
		if (space(s))
			live[n++] = space(s);
	inv_ok[INV_SHARING] = uvm_check_sharing(live, n, sim_count(SIM_FRAME_DATA),
						inv_detail[INV_SHARING], sizeof(inv_detail[0]));
}

/* Invariant inv of every live space: the first breach, with its space. */
static void check_spaces(enum uvm_invariant inv)
{
	char why[128];

	for (int s = 0; s < MAX_SPACES && inv_ok[INV_SPACE + inv]; s++)
		if (space(s) && !uvm_check_invariant(space(s), inv, why, sizeof(why))) {
			inv_ok[INV_SPACE + inv] = false;
			ksnprintf(inv_detail[INV_SPACE + inv], sizeof(inv_detail[0]), "P%d: %s", s, why);
		}
}

static void check_tables(void)
{
	uint64_t tables = 0;

	for (int s = 0; s < MAX_SPACES; s++)
		if (space(s))
			tables += as_table_count(&space(s)->as);
	inv_ok[INV_TABLES] = tables == (uint64_t)sim_tables;
	if (!inv_ok[INV_TABLES])
		ksnprintf(inv_detail[INV_TABLES], sizeof(inv_detail[0]),
			  "as_table_count sums to %llu, %d table frames allocated",
			  (unsigned long long)tables, sim_tables);
}

/* Check every invariant; returns how many are broken. */
EMSCRIPTEN_KEEPALIVE int lab4_check(void)
{
	int broken = 0;

	for (int i = 0; i < INV_COUNT; i++) {
		inv_ok[i] = true;
		inv_detail[i][0] = '\0';
	}
	check_sharing();
	for (int inv = 0; inv < UVM_INVARIANT_COUNT; inv++)
		check_spaces(inv);
	check_tables();
	for (int i = 0; i < INV_COUNT; i++)
		broken += !inv_ok[i];
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab4_invariant_count(void) { return INV_COUNT; }

EMSCRIPTEN_KEEPALIVE const char *lab4_invariant_name(int i)
{
	if (i == INV_SHARING)
		return "every frame's refcount = the address spaces mapping it";
	if (i == INV_TABLES)
		return "page-table frames allocated = as_table_count, summed";
	return i > INV_SHARING && i < INV_TABLES ? uvm_invariant_name(i - INV_SPACE) : "";
}

EMSCRIPTEN_KEEPALIVE int lab4_invariant_ok(int i) { return i >= 0 && i < INV_COUNT && inv_ok[i]; }
EMSCRIPTEN_KEEPALIVE const char *lab4_invariant_detail(int i) { return i >= 0 && i < INV_COUNT ? inv_detail[i] : ""; }

/* --- system calls and capabilities --------------------------------------- */

/* The string arguments of the call being formatted: the trace recorded
   them by position; syscall_format_call asks by address. */
static struct {
	uint64_t addr;
	char *s;
} call_strings[6];
static unsigned ncall_strings;

EMSCRIPTEN_KEEPALIVE void lab4_call_strings_clear(void)
{
	for (unsigned i = 0; i < ncall_strings; i++)
		kfree(call_strings[i].s);
	ncall_strings = 0;
}

/* The string in lab4_text() is the one at addr. */
EMSCRIPTEN_KEEPALIVE int lab4_call_string(uint64_t addr)
{
	if (ncall_strings == 6)
		return -E2BIG;
	char *copy = copy_text();
	if (!copy)
		return -ENOMEM;
	call_strings[ncall_strings].addr = addr;
	call_strings[ncall_strings++].s = copy;
	return 0;
}

static int trace_string(void *ctx, uint64_t addr, char *dst, size_t len)
{
	(void)ctx;
	for (unsigned i = 0; i < ncall_strings; i++)
		if (call_strings[i].addr == addr) {
			strlcpy(dst, call_strings[i].s, len);
			return 0;
		}
	return -EFAULT;		/* not recorded: syscall_format_call shows the pointer */
}

/*
 * The strace-style line of a finished call, with the recorded strings, in
 * lab4_text().  returned == 0: a call that never came back (exit_group),
 * shown "= ?" as strace does.
 */
EMSCRIPTEN_KEEPALIVE const char *lab4_format_call(unsigned nr, uint64_t a0, uint64_t a1,
						  uint64_t a2, uint64_t a3, uint64_t a4,
						  uint64_t a5, int64_t ret, int returned)
{
	const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
	size_t n = syscall_format_call(text, TEXT_MAX, nr, a, returned ? ret : 0,
				       trace_string, NULL);

	if (!returned && n < TEXT_MAX && n >= 1)
		text[n - 1] = '?';	/* " = 0" becomes " = ?" */
	return text;
}

/* cap_allows: 0 if held covers the call, else the capabilities missing. */
EMSCRIPTEN_KEEPALIVE uint32_t lab4_cap_missing(uint32_t held, unsigned nr, uint64_t a0,
					       uint64_t a1, uint64_t a2, uint64_t a3,
					       uint64_t a4, uint64_t a5)
{
	const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
	uint32_t missing = 0;

	return cap_allows(held, nr, a, &missing) ? 0 : missing;
}

EMSCRIPTEN_KEEPALIVE uint32_t lab4_cap_required(unsigned nr, uint64_t a0, uint64_t a1,
						uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };

	return cap_required(nr, a);
}

/* cap_format into lab4_text(). */
EMSCRIPTEN_KEEPALIVE const char *lab4_cap_format(uint32_t caps)
{
	cap_format(caps, text, TEXT_MAX);
	return text;
}

/* cap_parse of lab4_text(): the set, or -1 if it does not parse. */
EMSCRIPTEN_KEEPALIVE int64_t lab4_cap_parse(void)
{
	uint32_t caps;

	return cap_parse(text, &caps) ? -1 : (int64_t)caps;
}

EMSCRIPTEN_KEEPALIVE const char *lab4_cap_name(uint32_t bit)
{
	const char *name = cap_name(bit);

	return name ? name : "";
}

EMSCRIPTEN_KEEPALIVE uint32_t lab4_cap_all(void) { return CAP_ALL; }

EMSCRIPTEN_KEEPALIVE const char *lab4_syscall_name(unsigned nr)
{
	const struct syscall_info *call = syscall_info(nr);

	return call ? call->name : "";
}
