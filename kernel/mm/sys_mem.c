/* Memory system calls: the heap's break and anonymous mappings (uvm.h). */
#include "aurora/mman.h"
#include "errno.h"
#include "file.h"
#include "process.h"
#include "syscalls.h"

long sys_brk(const uint64_t *a)
{
	return (long)uvm_brk(process_current()->uvm, a[0]);
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
