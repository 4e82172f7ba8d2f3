#ifndef AURORA_GDT_H
#define AURORA_GDT_H

#include "cpu.h"

#define GDT_KERNEL_CODE	0x08
#define GDT_KERNEL_DATA	0x10
#define GDT_TSS		0x18	/* two slots */
#define GDT_ENTRIES	5

#define IST_DOUBLE_FAULT 1	/* TSS IST slot (1-based) of the #DF stack */

void gdt_init(void);
/* lgdt, then reload CS (far return) and the data segment registers. */
void gdt_load(const struct descriptor_pointer *gdtr, uint16_t code, uint16_t data);

#endif
