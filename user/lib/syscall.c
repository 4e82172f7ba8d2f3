/* errno, and the one place a raw system-call result becomes -1 and errno. */
#include <errno.h>
#include <sys/syscall.h>

int errno;

/* Linux returns -4095..-1 for errors; anything else is a result, even a
   "negative" one such as a high address from mmap. */
long __syscall_ret(long ret)
{
	if ((unsigned long)ret > -4096ul) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
