#ifndef AURORA_LAPIC_H
#define AURORA_LAPIC_H

#include <stdint.h>

void lapic_init(uint64_t phys);
void lapic_eoi(void);
uint32_t lapic_id(void);
/* Count the APIC timer's ticks (divide by 16) over `wait`, a function that
   returns after a known time: the caller calibrates with the PIT. */
uint32_t lapic_timer_ticks_during(void (*wait)(void));
/* Interrupt on `vector` every `ticks` timer ticks. */
void lapic_timer_periodic(uint8_t vector, uint32_t ticks);

#endif
