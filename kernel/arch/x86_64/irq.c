/*
 * Interrupt dispatch: run the handler registered for the vector, tell the
 * local APIC we are done (EOI), then give the scheduler its chance to
 * preempt the interrupted thread.  Spurious interrupts get no EOI: the
 * APIC and PIC did not count them as in service.
 */
#include <stdint.h>
#include "irq.h"
#include "kprintf.h"
#include "lapic.h"
#include "thread.h"

#define PIC_SPURIOUS_MASTER	(VECTOR_PIC_BASE + 7)
#define PIC_SPURIOUS_SLAVE	(VECTOR_PIC_BASE + 15)

static irq_handler_fn handlers[256];
static uint64_t counts[256];
static uint64_t spurious;

void irq_register(uint8_t vector, irq_handler_fn handler)
{
	handlers[vector] = handler;
}

uint64_t irq_count(uint8_t vector)
{
	return counts[vector];
}

uint64_t irq_spurious_count(void)
{
	return spurious;
}

void irq_dispatch(struct trap_frame *tf)
{
	uint8_t v = tf->vector;

	spin_check_preemptible();
	if (v == VECTOR_SPURIOUS || v == PIC_SPURIOUS_MASTER || v == PIC_SPURIOUS_SLAVE) {
		spurious++;
		return;
	}
	counts[v]++;
	if (handlers[v])
		handlers[v]();
	else
		kprintf("irq: unexpected interrupt on vector %#x\n", v);
	lapic_eoi();
	thread_preempt_if_needed();
}
