#ifndef AURORA_IOAPIC_H
#define AURORA_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

void ioapic_init(uint64_t phys, uint32_t gsi_base);
/* Deliver global system interrupt `gsi` to `vector` on the APIC `apic_id`. */
void ioapic_route(uint32_t gsi, uint8_t vector, uint32_t apic_id, bool active_low,
		  bool level_triggered);

#endif
