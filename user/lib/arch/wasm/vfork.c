/*
 * vfork() in the browser.  x86_64 needs assembly because its child runs
 * on the parent's stack; here the kernel gives the child a copy of the
 * memory (POSIX lets vfork be fork), so nothing is shared and a plain
 * wrapper is enough.
 */
#include <sys/syscall.h>
#include <unistd.h>

pid_t vfork(void)
{
	return syscall(SYS_vfork);
}
