/*
 * systrace: run a program under ptrace(2) on this Linux host and print
 * every system call it makes, one JSON object a line, for lab 4's
 * visualiser (web/web.mk turns the lines into lab4-traces.js).
 *
 *   systrace [-o file] command [arg...]
 *
 * Aurora's system-call ABI is Linux's, so Aurora's static user programs run
 * here unmodified; their Aurora-only calls (numbers from 1000) fail with
 * ENOSYS and are recorded as they are.  Each line is
 *
 *   {"pid":P,"nr":N,"args":["a0",...,"a5"],"ret":"R","str":{"0":"..."}}
 *
 * with the six arguments as unsigned decimal strings (64-bit values do not
 * fit a JavaScript number), ret a signed decimal string, or null for a call
 * that never returns (exit, exit_group, or a process killed inside one),
 * and str the string arguments by position: those whose letter in
 * kernel/uapi/aurora/syscall_list.h is 's', read from the tracee at the call's
 * entry (an execve's path is gone by its exit).  Forks, vforks and clones
 * are followed and every record says which pid made it.
 *
 * The command runs with address-space randomisation off, so that pointers
 * are the same from one run to the next.  A host tool: built with the
 * host's gcc and the C library, not with the kernel's headers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define STRING_MAX 256		/* bytes of a string argument kept */
#define MAX_TRACEES 64
#define NARGS 6

/* The argument letters of every call Aurora has, by number. */
static const char *const letters[] = {
#define SYSCALL(nr, name, args) [nr] = args,
#include "aurora/syscall_list.h"
#undef SYSCALL
};
#define NLETTERS (sizeof(letters) / sizeof(letters[0]))

/* A call entered and not yet finished, in one traced process. */
struct tracee {
	pid_t pid;
	bool used;
	bool in_call;
	uint64_t nr, args[NARGS];
	char str[NARGS][STRING_MAX];
	bool has_str[NARGS];
};

static struct tracee tracees[MAX_TRACEES];
static FILE *out;

static void die(const char *what)
{
	fprintf(stderr, "systrace: %s: %s\n", what, strerror(errno));
	exit(2);
}

static struct tracee *find(pid_t pid)
{
	for (int i = 0; i < MAX_TRACEES; i++)
		if (tracees[i].used && tracees[i].pid == pid)
			return &tracees[i];
	return NULL;
}

static struct tracee *add(pid_t pid)
{
	for (int i = 0; i < MAX_TRACEES; i++)
		if (!tracees[i].used) {
			memset(&tracees[i], 0, sizeof(tracees[i]));
			tracees[i].used = true;
			tracees[i].pid = pid;
			return &tracees[i];
		}
	fprintf(stderr, "systrace: more than %d processes\n", MAX_TRACEES);
	exit(2);
}

/* Read the NUL-terminated string at addr in pid, a word at a time, cut to
   STRING_MAX - 1 bytes.  False if the memory is unreadable. */
static bool read_string(pid_t pid, uint64_t addr, char *dst)
{
	size_t n = 0;

	while (n < STRING_MAX - 1) {
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, pid, (void *)(addr + n), NULL);
		if (errno)
			return false;
		for (size_t b = 0; b < sizeof(word) && n < STRING_MAX - 1; b++, n++) {
			dst[n] = (char)(word >> (8 * b));
			if (!dst[n])
				return true;
		}
	}
	dst[n] = '\0';
	return true;
}

/* JSON text of s: bytes outside printable ASCII become \u00XX, so that
   the page gets one character per byte whatever the encoding. */
