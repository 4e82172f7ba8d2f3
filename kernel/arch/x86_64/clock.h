#ifndef AURORA_CLOCK_H
#define AURORA_CLOCK_H

#include <stdint.h>

#define TICK_HZ 1000	/* the scheduler's timer tick */

/* Calibrate the TSC and the APIC timer against the PIT, start the tick. */
void clock_init(void);
/* Nanoseconds since boot, from the TSC. */
uint64_t clock_ns(void);
uint64_t clock_ticks(void);

#endif
