/*
 * A fake bus for the tests of the driver model.  Its "slots" are a table
 * the test writes, each the id and class a PCI scan would read from a
 * device's configuration space; enumerating the bus adds one struct device
 * per slot to the registry, in slot order, as a bus driver would.
 */
#ifndef AURORA_TESTS_FAKE_BUS_H
#define AURORA_TESTS_FAKE_BUS_H

#include <stddef.h>
#include "device.h"

#define FAKE_BUS_SLOTS 8

struct fake_bus_slot {
	struct device_id id;
	struct device_class class;
};

/* The devices of the last enumeration, slot i in fake_bus_devices[i]. */
extern struct device fake_bus_devices[FAKE_BUS_SLOTS];

/* Add a device for each of the first `count` slots (at most FAKE_BUS_SLOTS)
   to a registry that holds none of them yet; returns how many it added. */
size_t fake_bus_enumerate(const struct fake_bus_slot *slots, size_t count);

#endif
