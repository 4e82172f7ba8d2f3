/*
 * sh: the shell.
 *
 *   sh            read command lines from standard input, prompting "$ "
 *   sh -c line    run one line and exit with its status
 *
 * A line is pipelines separated by ';', or by '&' to run the one before in
 * the background.  A pipeline is commands joined by '|'; its status is its
 * last command's.  A command is NAME=value assignments, words and
 * redirections: < file, > file, >> file, and the same after a digit naming
 * another fd (2> file); <&n and >&n make the fd a copy of fd n (2>&1).
 * Files are created with mode 0666 less the umask.  Assignments alone set
 * shell variables; before a command they are in that command's
 * environment only.
 *
 * In words, '...' is literal; "..." is literal but for $ expansions and
 * the escapes \" \\ \$; outside quotes \c is c, and a leading ~ is $HOME.
 * $NAME and ${NAME} are variables, $? the last status, $$ the shell's
 * process id, $! the last background job's.  An unquoted expansion is not
 * split into several words, but one that is empty is no word at all.  A
 * word starting with '#' starts a comment.  Commands that are not builtins
 * (`help` lists them) are looked for in $PATH (/bin if unset).
 *
 * When standard input is a terminal the shell is interactive: lines are
 * edited (lineedit.h: history, Tab completion), and each pipeline is a job
 * in its own process group, which gets the terminal while it runs in the
 * foreground; Ctrl-C and Ctrl-Z reach the job, not the shell, and `jobs`,
 * `fg` and `bg` manage the jobs, as in bash.
 *
 * The files: main.c (the loop), input.c (reading lines), complete.c (Tab),
 * lex.c (words), parse.c (pipelines), vars.c (variables), run.c (running
 * pipelines), jobs.c (the job table), terminal.c (the terminal), builtins.c.
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PROMPT "$ "
#define INPUT_LINE_MAX 1024	/* the longest line read without the editor */
#define MAX_ARGS 64
#define MAX_ASSIGNS 8
#define MAX_REDIRS 8
#define MAX_CMDS 16

struct redir {
	int fd;			/* the fd redirected */
	int flags;		/* how the file is opened */
	const char *path;	/* the file, or NULL to copy copied_fd (2>&1) */
	int copied_fd;
};

struct command {
	char *assigns[MAX_ASSIGNS];	/* "NAME=value", before the command's words */
	int nassigns;
	char *argv[MAX_ARGS + 1];
	int argc;
	struct redir redirs[MAX_REDIRS];
	int nredirs;
};

struct pipeline {
	struct command cmds[MAX_CMDS];
	int ncmds;
	bool background;
	const char *text;	/* where it is in the line, for job reports */
	int text_len;
};

enum token { WORD, ASSIGNMENT, EXPANDED_TO_NOTHING, REDIR, PIPE, SEMI, AMP, END, ERROR };

/* Reads tokens from a line; words are copied out, unquoted and expanded. */
struct lexer {
	const char *p;			/* the next character of the line */
	const char *token_start;	/* where the last token began */
	char words[8 * INPUT_LINE_MAX];	/* the words read, each NUL-terminated */
	size_t used;
	const char *error;		/* what is wrong with the last word */
};

extern int last_status;		/* $? */
extern bool interactive;	/* terminal.c: reading from a terminal, with job control */
extern pid_t last_background_pid;	/* jobs.c: $! */

/* main.c */
/* Run a line; with exec_last (sh -c), a last command that is a plain
   program replaces the shell. */
void run_line(const char *line, bool exec_last);

/* input.c */
void input_init(void);
/* One line into line; returns its length, -1 at the end of input, or -2
   if it was too long (it is skipped). */
int read_line(char *line, int size);

/* complete.c: the line editor's Tab completion */
struct line_editor;
void complete(struct line_editor *e, const char *before, size_t word_start);

/* lex.c */
void lexer_start(struct lexer *lx, const char *line);
enum token next_token(struct lexer *lx, char **word, struct redir *r);

/* parse.c */
/* Parse the next pipeline; returns the token that ended it (SEMI, AMP or
   END), or ERROR after reporting a syntax error.  No commands at all (an
   empty line, or ";;") is a pipeline of none. */
enum token parse_pipeline(struct lexer *lx, struct pipeline *pl);

/* vars.c: shell variables; the exported ones are environ */
void vars_import(void);
/* The length of the variable name s starts with, 0 if none. */
size_t var_name_len(const char *s);
/* The value of the variable named by s's first len characters, or NULL. */
const char *var_get(const char *s, size_t len);
/* Set a variable from "NAME=value"; with export, exported too. */
bool var_assign(const char *assignment, bool export);

/* run.c */
/* Run a pipeline; returns how it ended, as a wait status. */
int run_pipeline(const struct pipeline *pl);
/* Whether a pipeline can replace the shell (sh -c's last command). */
bool replaces_shell(const struct pipeline *pl);
/* In a child process: become command c. */
__attribute__((noreturn)) void run_command(const struct command *c);
/* $? for a wait status: the exit code, or 128 + the signal. */
int status_value(int status);

/* jobs.c */
struct job;
/* A new job for a pipeline, or NULL (reported) if the table is full. */
struct job *job_new(const struct pipeline *pl);
/* In a new child of j (interactive only): join its process group, take
   the terminal if in the foreground, and the default signal actions. */
void job_enter(const struct job *j, bool foreground);
void job_add_process(struct job *j, pid_t pid);
/* Run j in the foreground until it ends or stops; returns its status. */
int job_run_foreground(struct job *j);
void job_run_background(struct job *j);
void job_forget(struct job *j);
/* Collect what changed in the background, report it (interactive) and
   forget the jobs that are done. */
void jobs_notify(void);
bool jobs_stopped(void);

/* terminal.c */
void terminal_init(void);
/* Raw mode while a line is edited, the modes the shell found otherwise. */
void terminal_raw(void);
void terminal_restore(void);
/* Give the terminal to a process group, or take it back for the shell. */
void terminal_give(pid_t pgid);
void terminal_take(void);
/* What the signals of job control do: ignored in the shell, default in jobs. */
void job_control_signals(void (*action)(int));

/* builtins.c, and where each is defined: X(name, usage, help) */
#define BUILTINS(X) \
	X(cd, "[dir]", "change the current directory ($HOME without dir)") \
	X(pwd, "", "print the current directory") \
	X(umask, "[mode]", "set the file-creation mask (octal); alone, print it") \
	X(export, "[name[=value]...]", "pass variables to commands; alone, list them") \
	X(unset, "name...", "remove variables") \
	X(jobs, "", "list the jobs: running, stopped or done") \
	X(fg, "[%n]", "continue a job (the current one, +) in the foreground") \
	X(bg, "[%n]", "continue a stopped job in the background") \
	X(history, "", "list the lines entered (up and down recall them)") \
	X(help, "", "list the builtins") \
	X(exit, "[n]", "leave the shell with status n (default: $?)")

#define DECLARE_BUILTIN(name, usage, help) int builtin_##name(int argc, char **argv);
BUILTINS(DECLARE_BUILTIN)
#undef DECLARE_BUILTIN

typedef int builtin_fn(int argc, char **argv);
/* The builtin called name, or NULL. */
builtin_fn *find_builtin(const char *name);
/* The i-th builtin's name, NULL past the last. */
const char *builtin_name(size_t i);

#endif