static void put_json_string(const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* One line for the call t is in; ret NULL for one that never returned. */
static void print_call(struct tracee *t, const int64_t *ret)
{
	fprintf(out, "{\"pid\":%d,\"nr\":%llu,\"args\":[", (int)t->pid, (unsigned long long)t->nr);
	for (int i = 0; i < NARGS; i++)
		fprintf(out, "%s\"%llu\"", i ? "," : "", (unsigned long long)t->args[i]);
	if (ret)
		fprintf(out, "],\"ret\":\"%lld\",\"str\":{", (long long)*ret);
	else
		fprintf(out, "],\"ret\":null,\"str\":{");
	bool first = true;
	for (int i = 0; i < NARGS; i++) {
		if (!t->has_str[i])
			continue;
		fprintf(out, "%s\"%d\":", first ? "" : ",", i);
		put_json_string(t->str[i]);
		first = false;
	}
	fprintf(out, "}}\n");
	t->in_call = false;
}

/* A call begins: keep its number, arguments and string arguments. */
static void enter(struct tracee *t, const struct __ptrace_syscall_info *info)
{
	const char *kinds = info->entry.nr < NLETTERS ? letters[info->entry.nr] : NULL;

	t->in_call = true;
	t->nr = info->entry.nr;
	for (int i = 0; i < NARGS; i++) {
		t->args[i] = info->entry.args[i];
		t->has_str[i] = kinds && i < (int)strlen(kinds) && kinds[i] == 's' &&
				read_string(t->pid, t->args[i], t->str[i]);
	}
	/* exit and exit_group do not come back to be printed. */
	if (t->nr == 60 || t->nr == 231)
		print_call(t, NULL);
}

/* A syscall-stop: entry or exit, as PTRACE_GET_SYSCALL_INFO says. */
static void syscall_stop(struct tracee *t)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof(info), &info) < 0)
		die("PTRACE_GET_SYSCALL_INFO");
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
		enter(t, &info);
	else if (info.op == PTRACE_SYSCALL_INFO_EXIT && t->in_call)
		print_call(t, &info.exit.rval);
}

/* The child: stop so the parent can set options, then run the command. */
static void start_child(char **argv)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		die("PTRACE_TRACEME");
	personality(ADDR_NO_RANDOMIZE);
	raise(SIGSTOP);
	execvp(argv[0], argv);
	fprintf(stderr, "systrace: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static const long OPTIONS = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			    PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;

/* Handle one wait status of pid: record a call, forget a process that is
   gone, or resume one that stopped. */
static void handle_stop(pid_t pid, int status)
{
	struct tracee *t = find(pid);
	int sig = 0;

	if (!t) {
		/* A new child, whose first stop (its SIGSTOP) may come before
		   its parent's fork event: options are inherited. */
		t = add(pid);
		if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP) {
			ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
			return;
		}
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (t->in_call)
			print_call(t, NULL);
		t->used = false;
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (WSTOPSIG(status) == (SIGTRAP | 0x80))
		syscall_stop(t);
	else if (status >> 16)
		;		/* a fork, vfork, clone or exec event: resume */
	else if (WSTOPSIG(status) != SIGTRAP)
		sig = WSTOPSIG(status);	/* a signal for the program: deliver it */
	ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
}

int main(int argc, char **argv)
{
	int first = 1;

	out = stdout;
	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		/* close-on-exec: the program must not inherit it as fd 3 */
		if (!(out = fopen(argv[2], "we")))
			die(argv[2]);
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: systrace [-o file] command [arg...]\n");
		return 2;
	}
	pid_t child = fork();
	if (child < 0)
		die("fork");
	if (child == 0)
		start_child(argv + first);

	int status;
	if (waitpid(child, &status, 0) < 0 || !WIFSTOPPED(status))
		die("waiting for the child to stop");
	if (ptrace(PTRACE_SETOPTIONS, child, NULL, (void *)OPTIONS) < 0)
		die("PTRACE_SETOPTIONS");
	add(child);
	ptrace(PTRACE_SYSCALL, child, NULL, NULL);

	int code = 0;
	pid_t pid;
	while ((pid = waitpid(-1, &status, __WALL)) > 0) {
		if (pid == child && WIFEXITED(status))
			code = WEXITSTATUS(status);
		else if (pid == child && WIFSIGNALED(status))
			code = 128 + WTERMSIG(status);
		handle_stop(pid, status);
	}
	if (errno != ECHILD)
		die("waitpid");
	fclose(out);
	return code;
}
