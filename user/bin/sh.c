/*
 * sh: the shell.
 *
 *   sh            read command lines from standard input, prompting "$ "
 *   sh -c line    run one line and exit with its status
 *
 * A line is pipelines separated by ';', or by '&' to run the one before in
 * the background.  A pipeline is commands joined by '|'; its status is its
 * last command's.  A command is words and redirections: < file, > file,
 * >> file, and the same after a digit naming another fd (2> file).
 *
 * In words, '...' is literal; "..." is literal but for $? and the escapes
 * \" \\ \$; outside quotes \c is c.  $? is the last status.  A word
 * starting with '#' starts a comment.  The builtins are cd, pwd and exit;
 * other commands are looked for in $PATH (/bin if unset).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX 1024
#define MAX_ARGS 64
#define MAX_REDIRS 8
#define MAX_CMDS 16
#define MAX_JOBS 32
#define SAVED_FD_MIN 10		/* above every fd a redirection can name */

struct redir {
	int fd;			/* the fd redirected */
	int flags;		/* how the file is opened */
	const char *path;
};

struct command {
	char *argv[MAX_ARGS + 1];
	int argc;
	struct redir redirs[MAX_REDIRS];
	int nredirs;
};

struct pipeline {
	struct command cmds[MAX_CMDS];
	int ncmds;
	bool background;
};

enum token { WORD, REDIR, PIPE, SEMI, AMP, END, ERROR };

/* Reads tokens from a line; words are copied out, unquoted and expanded. */
struct lexer {
	const char *p;		/* the next character of the line */
	char words[2 * LINE_MAX];	/* "$?" (2 characters) becomes at most 3 */
	size_t used;
	bool overflow;
};

static int last_status;
static pid_t jobs[MAX_JOBS];	/* background pipelines not yet reported done */

static enum token syntax_error(const char *why)
{
	fprintf(stderr, "sh: syntax error: %s\n", why);
	return ERROR;
}

/* --- words -------------------------------------------------------------- */

static void put(struct lexer *lx, char c)
{
	if (lx->used < sizeof(lx->words))
		lx->words[lx->used++] = c;
	else
		lx->overflow = true;
}

/* If *p is "$?", append the last status and step past it. */
static bool expand(struct lexer *lx, const char **p)
{
	char digits[12];

	if ((*p)[0] != '$' || (*p)[1] != '?')
		return false;
	snprintf(digits, sizeof(digits), "%d", last_status);
	for (char *d = digits; *d; d++)
		put(lx, *d);
	*p += 2;
	return true;
}

/* The inside of "...", from just past the opening quote; returns just past
   the closing one, or NULL if there is none. */
static const char *double_quoted(struct lexer *lx, const char *p)
{
	while (*p != '"') {
		if (*p == '\0')
			return NULL;
		if (*p == '\\' && p[1] && strchr("\"\\$", p[1]))
			p++;
		else if (expand(lx, &p))
			continue;
		put(lx, *p++);
	}
	return p + 1;
}

static enum token read_word(struct lexer *lx, char **word)
{
	const char *p = lx->p;

	*word = lx->words + lx->used;
	while (*p && !strchr(" \t\r|;&<>", *p)) {
		if (*p == '\'') {
			const char *close = strchr(p + 1, '\'');

			if (!close)
				return syntax_error("unterminated '");
			while (++p < close)
				put(lx, *p);
			p++;
		} else if (*p == '"') {
			if (!(p = double_quoted(lx, p + 1)))
				return syntax_error("unterminated \"");
		} else if (*p == '\\') {
			if (*++p)
				put(lx, *p++);
		} else if (!expand(lx, &p)) {
			put(lx, *p++);
		}
	}
	put(lx, '\0');
	lx->p = p;
	if (lx->overflow) {
		fprintf(stderr, "sh: line too long\n");
		return ERROR;
	}
	return WORD;
}

/* "<", ">" or ">>", maybe after a digit naming the fd; r is left alone if
   there is none. */
