/* The names of the error numbers in errno.h (shared code), for tracing. */
#include <stddef.h>
#include "errno.h"

const char *errno_name(int e)
{
#define NAME(e) [e] = #e
	static const char *const names[] = {
		NAME(EPERM), NAME(ENOENT), NAME(ESRCH), NAME(EINTR), NAME(EIO),
		NAME(ENXIO), NAME(E2BIG), NAME(ENOEXEC), NAME(EBADF), NAME(ECHILD),
		NAME(EAGAIN), NAME(ENOMEM), NAME(EACCES), NAME(EFAULT), NAME(EBUSY),
		NAME(EEXIST), NAME(EXDEV), NAME(ENODEV), NAME(ENOTDIR), NAME(EISDIR),
		NAME(EINVAL), NAME(ENFILE), NAME(EMFILE), NAME(ENOTTY), NAME(EFBIG),
		NAME(ENOSPC), NAME(ESPIPE), NAME(EROFS), NAME(EMLINK), NAME(EPIPE),
		NAME(ERANGE), NAME(ENAMETOOLONG), NAME(ENOSYS), NAME(ENOTEMPTY),
		NAME(ELOOP), NAME(EMSGSIZE), NAME(EUCLEAN),
	};
#undef NAME

	return e >= 0 && (unsigned)e < sizeof(names) / sizeof(names[0]) ? names[e] : NULL;
}
