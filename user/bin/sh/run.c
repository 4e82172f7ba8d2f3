/* Running pipelines: redirections, processes and pipes, builtins. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define SAVED_FD_MIN 10		/* above every fd a redirection can name */

/* The wait status of a process that exited with code. */
static int exited(int code)
{
	return (code & 0xff) << 8;
}

int status_value(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSTOPPED(status) ? WSTOPSIG(status) : WTERMSIG(status));
}

/* The fd redirection r makes its fd a copy of: the file it opens, or the
   fd it copies; -1 (reported) if that fails. */
static int redirection_source(const struct redir *r)
{
	if (r->path) {
		int fd = open(r->path, r->flags, 0666);

		if (fd < 0)
			fprintf(stderr, "sh: %s: %s\n", r->path, strerror(errno));
		return fd;
	}
	if (fcntl(r->copied_fd, F_GETFD) < 0) {
		fprintf(stderr, "sh: %d: %s\n", r->copied_fd, strerror(errno));
		return -1;
	}
	return r->copied_fd;
}

/* Make c's redirections, in order; returns how many were done (all of
   them, unless one failed).  With saved (a builtin run in the shell
   itself), each fd is first copied there, for restore_fds(). */
static int redirect(const struct command *c, int *saved)
{
	for (int i = 0; i < c->nredirs; i++) {
		const struct redir *r = &c->redirs[i];
		int fd = redirection_source(r);

		if (fd < 0)
			return i;
		if (saved)
			saved[i] = fcntl(r->fd, F_DUPFD, SAVED_FD_MIN);
		if (fd != r->fd) {
			dup2(fd, r->fd);
			if (r->path)
				close(fd);
		}
	}
	return c->nredirs;
}

/* Undo redirect(c, saved)'s first n redirections, the last first. */
static void restore_fds(const struct command *c, const int *saved, int n)
{
	while (n-- > 0) {
		if (saved[n] >= 0) {
			dup2(saved[n], c->redirs[n].fd);
			close(saved[n]);
		} else {
			close(c->redirs[n].fd);
		}
	}
}

static int assign_all(const struct command *c, bool export)
{
	for (int i = 0; i < c->nassigns; i++)
		if (!var_assign(c->assigns[i], export))
			return 1;
	return 0;
}

static __attribute__((noreturn)) void exec_program(char **argv)
{
	execvp(argv[0], argv);
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(126);
}

/* Assignments before a command are its environment's. */
void run_command(const struct command *c)
{
	if (assign_all(c, true) != 0 || redirect(c, NULL) < c->nredirs)
		_exit(1);
	if (c->argc == 0)
		_exit(0);

	builtin_fn *builtin = find_builtin(c->argv[0]);
	if (builtin)
		_exit(builtin(c->argc, (char **)c->argv));
	exec_program((char **)c->argv);
}

/* cd, exit and assignments must run in the shell itself to have an effect;
   so, for simplicity, does any builtin that is a whole foreground
   pipeline, unless assignments are for it alone. */
static bool runs_in_shell(const struct pipeline *pl)
{
	const struct command *c = &pl->cmds[0];

	return pl->ncmds == 1 && !pl->background &&
	       (c->argc == 0 || (c->nassigns == 0 && find_builtin(c->argv[0])));
}

static int run_in_shell(const struct command *c)
{
	int saved[MAX_REDIRS];
	int done = redirect(c, saved), status = 1;

	if (done == c->nredirs)
		status = c->argc ? find_builtin(c->argv[0])(c->argc, (char **)c->argv)
				 : assign_all(c, false);
	restore_fds(c, saved, done);
	return exited(status);
}

static void close_if_open(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* In the child: read from in, write to out, unless they are -1. */
static void connect(int in, int out, int unused)
{
	if (in >= 0) {
		dup2(in, 0);
		close(in);
	}
	if (out >= 0) {
		dup2(out, 1);
		close(out);
		close(unused);
	}
}

/* Fork command c of job j, reading from *in; if piped, its output goes
   into a new pipe, whose read end becomes *in.  false on an error. */
static bool start_command(const struct command *c, struct job *j, bool foreground, int *in,
			  bool piped)
{
	int fds[2] = { -1, -1 };
	pid_t pid;

	if (piped && pipe(fds) < 0) {
		perror("sh: pipe");
		return false;
	}
	if ((pid = fork()) == 0) {
		job_enter(j, foreground);
		connect(*in, fds[1], fds[0]);
		run_command(c);
	}
	close_if_open(*in);
	close_if_open(fds[1]);
	*in = fds[0];
	if (pid < 0) {
		perror("sh: fork");
		return false;
	}
	job_add_process(j, pid);
	return true;
}

/* Fork a process per command, each reading the previous one's output
   through a pipe.  Returns how many started: fewer than all on an error. */
static int start_pipeline(const struct pipeline *pl, struct job *j)
{
	int in = -1;		/* the read end of the previous pipe */
	int i = 0;

	while (i < pl->ncmds &&
	       start_command(&pl->cmds[i], j, !pl->background, &in, i + 1 < pl->ncmds))
		i++;
	close_if_open(in);
	return i;
}

/* A pipeline that started in part still runs, but its status is 1. */
int run_pipeline(const struct pipeline *pl)
{
	struct job *j;
	int started, status = exited(0);

	if (runs_in_shell(pl))
		return run_in_shell(&pl->cmds[0]);
	if (!(j = job_new(pl)) || (started = start_pipeline(pl, j)) == 0) {
		if (j)
			job_forget(j);
		return exited(1);
	}
	if (pl->background)
		job_run_background(j);
	else
		status = job_run_foreground(j);
	return started == pl->ncmds ? status : exited(1);
}

bool replaces_shell(const struct pipeline *pl)
{
	const struct command *c = &pl->cmds[0];

	return pl->ncmds == 1 && !pl->background && c->argc > 0 && !find_builtin(c->argv[0]);
}
