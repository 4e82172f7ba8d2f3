/* Monitor commands about the kernel as a whole: kerninfo, reboot, poweroff. */
#include <stdint.h>
#include "console.h"
#include "hal.h"
#include "kernel.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "power.h"

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[], __bss_start[], __bss_end[];
extern char __kernel_phys_start[], __kernel_phys_end[];

static void print_section(const char *name, const char *start, const char *end)
{
	kprintf("  %-8s %016lx-%016lx %6lu KiB\n", name, (uint64_t)start,
		(uint64_t)end - 1, (uint64_t)(end - start + 1023) / 1024);
}

static void print_framebuffer(const struct framebuffer_info *fb)
{
	static const char *const kinds[] = {
		[FB_NONE] = "none reported (assuming VGA text)", [FB_INDEXED] = "indexed colour",
		[FB_RGB] = "RGB", [FB_EGA_TEXT] = "EGA text",
	};

	kprintf("framebuffer: %s", kinds[fb->kind]);
	if (fb->kind != FB_NONE)
		kprintf(", %ux%u, %u bits per pixel, at %#lx", fb->width, fb->height, fb->bpp, fb->addr);
	kprintf("\n");
}

int cmd_kerninfo(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("Kernel sections (virtual addresses):\n");
	print_section(".text", __text_start, __text_end);
	print_section(".rodata", __rodata_start, __rodata_end);
	print_section(".data", __data_start, __data_end);
	print_section(".bss", __bss_start, __bss_end);
	kprintf("kernel image: physical %#lx-%#lx, %lu KiB in memory\n",
		(uint64_t)__kernel_phys_start, (uint64_t)__kernel_phys_end - 1,
		(uint64_t)(__kernel_phys_end - __kernel_phys_start) / 1024);
	kprintf("boot loader: %s\n", boot_info.loader_name);
	kprintf("command line: \"%s\"\n", boot_info.cmdline);
	kprintf("consoles:");
	console_describe();
	kprintf("\n");
	print_framebuffer(&boot_info.fb);
	kprintf("boot modules: %zu\n", boot_info.nmodules);
	if (boot_info.rsdp)
		kprintf("ACPI: RSDP revision %u\n", boot_info.rsdp_revision);
	else
		kprintf("ACPI: no RSDP from the boot loader\n");
	kprintf("timestamp counter: %lu\n", hal.read_timestamp());
	return 0;
}

int cmd_reboot(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("Rebooting.\n");
	power_reboot();
}

int cmd_poweroff(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("Powering off.\n");
	power_off();
}
