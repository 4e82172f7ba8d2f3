/*
 * The lab 4 visualiser's glue (web only): a program loaded into a user
 * address space over simulated physical memory, one loader action at a
 * time, then grown, touched and forked; and system-call traces checked
 * against the capability policy.
 *
 * Everything that decides anything is the kernel's shared C, compiled
 * unchanged by emcc: elf_parse (kernel/exec/elf.c), ustack_build
 * (kernel/exec/ustack.c), the address spaces of kernel/mm/uvm.c over
 * kernel/mm/pagetable.c, cap_allows (kernel/proc/caps.c) and
 * syscall_format_call (kernel/syscall/syscall_table.c).  This file owns
 * "physical memory" (a static array of frames with reference counts, as
 * kernel/mm/user_memory.c keeps them in struct frame), replays
 * kernel/exec/exec.c's steps one at a time, and copies results out for
 * drawing.  kmalloc is the C library's (kernel/arch/hosted/kmalloc.c), so
 * the module links an allocator (emmalloc).
 *
 * 64-bit values cross to JavaScript as BigInt (-sWASM_BIGINT).  Errors come
 * back negated (-ENOEXEC).
 */
#include <emscripten.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "caps.h"
#include "elf.h"
#include "errno.h"
#include "exec_image.h"
#include "format.h"
#include "kmalloc.h"
#include "list.h"
#include "string.h"
#include "syscall_table.h"
#include "ustack.h"
#include "uvm.h"

#define PHYS_SIZE (8ull << 20)
#define NFRAMES (PHYS_SIZE >> PAGE_SHIFT)
#define MAX_SPACES 4
#define MAX_ARGS 32
#define MAX_ITEMS 4096		/* regions or pages listed at once */
#define TEXT_MAX 4096

/* --- simulated physical memory ------------------------------------------- */

enum frame_kind { FRAME_FREE, FRAME_TABLE, FRAME_DATA };

