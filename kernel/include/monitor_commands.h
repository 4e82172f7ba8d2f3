/* The monitor's commands, each in the file of the subsystem it shows. */
#ifndef AURORA_MONITOR_COMMANDS_H
#define AURORA_MONITOR_COMMANDS_H

#include "kernel.h"

struct command {
	const char *name;
	const char *args;
	const char *help;
	/* Returns 0, or -EINVAL for bad arguments (the monitor prints usage). */
	int (*run)(int argc, char **argv);
	enum kernel_stage needs;	/* what the boot must have reached first */
};

/*
 * The command table, one line per command: name, arguments, help, and the
 * boot stage it needs.  monitor.c builds its table from it and each
 * cmd_<name> is defined in the file of the subsystem it shows.
 */
#define MONITOR_COMMANDS(X)							\
	X(help, "", "list the commands", STAGE_FRAMES)				\
	X(kerninfo, "", "kernel sections, boot information, consoles", STAGE_FRAMES) \
	X(mem, "", "the memory map and the frame allocator", STAGE_FRAMES)	\
	X(alloc, "<order>", "allocate 2^order frames", STAGE_FRAMES)		\
	X(free, "<pfn>", "free the block starting at frame pfn", STAGE_FRAMES)	\
	X(backtrace, "[depth|corrupt|loop]", "print the call stack (after depth calls), or a broken one", \
	  STAGE_FRAMES)								\
	X(fault, "<kind>", "raise an exception ('fault' lists the kinds)", STAGE_FRAMES) \
	X(vmwalk, "<va>", "walk the page tables for a virtual address", STAGE_PAGING) \
	X(showmappings, "<from> <to>", "the mapped ranges between two addresses", STAGE_PAGING) \
	X(vmmap, "<va> <pa> <r|rw|rx|rwx>", "map one 4 KiB page (never inside a 2 MiB one)", STAGE_PAGING) \
	X(setperm, "<va> <r|rw|rx|rwx>[u]", "change a page's permissions", STAGE_PAGING) \
	X(vmcheck, "", "check the invariants of the kernel's page tables", STAGE_PAGING) \
	X(check, "[lab]", "check the invariants of what the boot built (of labs up to lab)", STAGE_FRAMES) \
	X(peek, "<va>", "read 8 bytes", STAGE_FRAMES)				\
	X(poke, "<va> <value>", "write 8 bytes", STAGE_FRAMES)			\
	X(kmstat, "", "kernel heap statistics and invariants", STAGE_HEAP)	\
	X(kmtest, "<n>|<mistake>", "n random kmalloc/kfree; or double-free, overrun, bad-pointer", STAGE_HEAP) \
	X(ps, "", "threads and their scheduling statistics", STAGE_THREADS)	\
	X(spawn, "<workload> [nice] [ms]", "start a thread ('spawn' lists workloads)", STAGE_THREADS) \
	X(kill, "<tid>|all", "stop threads and collect them", STAGE_THREADS)	\
	X(schedstat, "", "the scheduler's state and invariants", STAGE_THREADS)	\
	X(sleep, "<ms>", "let the monitor sleep (others run)", STAGE_THREADS)	\
	X(disk, "[read <b>|sum <b> <n>|write <b> <byte> [n]|flush]", "the disk (ata0): dump, hash, fill, flush blocks", \
	  STAGE_THREADS)							\
	X(reboot, "", "restart the machine", STAGE_FRAMES)			\
	X(poweroff, "", "switch the machine off", STAGE_FRAMES)

#define MONITOR_COMMAND_DECLARE(name, args, help, needs) int cmd_##name(int argc, char **argv);
MONITOR_COMMANDS(MONITOR_COMMAND_DECLARE)
#undef MONITOR_COMMAND_DECLARE

#endif
