/*
 * kmain: boot.S calls it in long mode, on the boot stack, with the physical
 * address of the multiboot2 information.  It brings up the serial console
 * first (so that anything after can be reported), the CPU tables, the
 * screen, physical memory, the kernel's own page tables and heap,
 * interrupts, the scheduler and the clock; then it starts init or the
 * monitor thread and becomes the idle thread.  Each step is one lab's work
 * (kernel_stage, kernel.h): a kernel whose lab 2 is unfinished stops
 * before the page tables and runs the monitor on the boot stack instead.
 */
#include <stdbool.h>
#include <stdint.h>
#include "blockdev.h"
#include "clock.h"
#include "cmdline.h"
#include "console.h"
#include "drivers.h"
#include "hal.h"
#include "invariants.h"
#include "irq.h"
#include "kernel.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "memlayout.h"
#include "kstack.h"
#include "monitor.h"
#include "parse.h"
#include "physmem.h"
#include "process.h"
#include "realtime.h"
#include "rootfs.h"
#include "syscall_trace.h"
#include "power.h"
#include "sched.h"
#include "string.h"
#include "thread.h"
#include "vm.h"

struct boot_info boot_info;
enum kernel_stage kernel_stage = STAGE_FRAMES;

static const char *const stage_names[] = {
	[STAGE_PAGING] = "the kernel's own page tables (lab 2)",
	[STAGE_HEAP] = "the kernel heap (lab 2)",
	[STAGE_THREADS] = "threads (lab 3)",
};

bool kernel_reached(enum kernel_stage needed, const char *what)
{
	if (kernel_stage >= needed)
		return true;
	kprintf("%s needs %s, which this boot does not have (see the boot messages)\n",
		what, stage_names[needed]);
	return false;
}

/* hz=N on the command line: the timer's tick rate (clock.h). */
static unsigned tick_rate(const char *cmdline)
{
	char value[8];
	uint64_t hz;

	if (cmdline_value(cmdline, "hz", value, sizeof(value)) && parse_u64(value, &hz) == 0)
		return hz > TICK_HZ_MAX ? TICK_HZ_MAX : (unsigned)hz;
	return TICK_HZ;
}

/* sched=cfs (the default) or sched=rr on the command line. */
static const struct sched_policy *scheduling_policy(const char *cmdline)
{
	char name[8];

	if (cmdline_value(cmdline, "sched", name, sizeof(name)) && strcmp(name, "rr") == 0)
		return &sched_rr;
	return &sched_cfs;
}

static void start_screen(const struct boot_info *bi)
{
	if (cmdline_has(bi->cmdline, "console=serial"))
		return;
	if (bi->fb.kind == FB_RGB)
		fbcon_init(&bi->fb);
	else if (bi->fb.kind != FB_INDEXED)
		vga_text_init(&bi->fb);
}

/*
 * Boot to init (/bin/init, or init=<path>) from the initrd; or, with
 * "monitor" on the command line or no initrd, to the kernel monitor that
 * labs 1-3 use.
 */
static void start_user_space_or_monitor(const struct boot_info *bi)
{
	char init[64] = "/bin/init";

	syscall_tracing = cmdline_has(bi->cmdline, "strace");
	process_exit_checks = !cmdline_has(bi->cmdline, "nochecks");
	if (!cmdline_has(bi->cmdline, "monitor") && rootfs_init(bi)) {
		cmdline_value(bi->cmdline, "init", init, sizeof(init));
		process_start_init(init);
		return;
	}
	if (thread_create("monitor", monitor_main, NULL, 0) < 0)
		panic("no memory for the monitor thread");
}

/*
 * The boot has built what `stage` needs; true unless that breaks one of the
 * invariants (invariants.h).  A broken one is reported, as the lab whose
 * code keeps it, before any later code builds on it: one line that names
 * the cause, instead of crashes further on.
 */
static bool reached(enum kernel_stage stage)
{
	enum kernel_stage before = kernel_stage;

	kernel_stage = stage;
	if (invariants_hold(AURORA_CHECK_ALL_LABS))
		return true;
	kernel_stage = before;
	return false;
}

/* Lab 2's page tables, heap and guarded stacks; false if one is not working. */
static bool start_memory_management(void)
{
	if (vm_init(&boot_info) != 0 || !reached(STAGE_PAGING))
		return false;
	return kmalloc_init() == 0 && kstack_init() == 0 && reached(STAGE_HEAP);
}

/*
 * Threads need the heap and guarded stacks.  Without them (lab 2 is not
 * finished, or a structure is broken) the monitor runs here, on the boot
 * stack, polling the console with interrupts off: all that lab 1 needs.
 */
__attribute__((noreturn)) static void monitor_without_threads(void)
{
	kprintf("*** the boot stops before threads (see above): no threads, no interrupts;\n"
		"*** the monitor runs on the boot stack and offers the commands of what was built\n");
	monitor_main(NULL);
}

void kmain(uint32_t info_phys)
{
	const char *error;

	uart16550_init();
	hal.init();
	if (multiboot2_parse(phys_to_virt(info_phys), &boot_info, &error) != 0)
		panic("cannot read the boot information: %s", error);
	start_screen(&boot_info);
	ps2_keyboard_init();
	kprintf("Aurora kernel booting (command line \"%s\")\n", boot_info.cmdline);

	power_init(cmdline_has(boot_info.cmdline, "grade"), boot_info.rsdp,
		   boot_info.rsdp_revision);
	physmem_init(&boot_info, info_phys);
	uint64_t free, managed;
	frames_count(&free, &managed);
	kprintf("physical memory: %lu MiB managed, %lu frames free\n",
		managed >> (20 - FRAME_SHIFT), free);
	if (!reached(STAGE_FRAMES) || !start_memory_management())
		monitor_without_threads();

	interrupts_init(boot_info.rsdp, boot_info.rsdp_revision);
	threads_init(scheduling_policy(boot_info.cmdline));
	if (!reached(STAGE_THREADS))
		monitor_without_threads();
	clock_init(tick_rate(boot_info.cmdline));
	rtc_init();
	blockdev_registry_init();
	ata_init();
	uart16550_enable_interrupts();
	ps2_keyboard_enable_interrupts();
	console_enable_input_interrupts();
	start_user_space_or_monitor(&boot_info);
	threads_idle();
}
