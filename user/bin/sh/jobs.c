/*
 * The job table.  A job is a pipeline's processes; in an interactive shell
 * they are one process group, named by the first one's pid, so that the
 * terminal's signals and SIGCONT reach them all.  As in bash, a new job
 * takes the number after the highest in use: here, the slot after the
 * highest slot in use, and its number is the slot's plus one.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define MAX_JOBS 32
#define JOB_TEXT_MAX 128
#define STOPPED_FIRST ((uint64_t)1 << 62)	/* ranks stopped jobs above the others */

/* In this order: a job is in the least advanced state of its processes. */
enum state { RUNNING, STOPPED, DONE };

struct process {
	pid_t pid;
	enum state state;
	int status;		/* what waitpid said last */
};

struct job {
	bool used;
	bool reported;		/* its state has been shown since it changed */
	pid_t pgid;
	struct process procs[MAX_CMDS];
	int nprocs;
	unsigned long touched;	/* when last sent to the background, stopped or continued */
	char text[JOB_TEXT_MAX];
};

pid_t last_background_pid;
static struct job jobs[MAX_JOBS];
static unsigned long touches;

static int number(const struct job *j)
{
	return j - jobs + 1;
}

static void touch(struct job *j)
{
	j->touched = ++touches;
}

static enum state job_state(const struct job *j)
{
	enum state state = DONE;

	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state < state)
			state = j->procs[i].state;
	return state;
}

struct job *job_new(const struct pipeline *pl)
{
	int slot = MAX_JOBS;

	while (slot > 0 && !jobs[slot - 1].used)
		slot--;
	if (slot == MAX_JOBS) {
		fprintf(stderr, "sh: too many jobs\n");
		return NULL;
	}
	jobs[slot] = (struct job){ .used = true, .reported = true };
	snprintf(jobs[slot].text, JOB_TEXT_MAX, "%.*s", pl->text_len, pl->text);
	return &jobs[slot];
}

void job_forget(struct job *j)
{
	j->used = false;
}

void job_enter(const struct job *j, bool foreground)
{
	pid_t pgid = j->pgid ? j->pgid : getpid();

	if (!interactive)
		return;
	setpgid(0, pgid);
	if (foreground)
		terminal_give(pgid);
	job_control_signals(SIG_DFL);
	interactive = false;	/* this process is no longer the shell at the terminal */
}

/* The parent sets the group too: whichever runs first, the child is in
   it before the shell waits or gives it the terminal. */
void job_add_process(struct job *j, pid_t pid)
{
	if (!j->pgid)
		j->pgid = pid;
	if (interactive)
		setpgid(pid, j->pgid);
	j->procs[j->nprocs++] = (struct process){ .pid = pid, .state = RUNNING };
}

/* --- waiting -------------------------------------------------------------- */

static struct process *find_process(pid_t pid, struct job **owner)
{
	for (struct job *j = jobs; j < jobs + MAX_JOBS; j++)
		for (int i = 0; j->used && i < j->nprocs; i++)
			if (j->procs[i].pid == pid) {
				*owner = j;
				return &j->procs[i];
			}
	return NULL;
}

static void record(pid_t pid, int status)
{
	struct job *j;
	struct process *p = find_process(pid, &j);

	if (!p)
		return;
	p->status = status;
	p->state = WIFSTOPPED(status) ? STOPPED : WIFCONTINUED(status) ? RUNNING : DONE;
	if (p->state != RUNNING)
		j->reported = false;
}

/* Wait for a child to change (with WNOHANG, take what has) and record it;
   false if there was nothing.  Without job control a stop is not the
   shell's business: the job and the shell stop and go on together. */
static bool collect(int options)
{
	int status;
	pid_t pid;

	if (interactive)
		options |= WUNTRACED | WCONTINUED;
	do
		pid = waitpid(-1, &status, options);
	while (pid < 0 && errno == EINTR);
	if (pid <= 0)
		return false;
	record(pid, status);
	return true;
}

/* --- reporting ------------------------------------------------------------ */

/* The current job (+) is the one most recently stopped, else the one most
   recently sent to the background; the previous (-) comes next. */
static uint64_t rank(const struct job *j)
{
	return (job_state(j) == STOPPED ? STOPPED_FIRST : 0) + j->touched;
}

static struct job *highest_ranked_below(uint64_t limit)
{
	struct job *best = NULL;

	for (struct job *j = jobs; j < jobs + MAX_JOBS; j++)
		if (j->used && rank(j) < limit && (!best || rank(j) > rank(best)))
			best = j;
	return best;
}

static struct job *current_job(void)
{
	return highest_ranked_below(UINT64_MAX);
}

static struct job *previous_job(void)
{
	struct job *current = current_job();

	return current ? highest_ranked_below(rank(current)) : NULL;
}

static char mark(const struct job *j)
{
	return j == current_job() ? '+' : j == previous_job() ? '-' : ' ';
}

static const struct process *stopped_process(const struct job *j)
{
	const struct process *p = j->procs;

	while (p->state != STOPPED)
		p++;
	return p;
}