static uint8_t phys[PHYS_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t kind[NFRAMES];
static uint16_t refs[NFRAMES];	/* data frames: the references uvm holds */
static unsigned table_frames;

/* First fit from frame 1: physical address 0 means "none" to the callers. */
static uint64_t frame_take(enum frame_kind k)
{
	for (uint64_t f = 1; f < NFRAMES; f++) {
		if (kind[f] != FRAME_FREE)
			continue;
		kind[f] = k;
		memset(&phys[f << PAGE_SHIFT], 0, PAGE_SIZE);
		return f << PAGE_SHIFT;
	}
	return 0;
}

static uint64_t sim_alloc_table(void *ctx)
{
	(void)ctx;
	uint64_t pa = frame_take(FRAME_TABLE);
	table_frames += pa != 0;
	return pa;
}

static void sim_free_table(void *ctx, uint64_t pa)
{
	(void)ctx;
	kind[pa >> PAGE_SHIFT] = FRAME_FREE;
	table_frames--;
}

static void *sim_phys_to_virt(void *ctx, uint64_t pa)
{
	(void)ctx;
	return pa < PHYS_SIZE ? &phys[pa] : NULL;
}

static const struct pt_memory sim_memory = {
	.alloc_table = sim_alloc_table,
	.free_table = sim_free_table,
	.phys_to_virt = sim_phys_to_virt,
};

/* The uvm_ops of kernel/mm/user_memory.c, over the array. */
static uint64_t sim_alloc_frame(void *ctx)
{
	(void)ctx;
	uint64_t pa = frame_take(FRAME_DATA);
	if (pa)
		refs[pa >> PAGE_SHIFT] = 1;
	return pa;
}

static void sim_get_frame(void *ctx, uint64_t pa)
{
	(void)ctx;
	refs[pa >> PAGE_SHIFT]++;
}

static void sim_put_frame(void *ctx, uint64_t pa)
{
	(void)ctx;
	if (--refs[pa >> PAGE_SHIFT] == 0)
		kind[pa >> PAGE_SHIFT] = FRAME_FREE;
}

static unsigned sim_frame_refs(void *ctx, uint64_t pa)
{
	(void)ctx;
	return refs[pa >> PAGE_SHIFT];
}

static unsigned tlb_flushes;

static void sim_flush_tlb(void *ctx, uint64_t va)
{
	(void)ctx;
	(void)va;
	tlb_flushes++;		/* no TLB here; counted to show when one is needed */
}

static const struct uvm_ops sim_ops = {
	.alloc_frame = sim_alloc_frame,
	.get_frame = sim_get_frame,
	.put_frame = sim_put_frame,
	.frame_refs = sim_frame_refs,
	.flush_tlb = sim_flush_tlb,
	.no_execute = PTE_NX,
};

EMSCRIPTEN_KEEPALIVE unsigned lab4_nframes(void) { return NFRAMES; }
EMSCRIPTEN_KEEPALIVE const uint8_t *lab4_frame_kinds(void) { return kind; }
EMSCRIPTEN_KEEPALIVE const uint16_t *lab4_frame_refs(void) { return refs; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_table_frames(void) { return table_frames; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_tlb_flushes(void) { return tlb_flushes; }

EMSCRIPTEN_KEEPALIVE unsigned lab4_refs(uint64_t pa)
{
	return pa < PHYS_SIZE ? refs[pa >> PAGE_SHIFT] : 0;
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
	memset(kind, FRAME_FREE, sizeof(kind));
	memset(refs, 0, sizeof(refs));
	table_frames = 0;
	tlb_flushes = 0;
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

/*
 * The steps of kernel/exec/exec.c's exec_load, in its order:
 *   STEP_PARSE        elf_parse
 *   STEP_SEGMENT      exec_load_segment, one segment: uvm_add_region + uvm_fill
 *   STEP_HEAP         uvm_set_heap at the end of the highest segment
 *   STEP_STACK_BUILD  build_stack: ustack_build into a kernel buffer
 *   STEP_STACK_MAP    build_stack: uvm_add_region of the stack
 *   STEP_STACK_FILL   build_stack: uvm_fill from the buffer
 */
enum step { STEP_PARSE, STEP_SEGMENT, STEP_HEAP, STEP_STACK_BUILD, STEP_STACK_MAP,
	    STEP_STACK_FILL, STEP_DONE };

static uint8_t *image;
static size_t image_len;
static char *args[2][MAX_ARGS + 1];	/* argv and envp, NULL-terminated */
static unsigned nargs[2];
static uint8_t random16[16];

static struct elf_info info;
static const char *why;
static uint64_t load_end;	/* the end of the highest segment: the heap's start */
static struct ustack_layout layout;
static uint8_t *stack_image;	/* the kernel buffer ustack_build fills */
static bool stack_built;

static enum step next_step;
static unsigned next_segment;
static int last_error;
static enum step last_step;
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
	memset(&info, 0, sizeof(info));
	memset(&layout, 0, sizeof(layout));
	why = NULL;
	load_end = 0;
	stack_built = false;
	next_step = STEP_PARSE;
	next_segment = 0;
	last_error = 0;
	last_step = STEP_PARSE;
	last_segment = 0;
	if (!stack_image && !(stack_image = kmalloc(EXEC_STACK_IMAGE_MAX)))
		return -ENOMEM;
	spaces[0].parent = -1;
	int err = uvm_init(&spaces[0].uvm, &sim_memory, &sim_ops, 0);
	spaces[0].live = err == 0;
	return err;
}

/* exec.c's build_stack, first part: the auxv it passes, then ustack_build. */
static int build_stack_image(void)
{
	struct auxv_pair aux[EXEC_AUXV_MAX];
	unsigned naux = exec_auxv(&info, aux);
	int err = ustack_build(stack_image, EXEC_STACK_IMAGE_MAX, USER_STACK_TOP,
			       (const char *const *)args[0], (const char *const *)args[1],
			       aux, naux, random16, &layout);

	stack_built = err == 0;
	return err;
}

static int do_step(struct uvm *uvm, enum step st)
{
	switch (st) {
	case STEP_PARSE:
		return elf_parse(image, image_len, USER_MMAP_TOP, &info, &why);
	case STEP_SEGMENT:
		return exec_load_segment(uvm, &info.seg[next_segment], image);
	case STEP_HEAP:
		load_end = exec_image_end(&info);
		return uvm_set_heap(uvm, load_end);
	case STEP_STACK_BUILD:
		return build_stack_image();
	case STEP_STACK_MAP:
		return exec_map_stack(uvm);
	case STEP_STACK_FILL:
		return exec_fill_stack(uvm, stack_image, layout.sp);
	default:
		return 0;
	}
}

static enum step after(enum step st)
{
	if (st == STEP_PARSE)
		return info.nsegments ? STEP_SEGMENT : STEP_HEAP;
	if (st == STEP_SEGMENT && next_segment + 1 < info.nsegments)
		return STEP_SEGMENT;
	return st + 1;
}

/*
 * Take the next loader step.  Returns 1 if a step was taken (its result in
 * lab4_last_error), 0 if loading is over (done, or stopped by an error).
 */
EMSCRIPTEN_KEEPALIVE int lab4_step(void)
{
	struct uvm *uvm = space(0);

	if (!uvm || next_step == STEP_DONE || last_error)
		return 0;
	last_step = next_step;
	last_segment = next_segment;
	last_error = do_step(uvm, next_step);
	if (last_error)
		return 1;
	enum step was = next_step;
	next_step = after(was);
	if (was == STEP_SEGMENT && next_step == STEP_SEGMENT)
		next_segment++;
	return 1;
}

EMSCRIPTEN_KEEPALIVE int lab4_last_step(void) { return last_step; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_last_segment(void) { return last_segment; }
EMSCRIPTEN_KEEPALIVE int lab4_last_error(void) { return last_error; }
EMSCRIPTEN_KEEPALIVE int lab4_loaded(void) { return next_step == STEP_DONE && !last_error; }
EMSCRIPTEN_KEEPALIVE const char *lab4_parse_why(void) { return why ? why : ""; }

/* What elf_parse found. */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_entry(void) { return info.entry; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_phdr(void) { return info.phdr_vaddr; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_phnum(void) { return info.phnum; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_phentsize(void) { return info.phentsize; }
EMSCRIPTEN_KEEPALIVE unsigned lab4_nsegments(void) { return info.nsegments; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_load_end(void) { return load_end; }

static const struct elf_segment *segment(unsigned i)
{
	static const struct elf_segment none;

	return i < info.nsegments ? &info.seg[i] : &none;
}

EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_vaddr(unsigned i) { return segment(i)->vaddr; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_memsz(unsigned i) { return segment(i)->memsz; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_offset(unsigned i) { return segment(i)->offset; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_seg_filesz(unsigned i) { return segment(i)->filesz; }

/* 1 read, 2 write, 4 execute: the p_flags the segment had. */
EMSCRIPTEN_KEEPALIVE int lab4_seg_flags(unsigned i)
{
	const struct elf_segment *s = segment(i);

	return (s->read ? 1 : 0) | (s->write ? 2 : 0) | (s->exec ? 4 : 0);
}

/* Where ustack_build put things (valid once the stack image is built). */
EMSCRIPTEN_KEEPALIVE int lab4_stack_built(void) { return stack_built; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_sp(void) { return layout.sp; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_argc(void) { return layout.argc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_envc(void) { return layout.envc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_argv(void) { return layout.argv; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_envp(void) { return layout.envp; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_auxv(void) { return layout.auxv; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_auxc(void) { return layout.auxc; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_random(void) { return layout.random; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_strings(void) { return layout.strings; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_strings_end(void) { return layout.strings_end; }
EMSCRIPTEN_KEEPALIVE uint64_t lab4_execfn(void) { return layout.execfn; }
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
		if (!w.mapped || w.phys + chunk > PHYS_SIZE)
			return false;
		memcpy(&peeked[done], &phys[w.phys], chunk);
		done += chunk;
	}
	return true;
}

/* The same bytes from the kernel's stack buffer, before uvm_fill copies it. */
static bool peek_image(uint64_t va, unsigned len)
{
	uint64_t base = USER_STACK_TOP - EXEC_STACK_IMAGE_MAX;

	if (!stack_built || len > sizeof(peeked) || va < base || va + len > USER_STACK_TOP)
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
/* 2 write, 4 execute (read is always allowed), as lab4_seg_flags. */
EMSCRIPTEN_KEEPALIVE int lab4_region_perms(unsigned i)
{
	return 1 | (region(i)->write ? 2 : 0) | (region(i)->exec ? 4 : 0);
}
EMSCRIPTEN_KEEPALIVE const char *lab4_region_kind(unsigned i) { return uvm_kind_name(region(i)->kind); }

struct page {
	uint64_t va, pa;
	bool writable, executable;
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
						     r->executable };
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
/* 1 read, 2 write, 4 execute: the page-table permissions now. */
EMSCRIPTEN_KEEPALIVE int lab4_page_perms(unsigned i)
{
	return 1 | (page(i)->writable ? 2 : 0) | (page(i)->executable ? 4 : 0);
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
	int err = uvm_init(&spaces[c].uvm, &sim_memory, &sim_ops, 0);
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

/*
 * "Break it": the bug the invariant exists to catch.  A fork that forgot a
 * get_frame leaves a shared frame one reference short; with nothing shared,
 * a frame keeps a reference nobody will put.  Returns the frame's address.
 */
EMSCRIPTEN_KEEPALIVE uint64_t lab4_tamper(void)
{
	for (uint64_t f = 1; f < NFRAMES; f++)
		if (kind[f] == FRAME_DATA && refs[f] > 1) {
			refs[f]--;
			return f << PAGE_SHIFT;
		}
	for (uint64_t f = 1; f < NFRAMES; f++)
		if (kind[f] == FRAME_DATA) {
			refs[f]++;
			return f << PAGE_SHIFT;
		}
	return 0;
}

/* --- invariants ---------------------------------------------------------- */

enum {
	INV_REFS,		/* refcount = spaces mapping the frame */
	INV_COW,		/* a shared frame is writable in no space */
	INV_PAGES,		/* uvm.pages = pages in the tables */
	INV_TABLES,		/* table frames = as_table_count, summed */
	INV_COUNT
};

static const char *const inv_names[INV_COUNT] = {
	"every frame's refcount = the address spaces mapping it",
	"a shared frame is read-only everywhere (copy-on-write)",
	"each space's page count = the pages its tables map",
	"page-table frames allocated = as_table_count, summed",
};

static bool inv_ok[INV_COUNT];
static char inv_detail[INV_COUNT][160];
static uint16_t mappers[NFRAMES];	/* spaces mapping each frame */
static bool shared_writable[NFRAMES];
static uint64_t mapped_in_space;

static void breach(int inv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Record the first breach of invariant inv, in words. */
static void breach(int inv, const char *fmt, ...)
{
	va_list ap;

	if (!inv_ok[inv])
		return;
	inv_ok[inv] = false;
	va_start(ap, fmt);
	kvsnprintf(inv_detail[inv], sizeof(inv_detail[inv]), fmt, ap);
	va_end(ap);
}

static int count_range(void *ctx, const struct pt_range *r)
{
	(void)ctx;
	for (uint64_t off = 0; off < r->len; off += PAGE_SIZE) {
		uint64_t f = (r->pa + off) >> PAGE_SHIFT;

		mapped_in_space++;
		if (f >= NFRAMES || kind[f] != FRAME_DATA) {
			breach(INV_REFS, "0x%llx maps frame 0x%llx, which holds no data",
			       (unsigned long long)(r->va + off), (unsigned long long)(r->pa + off));
			continue;
		}
		mappers[f]++;
		if (r->writable)
			shared_writable[f] = true;
	}
	return 0;
}

/* Check every invariant; returns how many are broken. */
EMSCRIPTEN_KEEPALIVE int lab4_check(void)
{
	uint64_t tables = 0;

	for (int i = 0; i < INV_COUNT; i++) {
		inv_ok[i] = true;
		inv_detail[i][0] = '\0';
	}
	memset(mappers, 0, sizeof(mappers));
	memset(shared_writable, 0, sizeof(shared_writable));
	for (int s = 0; s < MAX_SPACES; s++) {
		struct uvm *uvm = space(s);

		if (!uvm)
			continue;
		mapped_in_space = 0;
		pt_for_each_range(&uvm->as, USER_MIN, USER_END, count_range, NULL);
		if (mapped_in_space != uvm->pages)
			breach(INV_PAGES, "space %d counts %llu pages, its tables map %llu", s,
			       (unsigned long long)uvm->pages, (unsigned long long)mapped_in_space);
		tables += as_table_count(&uvm->as);
	}
	for (uint64_t f = 1; f < NFRAMES; f++) {
		if (kind[f] != FRAME_DATA)
			continue;
		if (refs[f] != mappers[f])
			breach(INV_REFS, "frame 0x%llx: refcount %u, mapped by %u spaces",
			       (unsigned long long)(f << PAGE_SHIFT), refs[f], mappers[f]);
		if (mappers[f] > 1 && shared_writable[f])
			breach(INV_COW, "frame 0x%llx is shared by %u spaces and writable",
			       (unsigned long long)(f << PAGE_SHIFT), mappers[f]);
	}
	if (tables != table_frames)
		breach(INV_TABLES, "as_table_count sums to %llu, %u table frames allocated",
		       (unsigned long long)tables, table_frames);
	int broken = 0;
	for (int i = 0; i < INV_COUNT; i++)
		broken += !inv_ok[i];
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab4_invariant_count(void) { return INV_COUNT; }
EMSCRIPTEN_KEEPALIVE const char *lab4_invariant_name(int i) { return i >= 0 && i < INV_COUNT ? inv_names[i] : ""; }
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