static bool read_redirection(struct lexer *lx, struct redir *r)
{
	const char *p = lx->p;
	int fd = -1;

	if (*p >= '0' && *p <= '9' && (p[1] == '<' || p[1] == '>'))
		fd = *p++ - '0';
	if (*p == '<') {
		r->flags = O_RDONLY;
		r->fd = fd < 0 ? 0 : fd;
		p++;
	} else if (*p == '>') {
		r->flags = O_WRONLY | O_CREAT | (p[1] == '>' ? O_APPEND : O_TRUNC);
		r->fd = fd < 0 ? 1 : fd;
		p += p[1] == '>' ? 2 : 1;
	} else {
		return false;
	}
	lx->p = p;
	return true;
}

static enum token next_token(struct lexer *lx, char **word, struct redir *r)
{
	while (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r')
		lx->p++;
	switch (*lx->p) {
	case '\0':
	case '#':
		return END;	/* and stay at the end */
	case '|': lx->p++; return PIPE;
	case ';': lx->p++; return SEMI;
	case '&': lx->p++; return AMP;
	}
	if (read_redirection(lx, r))
		return REDIR;
	return read_word(lx, word);
}

/* --- parsing ------------------------------------------------------------ */

/* Parse the next pipeline; returns the token that ended it (SEMI, AMP or
   END), or ERROR after reporting a syntax error.  No commands at all (an
   empty line, or ";;") is a pipeline of none. */
static enum token parse_pipeline(struct lexer *lx, struct pipeline *pl)
{
	struct command *c = &pl->cmds[0];
	char *word;
	struct redir r, ignored;
	enum token t;

	memset(pl, 0, sizeof(*pl));
	pl->ncmds = 1;
	for (;;) {
		switch ((t = next_token(lx, &word, &r))) {
		case WORD:
			if (c->argc == MAX_ARGS)
				return syntax_error("too many arguments");
			c->argv[c->argc++] = word;
			break;
		case REDIR:
			if (next_token(lx, &word, &ignored) != WORD)
				return syntax_error("a redirection needs a file name");
			if (c->nredirs == MAX_REDIRS)
				return syntax_error("too many redirections");
			r.path = word;
			c->redirs[c->nredirs++] = r;
			break;
		case PIPE:
			if (c->argc == 0)
				return syntax_error("no command before '|'");
			if (pl->ncmds == MAX_CMDS)
				return syntax_error("pipeline too long");
			c = &pl->cmds[pl->ncmds++];
			break;
		case AMP:
		case SEMI:
		case END:
			pl->background = t == AMP;
			if (c->argc > 0)
				return t;
			if (pl->ncmds > 1 || c->nredirs > 0 || pl->background)
				return syntax_error("missing command");
			pl->ncmds = 0;
			return t;
		case ERROR:
			return ERROR;
		}
	}
}

/* --- builtins ----------------------------------------------------------- */

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char buf[512];

	(void)argc, (void)argv;
	if (!getcwd(buf, sizeof(buf))) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	exit(argc > 1 ? atoi(argv[1]) : last_status);
}

static const struct builtin {
	const char *name;
	int (*run)(int argc, char **argv);
} builtins[] = {
	{ "cd", builtin_cd },
	{ "pwd", builtin_pwd },
	{ "exit", builtin_exit },
};

static const struct builtin *find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

/* --- running ------------------------------------------------------------ */

/* Open c's redirections onto their fds; returns how many were done (all
   of them, unless one failed).  With saved (a builtin run in the shell
   itself), each fd is first copied there, for restore_fds(). */
static int redirect(const struct command *c, int *saved)
{
	for (int i = 0; i < c->nredirs; i++) {
		const struct redir *r = &c->redirs[i];
		int fd = open(r->path, r->flags, 0644);

		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->path, strerror(errno));
			return i;
		}
		if (saved)
			saved[i] = fcntl(r->fd, F_DUPFD, SAVED_FD_MIN);
		if (fd != r->fd) {
			dup2(fd, r->fd);
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

/* In a child process: become command c. */
static __attribute__((noreturn)) void run_command(const struct command *c)
{
	const struct builtin *b = find_builtin(c->argv[0]);

	if (redirect(c, NULL) < c->nredirs)
		_exit(1);
	if (b)
		_exit(b->run(c->argc, (char **)c->argv));
	execvp(c->argv[0], c->argv);
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(126);
}

/* Fork a process per command, each reading the previous one's output
   through a pipe.  Returns how many started: fewer than all on an error. */
static int start_pipeline(const struct pipeline *pl, pid_t *pids)
{
	int in = -1;		/* the read end of the previous pipe */
	int i;

	for (i = 0; i < pl->ncmds; i++) {
		int fds[2] = { -1, -1 };

		if (i + 1 < pl->ncmds && pipe(fds) < 0) {
			perror("sh: pipe");
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			run_command(&pl->cmds[i]);
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
		if (pids[i] < 0) {
			perror("sh: fork");
			break;
		}
	}
	if (in >= 0)
		close(in);
	return i;
}

/* The status $? gets, reporting a death by a signal. */
static int exit_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);

	int sig = WTERMSIG(status);
	if (sig == SIGSEGV)
		fprintf(stderr, "Segmentation fault\n");
	else if (sig == SIGKILL)
		fprintf(stderr, "Killed\n");
	else
		fprintf(stderr, "terminated by signal %d\n", sig);
	return 128 + sig;
}

