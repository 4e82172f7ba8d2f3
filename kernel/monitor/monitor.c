/*
 * The kernel monitor: a prompt on the console, a line editor, and commands
 * to look inside the kernel.  A command that faults is abandoned (see
 * monitor_abandon_command) and the prompt comes back.
 */
#include <stdbool.h>
#include <stdint.h>
#include "buddy.h"
#include "console.h"
#include "errno.h"
#include "hal.h"
#include "kprintf.h"
#include "lineedit.h"
#include "monitor.h"
#include "monitor_commands.h"
#include "setjmp.h"
#include "string.h"
#include "thread.h"

#define MAX_ARGS 8

static struct line_editor editor;
static jmp_buf command_recovery;
static volatile bool in_command;
static struct thread *monitor_thread;

static const struct command commands[] = {
#define MONITOR_COMMAND(name, args, help, needs) { #name, args, help, cmd_##name, needs },
	MONITOR_COMMANDS(MONITOR_COMMAND)
#undef MONITOR_COMMAND
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	for (size_t i = 0; i < NCOMMANDS; i++)
		kprintf("  %-12s %-22s %s\n", commands[i].name, commands[i].args, commands[i].help);
	kprintf("Editing: arrows, Ctrl-A/E (start/end), Ctrl-U (erase), Ctrl-C (cancel), "
		"Tab (complete).\n");
	return 0;
}

/* Split line into words, in place. */
static int split_words(char *line, char **argv)
{
	int argc = 0;

	for (char *p = line; *p && argc < MAX_ARGS;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p)
			argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return argc;
}

static void run_command(const struct command *c, int argc, char **argv)
{
	if (!kernel_reached(c->needs, c->name))
		return;
	if (setjmp(command_recovery) == 0) {
		in_command = true;
		if (c->run(argc, argv) == -EINVAL)
			kprintf("usage: %s %s\n", c->name, c->args);
	} else {
		/* We came from the fault handler, which ran with interrupts off;
		   they are on wherever threads run. */
		if (kernel_stage >= STAGE_THREADS)
			hal.enable_interrupts();
		kprintf("*** the command was abandoned; back to the monitor\n");
	}
	in_command = false;
}

static void run_line(char *line)
{
	char *argv[MAX_ARGS];
	int argc = split_words(line, argv);

	if (argc == 0)
		return;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			run_command(&commands[i], argc, argv);
			return;
		}
	kprintf("unknown command '%s' (type 'help')\n", argv[0]);
}

void monitor_abandon_command(void)
{
	if (in_command && thread_current() == monitor_thread)
		longjmp(command_recovery, 1);
}

/* Tab completes the command name, the first word. */
static void complete_command(struct line_editor *e, const char *before, size_t word_start)
{
	(void)before;
	if (word_start > 0)
		return;		/* arguments are not completed */
	for (size_t i = 0; i < NCOMMANDS; i++)
		line_editor_offer(e, commands[i].name);
}

static void echo(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	console_write(s, n);
}

void monitor_main(void *unused)
{
	(void)unused;
	monitor_thread = thread_current();
	line_editor_init(&editor, echo, NULL);
	editor.complete = complete_command;
	kprintf("Welcome to the Aurora kernel monitor. Type 'help' for a list of commands.\n");
	for (;;) {
		enum line_status status;

		line_editor_start(&editor, MONITOR_PROMPT);
		do
			status = line_editor_feed(&editor, console_getc());
		while (status == LINE_EDITING);
		if (status == LINE_DONE)
			run_line(editor.line);
	}
}
