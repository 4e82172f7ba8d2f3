/*
 * Power off, reboot and halt.  Power off is ACPI sleep state S5: write
 * SLP_TYPa (from the \_S5 object in the DSDT) with SLP_EN into the PM1a
 * control register named by the FADT.  Reboot pulses the reset line through
 * the keyboard controller, and if that fails, triple-faults.
 */
#include <stdbool.h>
#include <stdint.h>
#include "acpi.h"
#include "cpu.h"
#include "kprintf.h"
#include "power.h"

#define I8042_STATUS	0x64
#define I8042_INPUT_FULL 0x02
#define I8042_RESET	0xfe
#define SLP_EN		(1 << 13)
#define SLP_TYP_SHIFT	10
#define POWEROFF_WAIT	10000000	/* pause loops for the machine to act */

static bool grading;
static struct acpi_sleep s5;

void power_init(bool grade_mode, const void *rsdp, int rsdp_revision)
{
	grading = grade_mode;
	if (!acpi_find_s5(rsdp, rsdp_revision, &s5))
		kprintf("acpi: no S5 sleep state found; poweroff will only halt\n");
}

void power_off(void)
{
	cli();
	if (grading)
		outb(DEBUG_EXIT_PORT, DEBUG_EXIT_POWEROFF);
	if (s5.pm1a_control)
		outw(s5.pm1a_control, s5.slp_typ_a << SLP_TYP_SHIFT | SLP_EN);
	for (int i = 0; i < POWEROFF_WAIT; i++)
		pause();
	kprintf("poweroff failed: it is now safe to switch off the machine\n");
	halt_forever();
}

void power_reboot(void)
{
	static const struct descriptor_pointer no_idt = { 0, 0 };

	cli();
	for (int i = 0; i < 100000 && (inb(I8042_STATUS) & I8042_INPUT_FULL); i++)
		pause();
	outb(I8042_STATUS, I8042_RESET);
	lidt(&no_idt);	/* no handlers: the next exception resets the CPU */
	__asm__ volatile("int3");
	halt_forever();
}

void power_halt(void)
{
	cli();
	if (grading)
		outb(DEBUG_EXIT_PORT, DEBUG_EXIT_HALTED);
	halt_forever();
}
