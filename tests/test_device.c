/*
 * Tests of kernel/drivers/device.c: which driver each device of a fake bus
 * (fake_bus.c) ends up under.  The drivers are test drivers whose probe
 * counts its calls and returns what the test set; device_registry_check
 * runs at the end of every test.
 */
#include "device.h"
#include "errno.h"
#include "fake_bus.h"
#include "unit.h"

enum { E1000, ICH9_AHCI, VIRTIO_BLK, MARVELL_SATA };

static const struct fake_bus_slot slots[] = {
	[E1000] = { { 0x8086, 0x100e }, { 0x02, 0x00 } },
	[ICH9_AHCI] = { { 0x8086, 0x2922 }, { 0x01, 0x06 } },
	[VIRTIO_BLK] = { { 0x1af4, 0x1001 }, { 0x01, 0x00 } },
	[MARVELL_SATA] = { { 0x1b4b, 0x9172 }, { 0x01, 0x06 } },
};
#define NSLOTS (sizeof(slots) / sizeof(slots[0]))

static const struct device_id e1000_ids[] = { { 0x8086, 0x100e }, { 0x8086, 0x10d3 }, { 0 } };
static const struct device_id ich9_ids[] = { { 0x8086, 0x2922 }, { 0 } };
static const struct device_class sata = { 0x01, 0x06 };

struct test_driver {
	struct driver driver;
	int result;		/* what probe returns */
	unsigned probes;	/* how often it ran */
};

static int test_probe(struct device *dev)
{
	struct test_driver *td = container_of(dev->driver, struct test_driver, driver);

	td->probes++;
	if (td->result == 0)
		dev->driver_data = td;
	return td->result;
}

/* A driver by id table, by class, or both, whose probe returns `result`. */
static struct test_driver make_driver(const char *name, const struct device_id *ids,
				      const struct device_class *class, int result)
{
	return (struct test_driver){
		.driver = { .name = name, .ids = ids, .class_match = class, .probe = test_probe },
		.result = result,
	};
}

static struct device *slot(int i)
{
	return &fake_bus_devices[i];
}

static bool check_registry(const char *file, int line)
{
	char why[160];

	if (device_registry_check(why, sizeof(why)))
		return true;
	unit_fail(file, line, "device_registry_check: %s", why);
	return false;
}

#define CHECK_REGISTRY() check_registry(__FILE__, __LINE__)

TEST(device_id_match_binds)
{
	struct test_driver e1000 = make_driver("e1000", e1000_ids, NULL, 0);

	device_registry_init();
	CHECK_EQ(driver_register(&e1000.driver), 0);
	CHECK_EQ(fake_bus_enumerate(slots, NSLOTS), NSLOTS);
	CHECK(slot(E1000)->driver == &e1000.driver);
	CHECK(slot(E1000)->driver_data == &e1000);
	CHECK(slot(ICH9_AHCI)->driver == NULL);
	CHECK(slot(VIRTIO_BLK)->driver == NULL);
	CHECK_EQ(e1000.probes, 1);
	CHECK_REGISTRY();
}

TEST(device_class_match_binds_every_device_of_the_class)
{
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);

	device_registry_init();
	driver_register(&ahci.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK(slot(ICH9_AHCI)->driver == &ahci.driver);
	CHECK(slot(MARVELL_SATA)->driver == &ahci.driver);
	CHECK(slot(VIRTIO_BLK)->driver == NULL);	/* class 0x01, another subclass */
	CHECK(slot(E1000)->driver == NULL);
	CHECK_EQ(ahci.probes, 2);
	CHECK_REGISTRY();
}

TEST(device_id_match_beats_an_earlier_class_match)
{
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);
	struct test_driver ich9 = make_driver("ich9", ich9_ids, NULL, 0);

	device_registry_init();
	driver_register(&ahci.driver);
	driver_register(&ich9.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK(slot(ICH9_AHCI)->driver == &ich9.driver);
	CHECK(slot(MARVELL_SATA)->driver == &ahci.driver);
	CHECK_EQ(ahci.probes, 1);	/* never asked about the ICH9 */
	CHECK_REGISTRY();
}

