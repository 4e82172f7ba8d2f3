/* Names and messages of the error numbers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *message;
} errors[] = {
#define E(num, text) [num] = { #num, text }
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EPIPE, "Broken pipe"),
	E(ERANGE, "Numerical result out of range"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
#undef E
};

static int known(int err)
{
	return err > 0 && err < (int)(sizeof(errors) / sizeof(errors[0])) && errors[err].name;
}

/* Unknown numbers are shown as numbers; the buffer makes strerror
   non-reentrant, as C allows. */
char *strerror(int err)
{
	static char unknown[32];

	if (known(err))
		return (char *)errors[err].message;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

const char *strerrorname_np(int err)
{
	return known(err) ? errors[err].name : NULL;
}
