/*
 * Devices and drivers (shared code).  See device.h for the model.
 *
 * Two lists, in the order things arrived: that order is the drivers'
 * priority among equals, and the order the monitor lists devices in.
 * Binding is a walk of the drivers for each strength of match in turn, so
 * "id before class" costs a second walk of a list of a dozen entries.
 */
#include "device.h"
#include "format.h"

static struct list_node devices;
static struct list_node drivers;

/* How well a driver fits a device, weakest first. */
enum match { MATCH_NONE, MATCH_CLASS, MATCH_ID };

void device_registry_init(void)
{
	list_init(&devices);
	list_init(&drivers);
}

static bool names_id(const struct driver *drv, struct device_id id)
{
	for (const struct device_id *entry = drv->ids; entry && entry->vendor_id; entry++)
		if (entry->vendor_id == id.vendor_id && entry->device_id == id.device_id)
			return true;
	return false;
}

static bool names_class(const struct driver *drv, struct device_class class)
{
	const struct device_class *want = drv->class_match;

	return want && want->class_code == class.class_code &&
	       want->subclass == class.subclass;
}

static enum match match(const struct driver *drv, const struct device *dev)
{
	if (names_id(drv, dev->id))
		return MATCH_ID;
	if (names_class(drv, dev->class))
		return MATCH_CLASS;
	return MATCH_NONE;
}

/* Let drv probe dev; true if dev now runs under it. */
static bool try_probe(struct driver *drv, struct device *dev)
{
	dev->driver = drv;
	if (drv->probe(dev) == 0)
		return true;
	dev->driver = NULL;
	return false;
}

/* Offer dev to the drivers that match it exactly this well, oldest first. */
static bool bind_at(struct device *dev, enum match strength)
{
	struct list_node *node;

	list_for_each(node, &drivers) {
		struct driver *drv = container_of(node, struct driver, link);

		if (match(drv, dev) == strength && try_probe(drv, dev))
			return true;
	}
	return false;
}

void device_add(struct device *dev)
{
	dev->driver = NULL;
	dev->driver_data = NULL;
	list_push_back(&devices, &dev->link);
	if (!bind_at(dev, MATCH_ID))
		bind_at(dev, MATCH_CLASS);
}

unsigned driver_register(struct driver *drv)
{
	struct list_node *node;
	unsigned taken = 0;

	list_push_back(&drivers, &drv->link);
	list_for_each(node, &devices) {
		struct device *dev = container_of(node, struct device, link);

		if (!dev->driver && match(drv, dev) != MATCH_NONE && try_probe(drv, dev))
			taken++;
	}
	return taken;
}

void device_for_each(device_visit_fn visit, void *ctx)
{
	struct list_node *node;

	list_for_each(node, &devices)
		visit(container_of(node, struct device, link), ctx);
}

/* --- device_registry_check ------------------------------------------------ */

/*
 * Does every node's successor point back at it?  Checked before the step,
 * this also ends the walk: a node reached a second time has two nodes whose
 * next is it, and its prev can name only one of them.
 */
static bool check_links(const struct list_node *head, const char *what,
			char *why, size_t why_len)
{
	const struct list_node *node = head;

	do {
		if (node->next->prev != node)
			return check_failed(why, why_len, "%s: broken links", what);
		node = node->next;
	} while (node != head);
	return true;
}

static bool registered(const struct driver *drv)
{
	const struct list_node *node;

	list_for_each(node, &drivers)
		if (node == &drv->link)
			return true;
	return false;
}

static bool check_driver(const struct driver *drv, char *why, size_t why_len)
{
	if (!drv->probe)
		return check_failed(why, why_len, "driver %s: no probe", drv->name);
	return true;
}

static bool check_device(const struct device *dev, char *why, size_t why_len)
{
	unsigned vendor = dev->id.vendor_id, device = dev->id.device_id;

	if (!dev->driver && dev->driver_data)
		return check_failed(why, why_len, "%04x:%04x: unbound, with driver data",
				    vendor, device);
	if (!dev->driver)
		return true;
	if (!registered(dev->driver))
		return check_failed(why, why_len, "%04x:%04x: its driver is not registered",
				    vendor, device);
	if (match(dev->driver, dev) == MATCH_NONE)
		return check_failed(why, why_len, "%04x:%04x: bound to %s, which does not match it",
				    vendor, device, dev->driver->name);
	return true;
}

bool device_registry_check(char *why, size_t why_len)
{
	const struct list_node *node;

	if (!check_links(&drivers, "drivers", why, why_len) ||
	    !check_links(&devices, "devices", why, why_len))
		return false;
	list_for_each(node, &drivers)
		if (!check_driver(container_of(node, struct driver, link), why, why_len))
			return false;
	list_for_each(node, &devices)
		if (!check_device(container_of(node, struct device, link), why, why_len))
			return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
