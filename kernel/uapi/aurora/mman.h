/* Linux's mmap(2) constants, which Aurora's ABI shares (kernel and user/). */
#ifndef AURORA_UAPI_MMAN_H
#define AURORA_UAPI_MMAN_H

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

#endif
