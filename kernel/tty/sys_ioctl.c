/* ioctl: the file answers, if it is a device that has any (the console). */
#include "errno.h"
#include "file.h"
#include "process.h"
#include "syscalls.h"

long sys_ioctl(const uint64_t *a)
{
	struct file *f = fd_file(process_current(), (int)a[0]);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, a[1], a[2]);
}
