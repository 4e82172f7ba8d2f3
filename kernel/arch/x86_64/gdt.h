#ifndef AURORA_GDT_H
#define AURORA_GDT_H

#include "cpu.h"

/*
 * The order is SYSCALL's and SYSRET's: SYSCALL loads CS from STAR[47:32]
 * and SS 8 above it; SYSRET to 64-bit mode loads SS from STAR[63:48] + 8
 * and CS from STAR[63:48] + 16, so user data must sit just below user code.
 */
#define GDT_KERNEL_CODE	0x08
#define GDT_KERNEL_DATA	0x10
#define GDT_USER_DATA	0x18
#define GDT_USER_CODE	0x20
#define GDT_TSS		0x28	/* two slots */
#define GDT_ENTRIES	7

#define RPL_USER	3
#define USER_CS		(GDT_USER_CODE | RPL_USER)
#define USER_DS		(GDT_USER_DATA | RPL_USER)

#define IST_DOUBLE_FAULT 1	/* TSS IST slot (1-based) of the #DF stack */

void gdt_init(void);
/* The stack the CPU switches to when an interrupt arrives in ring 3. */
void gdt_set_kernel_stack(uint64_t top);
/* lgdt, then reload CS (far return) and the data segment registers. */
void gdt_load(const struct descriptor_pointer *gdtr, uint16_t code, uint16_t data);

#endif
