/*
 * Time.  The PIT's oscillator runs at a known 1193182 Hz, so it serves as
 * the ruler: for 10 ms of PIT time we count TSC cycles (for the clock) and
 * APIC timer ticks (for the scheduler's tick).  Then the APIC timer
 * interrupts hz times a second (TICK_HZ unless the command line says
 * hz=N) and clock_ns() reads the TSC.
 */
#include <stdint.h>
#include "clock.h"
#include "cpu.h"
#include "irq.h"
#include "kprintf.h"
#include "lapic.h"
#include "thread.h"

#define PIT_HZ		1193182
#define PIT_CHANNEL2	0x42
#define PIT_COMMAND	0x43
#define PIT_GATE_PORT	0x61	/* bit 0: channel 2 gate, bit 5: its output */
#define CALIBRATION_MS	10

static uint64_t tsc_hz, tsc_at_boot, ticks;

/* Busy-wait CALIBRATION_MS on PIT channel 2 in one-shot mode. */
static void pit_wait(void)
{
	uint16_t count = PIT_HZ * CALIBRATION_MS / 1000;
	uint8_t gate = inb(PIT_GATE_PORT) & ~0x02;	/* speaker off */

	outb(PIT_GATE_PORT, gate & ~0x01);
	outb(PIT_COMMAND, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CHANNEL2, count & 0xff);
	outb(PIT_CHANNEL2, count >> 8);
	outb(PIT_GATE_PORT, gate | 0x01);	/* start counting */
	while (!(inb(PIT_GATE_PORT) & 0x20))
		pause();
}

static uint64_t apic_ticks, tsc_cycles;

static void measure(void)
{
	uint64_t start = rdtsc();

	pit_wait();
	tsc_cycles = rdtsc() - start;
}

static void tick(void)
{
	ticks++;
	thread_tick(clock_ns());
}

void clock_init(unsigned hz)
{
	hz = hz < TICK_HZ_MIN ? TICK_HZ_MIN : hz > TICK_HZ_MAX ? TICK_HZ_MAX : hz;
	apic_ticks = lapic_timer_ticks_during(measure);
	tsc_hz = tsc_cycles * (1000 / CALIBRATION_MS);
	tsc_at_boot = rdtsc();
	irq_register(VECTOR_TIMER, tick);
	lapic_timer_periodic(VECTOR_TIMER, apic_ticks * (1000 / CALIBRATION_MS) / hz);
	kprintf("clock: TSC %lu MHz, APIC timer %lu kHz (/16), tick %u Hz\n", tsc_hz / 1000000,
		apic_ticks * (1000 / CALIBRATION_MS) / 1000, hz);
}

uint64_t clock_ns(void)
{
	uint64_t t = rdtsc() - tsc_at_boot;

	/* t * 1e9 / tsc_hz without overflowing 64 bits. */
	return t / tsc_hz * 1000000000ull + t % tsc_hz * 1000000000ull / tsc_hz;
}

uint64_t clock_ticks(void)
{
	return ticks;
}
