/*
 * kmain: boot.S calls it in long mode, on the boot stack, with the physical
 * address of the multiboot2 information.  It brings up the serial console
 * first (so that anything after can be reported), the CPU tables, the
 * screen, physical memory, the kernel's own page tables and heap, then
 * starts the monitor as the first kernel task, on a stack with a guard page.
 */
#include <stdint.h>
#include "cmdline.h"
#include "drivers.h"
#include "hal.h"
#include "kernel.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "kstack.h"
#include "memlayout.h"
#include "monitor.h"
#include "physmem.h"
#include "power.h"
#include "task.h"
#include "vm.h"

struct boot_info boot_info;

static struct task boot_task, monitor_task;

static void start_screen(const struct boot_info *bi)
{
	if (cmdline_has(bi->cmdline, "console=serial"))
		return;
	if (bi->fb.kind == FB_RGB)
		fbcon_init(&bi->fb);
	else if (bi->fb.kind != FB_INDEXED)
		vga_text_init(&bi->fb);
}

void kmain(uint32_t info_phys)
{
	const char *error;

	uart16550_init();
	hal.init();
	if (multiboot2_parse(phys_to_virt(info_phys), &boot_info, &error) != 0)
		panic("cannot read the boot information: %s", error);
	start_screen(&boot_info);
	kprintf("Aurora kernel booting (command line \"%s\")\n", boot_info.cmdline);

	power_init(cmdline_has(boot_info.cmdline, "grade"), boot_info.rsdp,
		   boot_info.rsdp_revision);
	physmem_init(&boot_info, info_phys);
	kprintf("physical memory: %lu MiB managed, %lu frames free\n",
		physmem.managed_frames >> (20 - FRAME_SHIFT), physmem.free_frames);
	vm_init(&boot_info);
	kmalloc_init();
	ps2_keyboard_init();

	const struct kstack *stack = kstack_create("monitor");
	if (!stack)
		panic("no memory for the monitor's stack");
	task_init(&monitor_task, "monitor", (void *)stack->base, stack->size, monitor_main);
	hal.context_switch(&boot_task, &monitor_task);
	panic("the boot task was resumed");
}
