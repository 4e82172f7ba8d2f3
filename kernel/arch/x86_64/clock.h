#ifndef AURORA_CLOCK_H
#define AURORA_CLOCK_H

#include <stdint.h>

#define TICK_HZ 1000	/* the scheduler's timer tick, unless hz= says otherwise */
#define TICK_HZ_MIN 100
#define TICK_HZ_MAX 20000	/* a fast tick preempts often: for stress tests */

/* Calibrate the TSC and the APIC timer against the PIT, start a tick of
   `hz` per second (clipped to TICK_HZ_MIN..TICK_HZ_MAX). */
void clock_init(unsigned hz);
/* Nanoseconds since boot, from the TSC. */
uint64_t clock_ns(void);
uint64_t clock_ticks(void);

#endif