TEST(device_first_registered_of_equal_matches_wins)
{
	struct test_driver first = make_driver("first", NULL, &sata, 0);
	struct test_driver second = make_driver("second", NULL, &sata, 0);

	device_registry_init();
	driver_register(&first.driver);
	driver_register(&second.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK(slot(ICH9_AHCI)->driver == &first.driver);
	CHECK(slot(MARVELL_SATA)->driver == &first.driver);
	CHECK_EQ(second.probes, 0);
	CHECK_REGISTRY();
}

TEST(device_failed_probe_leaves_the_device_to_the_next_driver)
{
	struct test_driver ich9 = make_driver("ich9", ich9_ids, NULL, -ENODEV);
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);

	device_registry_init();
	driver_register(&ich9.driver);
	driver_register(&ahci.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK(slot(ICH9_AHCI)->driver == &ahci.driver);
	CHECK(slot(ICH9_AHCI)->driver_data == &ahci);
	CHECK_EQ(ich9.probes, 1);
	CHECK_EQ(ahci.probes, 2);
	CHECK_REGISTRY();
}

TEST(device_every_probe_failing_leaves_it_unbound_until_a_driver_takes_it)
{
	struct test_driver ich9 = make_driver("ich9", ich9_ids, NULL, -ENODEV);
	struct test_driver ahci = make_driver("ahci", NULL, &sata, -EIO);
	struct test_driver later = make_driver("later", ich9_ids, NULL, 0);

	device_registry_init();
	driver_register(&ich9.driver);
	driver_register(&ahci.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK(slot(ICH9_AHCI)->driver == NULL);
	CHECK(slot(ICH9_AHCI)->driver_data == NULL);
	CHECK_EQ(ich9.probes, 1);
	CHECK_EQ(ahci.probes, 2);
	CHECK_REGISTRY();

	CHECK_EQ(driver_register(&later.driver), 1);
	CHECK(slot(ICH9_AHCI)->driver == &later.driver);
	CHECK_REGISTRY();
}

TEST(device_late_driver_binds_the_devices_already_found)
{
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);

	device_registry_init();
	fake_bus_enumerate(slots, NSLOTS);
	for (unsigned i = 0; i < NSLOTS; i++)
		CHECK(slot(i)->driver == NULL);
	CHECK_EQ(driver_register(&ahci.driver), 2);
	CHECK(slot(ICH9_AHCI)->driver == &ahci.driver);
	CHECK(slot(MARVELL_SATA)->driver == &ahci.driver);
	CHECK_REGISTRY();
}

TEST(device_late_driver_takes_no_bound_device)
{
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);
	struct test_driver ich9 = make_driver("ich9", ich9_ids, NULL, 0);

	device_registry_init();
	driver_register(&ahci.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK_EQ(driver_register(&ich9.driver), 0);
	CHECK_EQ(ich9.probes, 0);
	CHECK(slot(ICH9_AHCI)->driver == &ahci.driver);
	CHECK_REGISTRY();
}

static void note_vendor(struct device *dev, void *ctx)
{
	uint16_t **next = ctx;

	*(*next)++ = dev->id.vendor_id;
}

TEST(device_for_each_visits_in_bus_order)
{
	uint16_t vendors[NSLOTS], *next = vendors;

	device_registry_init();
	fake_bus_enumerate(slots, NSLOTS);
	device_for_each(note_vendor, &next);
	CHECK_EQ(next - vendors, NSLOTS);
	for (unsigned i = 0; i < NSLOTS; i++)
		CHECK_EQ(vendors[i], slots[i].id.vendor_id);
}

TEST(device_registry_check_catches_broken_bindings)
{
	struct test_driver ahci = make_driver("ahci", NULL, &sata, 0);
	struct test_driver stray = make_driver("stray", ich9_ids, NULL, 0);
	char why[160];

	device_registry_init();
	driver_register(&ahci.driver);
	fake_bus_enumerate(slots, NSLOTS);
	CHECK_REGISTRY();

	slot(ICH9_AHCI)->class.subclass = 0x01;
	CHECK(!device_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "8086:2922: bound to ahci, which does not match it");
	slot(ICH9_AHCI)->driver = &stray.driver;
	CHECK(!device_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "8086:2922: its driver is not registered");
	slot(ICH9_AHCI)->driver = NULL;
	CHECK(!device_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "8086:2922: unbound, with driver data");
	slot(ICH9_AHCI)->driver_data = NULL;
	CHECK_REGISTRY();

	ahci.driver.probe = NULL;
	CHECK(!device_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "driver ahci: no probe");
}

TEST(device_registry_check_catches_a_device_added_twice)
{
	char why[160];

	device_registry_init();
	fake_bus_enumerate(slots, 2);
	device_add(slot(0));
	CHECK(!device_registry_check(why, sizeof(why)));
	CHECK_STR_EQ(why, "devices: broken links");
}
