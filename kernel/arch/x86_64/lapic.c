/*
 * The local APIC: this CPU's interrupt controller and its timer, reached
 * through memory-mapped registers (Intel SDM vol. 3, chapter 11).
 */
#include <stdint.h>
#include "irq.h"
#include "lapic.h"
#include "memlayout.h"

enum {
	LAPIC_ID = 0x20, LAPIC_TPR = 0x80, LAPIC_EOI = 0xb0, LAPIC_SVR = 0xf0,
	LAPIC_LVT_TIMER = 0x320, LAPIC_TIMER_INITIAL = 0x380,
	LAPIC_TIMER_CURRENT = 0x390, LAPIC_TIMER_DIVIDE = 0x3e0,
};
#define SVR_ENABLE		(1u << 8)
#define LVT_MASKED		(1u << 16)
#define LVT_TIMER_PERIODIC	(1u << 17)
#define TIMER_DIVIDE_BY_16	0x3

static volatile uint32_t *regs;

static uint32_t lapic_read(unsigned reg)
{
	return regs[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t value)
{
	regs[reg / 4] = value;
	(void)lapic_read(LAPIC_ID);	/* wait for the write to land */
}

void lapic_init(uint64_t phys)
{
	regs = phys_to_virt(phys);
	lapic_write(LAPIC_TPR, 0);	/* accept every priority */
	lapic_write(LAPIC_SVR, SVR_ENABLE | VECTOR_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

uint32_t lapic_timer_ticks_during(void (*wait)(void))
{
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);	/* one-shot, no interrupt */
	lapic_write(LAPIC_TIMER_INITIAL, UINT32_MAX);
	wait();
	return UINT32_MAX - lapic_read(LAPIC_TIMER_CURRENT);
}

void lapic_timer_periodic(uint8_t vector, uint32_t ticks)
{
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_TIMER_PERIODIC | vector);
	lapic_write(LAPIC_TIMER_INITIAL, ticks);
}
