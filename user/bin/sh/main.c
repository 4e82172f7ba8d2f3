/* The shell's loop (sh.h says what the shell does). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "sh.h"

int last_status;

/* As bash, an interactive shell drops the rest of a line whose command
   was ended by Ctrl-C. */
static bool interrupted(int status)
{
	return interactive && WIFSIGNALED(status) && WTERMSIG(status) == SIGINT;
}

void run_line(const char *line, bool exec_last)
{
	static struct lexer lx;
	static struct pipeline pl;
	enum token t;
	int status = 0;

	lexer_start(&lx, line);
	do {
		if ((t = parse_pipeline(&lx, &pl)) == ERROR) {
			last_status = 2;
			return;
		}
		if (t == END && exec_last && replaces_shell(&pl))
			run_command(&pl.cmds[0]);
		if (pl.ncmds > 0)
			last_status = status_value(status = run_pipeline(&pl));
	} while (t != END && !interrupted(status));
}

static void loop(void)
{
	char line[INPUT_LINE_MAX];
	int len;

	while (jobs_notify(), (len = read_line(line, sizeof(line))) != -1) {
		if (len == -2) {
			fprintf(stderr, "sh: line too long\n");
			last_status = 2;
			continue;
		}
		run_line(line, false);
	}
	if (interactive)
		fprintf(stderr, "exit\n");
}

/* A parent that ignored SIGCHLD would have the kernel reap our children
   before we could wait for them.  sh -c runs a command, not a session:
   it leaves the terminal alone. */
int main(int argc, char **argv)
{
	signal(SIGCHLD, SIG_DFL);
	vars_import();
	if (argc == 3 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2], true);
		return last_status;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: sh [-c command]\n");
		return 2;
	}
	terminal_init();
	input_init();
	loop();
	return last_status;
}
