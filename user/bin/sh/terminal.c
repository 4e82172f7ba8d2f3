/*
 * The terminal, for an interactive shell: the modes it is in while a line
 * is edited and while commands run, which process group it belongs to,
 * and the signals of job control.  Only an interactive shell uses them.
 */
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

bool interactive;
static struct termios found;	/* the modes the shell found, which commands get */
static pid_t shell_pgid;

/* Ctrl-C, Ctrl-\ and Ctrl-Z are for jobs, and a shell in the background
   should not stop to read or set the terminal. */
void job_control_signals(void (*action)(int))
{
	static const int signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		signal(signals[i], action);
}

/* Started in the background (sh & from another shell): stop, as a job
   that reads the terminal does, until brought to the foreground. */
static void wait_for_foreground(void)
{
	pid_t own, foreground;

	while ((own = getpgrp()) > 0 && (foreground = tcgetpgrp(0)) > 0 && foreground != own)
		kill(0, SIGTTIN);
}

/* Lead a process group of its own (unless leading a session, which
   already does), and have the terminal. */
void terminal_init(void)
{
	if (tcgetattr(0, &found) < 0)
		return;
	interactive = true;
	wait_for_foreground();
	job_control_signals(SIG_IGN);
	if (getpgrp() != getpid())
		setpgid(0, 0);
	shell_pgid = getpgrp();
	terminal_take();
}

/* Every byte as it is typed, not echoed, and Ctrl-C, Ctrl-Z as keys (the
   line editor does the rest); output is processed as before. */
void terminal_raw(void)
{
	struct termios raw = found;

	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSADRAIN, &raw);
}

void terminal_restore(void)
{
	tcsetattr(0, TCSADRAIN, &found);
}

void terminal_give(pid_t pgid)
{
	if (interactive)
		tcsetpgrp(0, pgid);
}

void terminal_take(void)
{
	terminal_give(shell_pgid);
}
