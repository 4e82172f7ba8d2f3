/*
 * The browser kernel's boot.  The runtime loads the module and calls
 * aurora_boot with a command line; it brings up what kmain does on x86_64,
 * in the same order, without the hardware: the console, the HAL, threads,
 * the disk and the root file system, then init, and it becomes the idle
 * thread.  The kernel heap takes its pages from the module's allocator
 * (physmem.c).
 */
#include <emscripten.h>
#include "blockdev.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "hal.h"
#include "kernel.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "process.h"
#include "rootfs.h"
#include "sched.h"
#include "syscall_trace.h"
#include "thread.h"
#include "wasm_kernel.h"

struct boot_info boot_info;
enum kernel_stage kernel_stage = STAGE_FRAMES;

static void start_init(const struct boot_info *bi)
{
	char init[64] = "/bin/init";

	syscall_tracing = cmdline_has(bi->cmdline, "strace");
	process_exit_checks = !cmdline_has(bi->cmdline, "nochecks");
	if (!rootfs_init(bi))
		panic("no root file system");
	cmdline_value(bi->cmdline, "init", init, sizeof(init));
	process_start_init(init);
}

EMSCRIPTEN_KEEPALIVE void aurora_boot(const char *cmdline)
{
	boot_info.cmdline = cmdline;
	terminals_init();
	hal.init();
	kprintf("Aurora kernel booting in WebAssembly (command line \"%s\")\n", cmdline);
	if (kmalloc_init() != 0)
		panic("no kernel heap");
	threads_init(&sched_cfs);
	kernel_stage = STAGE_THREADS;
	events_init();
	user_mode_init();
	blockdev_registry_init();
	disk_init();
	console_enable_input_interrupts();
	start_init(&boot_info);
	file_service_start();
	threads_idle();
}
