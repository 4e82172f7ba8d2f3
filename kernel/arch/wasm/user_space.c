/*
 * User address spaces in the browser kernel: the uvm.h interface over
 * WebAssembly memories.  A process's memory is the linear memory of its
 * own instance, which the runtime (runtime.js) keeps; the kernel knows it
 * by a number, kept where x86_64 keeps the page-table root (as.root), so
 * hal.set_page_table still says whose memory is current.
 *
 * A linear memory has no pages to map or protect: every address below its
 * size is readable and writable, so regions, faults and copy-on-write have
 * nothing to do here.  Fork copies the memory; brk and mmap grow it.  The
 * first 4 KiB stay out of reach, as page zero is on x86_64: programs are
 * linked to start above it, and a null pointer given to a system call is
 * -EFAULT on both targets.
 */
#include "errno.h"
#include "string.h"
#include "user_memory.h"
#include "uvm.h"
#include "wasm_runtime.h"

#define WASM_PAGE 65536u
#define USER_FIRST 4096u		/* below it: -EFAULT, as page zero */
#define SPACE_END (1ull << 32)		/* wasm32 addresses */

int user_memory_create(struct uvm *uvm)
{
	memset(uvm, 0, sizeof(*uvm));
	list_init(&uvm->regions);
	uvm->as.root = (uint64_t)aurora_space_create();
	return uvm->as.root ? 0 : -ENOMEM;
}

void uvm_destroy(struct uvm *uvm)
{
	if (uvm->as.root)
		aurora_space_destroy((int)uvm->as.root);
	uvm->as.root = 0;
}

int uvm_fork(struct uvm *child, struct uvm *parent)
{
	aurora_space_destroy((int)child->as.root);
	child->as.root = (uint64_t)aurora_space_fork((int)parent->as.root);
	child->heap_start = parent->heap_start;
	child->brk = parent->brk;
	return child->as.root ? 0 : -ENOMEM;
}

static int space_of(struct uvm *uvm)
{
	return (int)uvm->as.root;
}

bool uvm_range_ok(uint64_t va, uint64_t len)
{
	return va >= USER_FIRST && va <= SPACE_END && len <= SPACE_END - va;
}

/* How many of the len bytes at va the memory holds, from va on. */
static size_t reachable(struct uvm *uvm, uint64_t va, size_t len)
{
	uint64_t size = aurora_space_size(space_of(uvm));

	if (va < USER_FIRST || va >= size)
		return 0;
	return len < size - va ? len : (size_t)(size - va);
}

size_t uvm_copy_in_some(struct uvm *uvm, void *dst, uint64_t src, size_t len)
{
	size_t n = reachable(uvm, src, len);

	if (n)
		aurora_space_read(space_of(uvm), dst, (uint32_t)src, n);
	return n;
}

size_t uvm_copy_out_some(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	size_t n = reachable(uvm, dst, len);

	if (n)
		aurora_space_write(space_of(uvm), (uint32_t)dst, src, n);
	return n;
}

size_t uvm_prepare_write(struct uvm *uvm, uint64_t va, size_t len)
{
	return reachable(uvm, va, len);
}

int uvm_copy_in(struct uvm *uvm, void *dst, uint64_t src, size_t len)
{
	return uvm_copy_in_some(uvm, dst, src, len) == len ? 0 : -EFAULT;
}

int uvm_copy_out(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	return uvm_copy_out_some(uvm, dst, src, len) == len ? 0 : -EFAULT;
}

/* Nothing is read-only in a linear memory: filling is copying. */
int uvm_fill(struct uvm *uvm, uint64_t dst, const void *src, size_t len)
{
	return uvm_copy_out(uvm, dst, src, len);
}

long uvm_copy_string_in(struct uvm *uvm, char *dst, uint64_t src, size_t max)
{
	size_t n = uvm_copy_in_some(uvm, dst, src, max);
	size_t len = strnlen(dst, n);

	if (len < n)
		return (long)len;
	return n == max ? -ENAMETOOLONG : -EFAULT;
}

/* Grow the memory by at least len bytes: the old end, or 0. */
static uint64_t grow(struct uvm *uvm, uint64_t len)
{
	uint64_t pages = (len + WASM_PAGE - 1) / WASM_PAGE;

	if (pages * WASM_PAGE >= SPACE_END)
		return 0;
	return aurora_space_grow(space_of(uvm), (uint32_t)(pages * WASM_PAGE));
}

/* Memory given back stays in the instance (a linear memory cannot shrink):
   zero it, as a new mapping or a regrown heap there would be. */
static void zero(struct uvm *uvm, uint64_t start, uint64_t end)
{
	static const char zeros[4096];

	for (uint64_t at = start; at < end; at += sizeof(zeros))
		uvm_copy_out_some(uvm, at, zeros, end - at < sizeof(zeros) ? end - at : sizeof(zeros));
}

int uvm_set_heap(struct uvm *uvm, uint64_t start)
{
	uvm->heap_start = uvm->brk = start;
	return 0;
}

/* The heap owns the memory up to its break's wasm page; the memory grows
   as the break passes its end.  Once an mmap has taken the memory after
   the heap, the break cannot pass it (Linux's brk fails the same way when
   a mapping is in the way). */
uint64_t uvm_brk(struct uvm *uvm, uint64_t addr)
{
	uint64_t size = aurora_space_size(space_of(uvm));
	uint64_t heap_end = (uvm->brk + WASM_PAGE - 1) / WASM_PAGE * WASM_PAGE;

	if (addr < uvm->heap_start || (addr > heap_end && heap_end < size))
		return uvm->brk;
	if (addr > size && !grow(uvm, addr - size))
		return uvm->brk;
	if (addr < uvm->brk)	/* the pages given back come back zeroed, as on Linux */
		zero(uvm, (addr + 4095) & ~4095ull, uvm->brk);
	uvm->brk = addr;
	return addr;
}

int64_t uvm_mmap(struct uvm *uvm, uint64_t fixed, uint64_t len, bool write, bool exec)
{
	(void)write;
	(void)exec;
	if (len == 0)
		return -EINVAL;
	if (fixed)
		return -ENOMEM;	/* only the end of a linear memory is free */
	uint64_t at = grow(uvm, len);
	return at ? (int64_t)at : -ENOMEM;
}

int uvm_remove_range(struct uvm *uvm, uint64_t start, uint64_t end)
{
	if (start % 4096 || end < start || !uvm_range_ok(start, end - start))
		return -EINVAL;
	zero(uvm, start, end);
	return 0;
}

bool uvm_check(const struct uvm *uvm, char *why, size_t why_len)
{
	if (uvm->brk >= uvm->heap_start)
		return true;
	strlcpy(why, "the break is below the heap's start", why_len);
	return false;
}
