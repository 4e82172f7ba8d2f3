/* The address space: the program break and mappings. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Linux's brk returns the break it ended with, never an error: asking for
   0 reads it, and a request it refused leaves it where it was. */
int brk(void *addr)
{
	if (__syscall(SYS_brk, addr) != (long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	char *old = (char *)__syscall(SYS_brk, 0);

	if (increment != 0 && brk(old + increment) < 0)
		return (void *)-1;
	return old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, offset);
}

int munmap(void *addr, size_t len)
{
	return syscall(SYS_munmap, addr, len);
}
