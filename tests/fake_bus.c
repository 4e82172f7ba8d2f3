/* A bus whose devices are a table; see fake_bus.h. */
#include "fake_bus.h"

struct device fake_bus_devices[FAKE_BUS_SLOTS];

size_t fake_bus_enumerate(const struct fake_bus_slot *slots, size_t count)
{
	if (count > FAKE_BUS_SLOTS)
		count = FAKE_BUS_SLOTS;
	for (size_t i = 0; i < count; i++) {
		fake_bus_devices[i] = (struct device){
			.bus = "fake", .id = slots[i].id, .class = slots[i].class,
		};
		device_add(&fake_bus_devices[i]);
	}
	return count;
}
