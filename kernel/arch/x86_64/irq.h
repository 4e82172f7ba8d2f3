/*
 * Device interrupts.  Vectors 0-31 are exceptions; the rest are ours:
 *   0x20-0x2f  the legacy PICs, remapped here and masked (only their
 *              spurious interrupts, 0x27 and 0x2f, can still arrive)
 *   0x30       the local APIC timer
 *   0x40+irq   ISA interrupts routed through the I/O APIC (0x41 keyboard,
 *              0x44 COM1, 0x4e the primary IDE channel)
 *   0xff       the local APIC's spurious vector
 */
#ifndef AURORA_IRQ_H
#define AURORA_IRQ_H

#include <stdint.h>
#include "trap.h"

#define VECTOR_PIC_BASE		0x20
#define VECTOR_TIMER		0x30
#define VECTOR_ISA_BASE		0x40
#define VECTOR_SPURIOUS		0xff

#define ISA_IRQ_KEYBOARD	1
#define ISA_IRQ_COM1		4
#define ISA_IRQ_ATA_PRIMARY	14

typedef void (*irq_handler_fn)(void);

void irq_register(uint8_t vector, irq_handler_fn handler);
void irq_dispatch(struct trap_frame *tf);
/* How many interrupts each vector has taken. */
uint64_t irq_count(uint8_t vector);
uint64_t irq_spurious_count(void);

/* Set up the PICs (masked), local APIC, I/O APIC and timer from ACPI. */
void interrupts_init(const void *rsdp, int rsdp_revision);
/* Route an ISA interrupt to VECTOR_ISA_BASE + irq. */
void irq_enable_isa(unsigned irq, irq_handler_fn handler);

#endif
