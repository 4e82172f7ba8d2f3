/* Memory system calls: the heap's break and anonymous mappings (uvm.h),
   within Linux's heuristic overcommit rule (overcommit.h). */
#include "aurora/mman.h"
#include "errno.h"
#include "file.h"
#include "overcommit.h"
#include "physmem.h"
#include "process.h"
#include "syscalls.h"

/* May the process be promised len more bytes it can write?  Aurora has
   no swap. */
static bool commit_allowed(uint64_t len)
{
	uint64_t free, ram;

	frames_count(&free, &ram);
	return overcommit_allows(page_up(len) / PAGE_SIZE, ram, 0);
}

long sys_brk(const uint64_t *a)
{
	struct uvm *uvm = process_current()->uvm;

	/* Growth is charged as a private writable mapping, as on Linux; an
	   address outside user space uvm_brk refuses anyway. */
	if (a[0] > uvm->brk && a[0] <= USER_END &&
	    !commit_allowed(page_up(a[0]) - page_up(uvm->brk)))
		return (long)uvm->brk;
	return (long)uvm_brk(uvm, a[0]);
}

long sys_mmap(const uint64_t *a)
{
	uint64_t addr = a[0], len = a[1], prot = a[2], flags = a[3];

	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE)
		return -EINVAL;	/* shared memory: not in Aurora yet */
	if (!(flags & MAP_ANONYMOUS))	/* mapping files: not until the file-system lab */
		return fd_file(process_current(), (int)a[4]) ? -ENODEV : -EBADF;
	if (len == 0)
		return -EINVAL;
	if (len > USER_MMAP_TOP)
		return -ENOMEM;
	if (flags & ~(uint64_t)(MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE))
		return -EINVAL;
	if (a[5] % PAGE_SIZE)
		return -EINVAL;
	if (overcommit_charged(prot & PROT_WRITE, flags & MAP_NORESERVE) && !commit_allowed(len))
		return -ENOMEM;
	return uvm_mmap(process_current()->uvm, flags & MAP_FIXED ? addr : 0, len,
			prot & PROT_WRITE, prot & PROT_EXEC);
}

long sys_munmap(const uint64_t *a)
{
	uint64_t len = page_up(a[1]);

	if (a[0] % PAGE_SIZE || len == 0 || len < a[1])
		return -EINVAL;
	if (a[0] >= USER_END || len > USER_END - a[0])
		return -EINVAL;
	return uvm_remove_range(process_current()->uvm, a[0], a[0] + len);
}
