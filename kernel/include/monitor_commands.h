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

int cmd_kerninfo(int argc, char **argv);
int cmd_reboot(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_mem(int argc, char **argv);
int cmd_alloc(int argc, char **argv);
int cmd_free(int argc, char **argv);
int cmd_backtrace(int argc, char **argv);
int cmd_fault(int argc, char **argv);
int cmd_vmwalk(int argc, char **argv);
int cmd_showmappings(int argc, char **argv);
int cmd_setperm(int argc, char **argv);
int cmd_peek(int argc, char **argv);
int cmd_poke(int argc, char **argv);
int cmd_kmstat(int argc, char **argv);
int cmd_kmtest(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_spawn(int argc, char **argv);
int cmd_kill(int argc, char **argv);
int cmd_schedstat(int argc, char **argv);
int cmd_sleep(int argc, char **argv);

#endif
