/* Integer limits, from the compiler's own macros (gcc's limits.h wants a
   C library's underneath it), and the kernel's limit on paths. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT	8
#define SCHAR_MAX	__SCHAR_MAX__
#define SCHAR_MIN	(-SCHAR_MAX - 1)
#define UCHAR_MAX	(SCHAR_MAX * 2 + 1)
#define SHRT_MAX	__SHRT_MAX__
#define SHRT_MIN	(-SHRT_MAX - 1)
#define USHRT_MAX	(SHRT_MAX * 2 + 1)
#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(INT_MAX * 2u + 1u)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1l)
#define ULONG_MAX	(LONG_MAX * 2ul + 1ul)

#define PATH_MAX	4096	/* bytes in a path, its NUL included (the kernel's VFS_PATH_MAX) */
#define IOV_MAX		1024	/* buffers one readv or writev takes (Linux's UIO_MAXIOV) */

#endif