static int wait_pipeline(const pid_t *pids, int n)
{
	int status = 0;

	for (int i = 0; i < n; i++)
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
	return exit_status(status);
}

static void add_job(pid_t pid)
{
	printf("[%d]\n", pid);
	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i] == 0) {
			jobs[i] = pid;
			return;
		}
	}
}

/* Collect finished background processes; announce the jobs among them. */
static void reap_jobs(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_JOBS; i++) {
			if (jobs[i] == pid) {
				jobs[i] = 0;
				printf("[%d] done\n", pid);
			}
		}
	}
}

/* cd and exit must run in the shell itself to have an effect; so, for
   simplicity, does any builtin that is a whole foreground pipeline. */
static int run_builtin_here(const struct builtin *b, const struct command *c)
{
	int saved[MAX_REDIRS];
	int done = redirect(c, saved);
	int status = done == c->nredirs ? b->run(c->argc, (char **)c->argv) : 1;

	restore_fds(c, saved, done);
	return status;
}

static int run_pipeline(const struct pipeline *pl)
{
	const struct builtin *b = find_builtin(pl->cmds[0].argv[0]);
	pid_t pids[MAX_CMDS];

	if (pl->ncmds == 1 && !pl->background && b)
		return run_builtin_here(b, &pl->cmds[0]);

	int started = start_pipeline(pl, pids);
	if (pl->background) {
		if (started > 0)
			add_job(pids[started - 1]);
		return started == pl->ncmds ? 0 : 1;
	}
	int status = wait_pipeline(pids, started);
	return started == pl->ncmds ? status : 1;
}

/* Run a line.  With exec_last (sh -c), a last command that is a plain
   program replaces the shell instead of running in a child, as in other
   shells: one process fewer, and it works without the "proc" capability. */
static void run_line(const char *line, bool exec_last)
{
	static struct lexer lx;
	static struct pipeline pl;
	enum token t;

	lx.p = line;
	lx.used = 0;
	lx.overflow = false;
	do {
		if ((t = parse_pipeline(&lx, &pl)) == ERROR) {
			last_status = 2;
			return;
		}
		if (t == END && exec_last && pl.ncmds == 1 && !find_builtin(pl.cmds[0].argv[0]))
			run_command(&pl.cmds[0]);
		if (pl.ncmds > 0)
			last_status = run_pipeline(&pl);
	} while (t != END);
}

/* One line from standard input, read a byte at a time so that the input
   after it stays for the commands that read it.  Returns its length, -1 at
   the end of input, or -2 if it was too long (it is skipped). */
static int read_line(char *line, int size)
{
	int len = 0;
	bool too_long = false;
	ssize_t n;
	char c;

	while ((n = read(0, &c, 1)) == 1 || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
		else
			too_long = true;
	}
	line[len] = '\0';
	if (too_long)
		return -2;
	return n != 1 && len == 0 ? -1 : len;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];

	if (argc == 3 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2], true);
		return last_status;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: sh [-c command]\n");
		return 2;
	}
	for (;;) {
		reap_jobs();
		fputs("$ ", stdout);
		int len = read_line(line, sizeof(line));
		if (len == -1)
			return 0;
		if (len == -2) {
			fprintf(stderr, "sh: line too long\n");
			last_status = 2;
			continue;
		}
		run_line(line, false);
	}
}