/* How a job stands, in bash's words. */
static const char *describe(const struct job *j, char *buf, size_t size)
{
	int status = j->procs[j->nprocs - 1].status;

	if (job_state(j) == RUNNING)
		return "Running";
	if (job_state(j) == STOPPED)
		return strsignal(WSTOPSIG(stopped_process(j)->status));
	if (WIFSIGNALED(status))
		return strsignal(WTERMSIG(status));
	if (WEXITSTATUS(status) == 0)
		return "Done";
	snprintf(buf, size, "Exit %d", WEXITSTATUS(status));
	return buf;
}

static void print_job(const struct job *j)
{
	char buf[16];
	const char *state = describe(j, buf, sizeof(buf));

	printf("[%d]%c  %-24s%s%s\n", number(j), mark(j), state, j->text,
	       job_state(j) == RUNNING ? " &" : "");
}

/* Show the jobs that changed (or all of them), and forget those done. */
static void report_jobs(bool all)
{
	while (collect(WNOHANG))
		;
	for (struct job *j = jobs; j < jobs + MAX_JOBS; j++) {
		if (!j->used)
			continue;
		if (all || (interactive && !j->reported))
			print_job(j);
		j->reported = true;
		if (job_state(j) == DONE)
			job_forget(j);
	}
}

void jobs_notify(void)
{
	report_jobs(false);
}

bool jobs_stopped(void)
{
	for (struct job *j = jobs; j < jobs + MAX_JOBS; j++)
		if (j->used && job_state(j) == STOPPED)
			return true;
	return false;
}

/* --- foreground and background -------------------------------------------- */

/* As bash, say how a foreground job was killed; after Ctrl-C only end the
   line the ^C is on, and a broken pipe is no news. */
static void report_death(int status)
{
	int sig = WTERMSIG(status);

	if (!WIFSIGNALED(status) || sig == SIGPIPE)
		return;
	if (sig != SIGINT)
		fprintf(stderr, "%s\n", strsignal(sig));
	else if (interactive)
		putchar('\n');
}

static void continue_job(struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state == STOPPED)
			j->procs[i].state = RUNNING;
	touch(j);
	kill(-j->pgid, SIGCONT);
}

/* A foreground job stopped: it stays, as the current job. */
static int stopped(struct job *j)
{
	touch(j);
	printf("\n");		/* after the ^Z the terminal echoed */
	print_job(j);
	j->reported = true;
	return stopped_process(j)->status;
}

static int ended(struct job *j)
{
	int status = j->procs[j->nprocs - 1].status;

	report_death(status);
	job_forget(j);
	return status;
}

/* Give j the terminal (and continue it if resume) until it ends or stops;
   returns its last process's status, or a stopped one's. */
static int run_in_foreground(struct job *j, bool resume)
{
	terminal_give(j->pgid);
	if (resume)
		continue_job(j);
	while (job_state(j) == RUNNING && collect(0))
		;
	terminal_take();
	return job_state(j) == STOPPED ? stopped(j) : ended(j);
}

int job_run_foreground(struct job *j)
{
	return run_in_foreground(j, false);
}

void job_run_background(struct job *j)
{
	touch(j);
	last_background_pid = j->procs[j->nprocs - 1].pid;
	if (interactive)
		printf("[%d] %d\n", number(j), last_background_pid);
}

/* --- the builtins --------------------------------------------------------- */

/* %n or n, %+ or %% (the current job), %- (the previous); the current job
   if there is no argument. */
static struct job *job_named(const char *arg)
{
	if (!arg || strcmp(arg, "%+") == 0 || strcmp(arg, "%%") == 0)
		return current_job();
	if (strcmp(arg, "%-") == 0)
		return previous_job();

	int n = atoi(arg + (arg[0] == '%'));
	return n >= 1 && n <= MAX_JOBS && jobs[n - 1].used ? &jobs[n - 1] : NULL;
}

/* The job fg or bg is asked for, or NULL after saying why not. */
static struct job *job_argument(const char *builtin, int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : NULL;
	struct job *j = job_named(arg);

	if (!interactive)
		fprintf(stderr, "sh: %s: no job control\n", builtin);
	else if (!j)
		fprintf(stderr, "sh: %s: %s: no such job\n", builtin, arg ? arg : "current");
	return interactive ? j : NULL;
}

int builtin_jobs(int argc, char **argv)
{
	(void)argc, (void)argv;
	report_jobs(true);
	return 0;
}

int builtin_fg(int argc, char **argv)
{
	struct job *j = job_argument("fg", argc, argv);

	if (!j)
		return 1;
	printf("%s\n", j->text);
	return status_value(run_in_foreground(j, true));
}

int builtin_bg(int argc, char **argv)
{
	struct job *j = job_argument("bg", argc, argv);

	if (!j)
		return 1;
	if (job_state(j) != STOPPED) {
		fprintf(stderr, "sh: bg: job %d already in background\n", number(j));
		return 0;
	}
	continue_job(j);
	printf("[%d]%c %s &\n", number(j), mark(j), j->text);
	return 0;
}
