/*
 * Devices and drivers (shared code): which driver runs which device.
 *
 * A bus (PCI in the kernel, a table in the tests) finds devices and adds
 * each with device_add, described the way PCI configuration space does: a
 * vendor and device id (0x8086:0x100e, an Intel E1000), and a class and
 * subclass (0x01:0x06, a SATA controller).  A driver names the devices it
 * can run: a table of ids, a class, or both.
 *
 * Binding.  A device runs under at most one driver.  device_add offers the
 * new device first to the registered drivers that name its id, in the
 * order they registered, and then to those that match only its class: a
 * driver written for this very chip beats a generic one.  The first whose
 * probe returns 0 gets the device.  A probe that fails (-ENODEV: not a
 * revision it knows, -EIO: the chip does not answer) leaves the device to
 * the next driver; a device that no driver takes stays listed, unbound.
 * driver_register offers the new driver every device still unbound, so a
 * driver that comes up after the bus scan finds its devices too; it never
 * takes a device that already runs under another driver.
 *
 * Nothing is removed: there is no hot-plug.  The registry takes no lock,
 * because the kernel's spinlocks are not available to shared code: buses
 * scan and drivers register during boot, before the scheduler starts
 * threads, and afterwards the registry is only read.
 */
#ifndef AURORA_DEVICE_H
#define AURORA_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"

struct device_id {
	uint16_t vendor_id;
	uint16_t device_id;
};

struct device_class {
	uint8_t class_code;	/* 0x01 mass storage, 0x02 network, ... */
	uint8_t subclass;	/* within the class: 0x06 SATA, 0x00 Ethernet, ... */
};

struct driver;

struct device {
	const char *bus;		/* "pci", ... */
	struct device_id id;
	struct device_class class;
	struct driver *driver;		/* the driver it runs under, or NULL */
	void *driver_data;		/* the driver's; NULL while unbound */
	struct list_node link;		/* in the registry's devices, oldest first */
};

struct driver {
	const char *name;
	/* The devices it was written for, ending with an entry whose
	   vendor_id is 0 (as in Linux); or NULL. */
	const struct device_id *ids;
	/* The class of devices it can run whatever their id; or NULL. */
	const struct device_class *class_match;
	/* Take the device: 0, or -errno to leave it to the next driver.
	   dev->driver already points at this driver while probe runs, so one
	   probe can serve several drivers.  A probe that fails must leave
	   dev->driver_data NULL. */
	int (*probe)(struct device *dev);
	struct list_node link;		/* in the registry's drivers, oldest first */
};

/* Empty the registry: at boot, and before each test that uses it. */
void device_registry_init(void);

/* List a device the bus found, and bind it to the best driver that takes it. */
void device_add(struct device *dev);

/* Register a driver, offer it every unbound device; returns how many it took. */
unsigned driver_register(struct driver *drv);

/* Call visit on every device, in the order they were added (the monitor's list). */
typedef void (*device_visit_fn)(struct device *dev, void *ctx);
void device_for_each(device_visit_fn visit, void *ctx);

/*
 * Check every invariant (both lists well linked, so no device or driver is
 * on one twice; every bound device's driver is registered and matches it;
 * no unbound device holds driver data; every driver has a probe).  Returns
 * true when all hold; otherwise false with a one-line reason in `why`.
 */
bool device_registry_check(char *why, size_t why_len);

#endif
