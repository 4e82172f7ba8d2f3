/*
 * Physical memory: the boot memory map turned into a buddy allocator over
 * every available frame that nothing else (the kernel image, the boot
 * information, boot modules, low memory) is using.
 */
#ifndef AURORA_PHYSMEM_H
#define AURORA_PHYSMEM_H

#include <stdint.h>
#include "bootinfo.h"
#include "buddy.h"

extern struct buddy physmem;

struct phys_range {
	uint64_t start, end;	/* end exclusive */
	const char *what;
};

void physmem_init(const struct boot_info *bi, uint64_t info_phys);
/* Print the memory map, the reserved ranges and the allocator's state. */
void physmem_report(void);

#endif
