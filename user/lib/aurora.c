/* Aurora's own system calls. */
#include <aurora.h>
#include <sys/syscall.h>

long aurora_cap_get(void)
{
	return syscall(SYS_aurora_cap_get);
}

long aurora_cap_drop(uint32_t mask, uint32_t flags)
{
	return syscall(SYS_aurora_cap_drop, mask, flags);
}

long aurora_ps(struct aurora_procinfo *buf, size_t n)
{
	return syscall(SYS_aurora_ps, buf, n);
}

int aurora_meminfo(struct aurora_meminfo *info)
{
	return syscall(SYS_aurora_meminfo, info);
}

long aurora_check(char *report, size_t len, unsigned last_lab)
{
	return syscall(SYS_aurora_check, report, len, last_lab);
}
