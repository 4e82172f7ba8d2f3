/* The builtins' table, and those that belong to no other part of the shell. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

static const struct builtin {
	const char *name, *usage, *help;
	builtin_fn *run;
} builtins[] = {
#define BUILTIN_ENTRY(name, usage, help) { #name, usage, help, builtin_##name },
	BUILTINS(BUILTIN_ENTRY)
#undef BUILTIN_ENTRY
};
#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

builtin_fn *find_builtin(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].run;
	return NULL;
}

const char *builtin_name(size_t i)
{
	return i < NBUILTINS ? builtins[i].name : NULL;
}

int builtin_help(int argc, char **argv)
{
	char synopsis[40];

	(void)argc, (void)argv;
	for (size_t i = 0; i < NBUILTINS; i++) {
		snprintf(synopsis, sizeof(synopsis), "%s %s", builtins[i].name, builtins[i].usage);
		printf("  %-24s %s\n", synopsis, builtins[i].help);
	}
	printf("Other commands are programs in $PATH.  Editing: arrows, Home/End, Ctrl-A/E,\n"
	       "Ctrl-U (erase), Ctrl-C (cancel), up/down (history), Tab (complete).\n");
	return 0;
}

int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME", 4);

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

int builtin_pwd(int argc, char **argv)
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

int builtin_umask(int argc, char **argv)
{
	char *end;
	unsigned long mask;

	if (argc == 1) {
		mask = umask(0);
		umask(mask);
		printf("%04lo\n", mask);
		return 0;
	}
	mask = strtoul(argv[1], &end, 8);
	if (*argv[1] == '\0' || *end != '\0' || mask > 0777) {
		fprintf(stderr, "sh: umask: %s: not an octal mode\n", argv[1]);
		return 1;
	}
	umask(mask);
	return 0;
}

/* As bash: the first exit with stopped jobs only warns, since they would
   be left stopped (and the kernel hang them up). */
static bool stopped_jobs_hold_exit(void)
{
	static bool warned;

	if (!interactive || !jobs_stopped() || warned)
		return false;
	fprintf(stderr, "There are stopped jobs.\n");
	warned = true;
	return true;
}

int builtin_exit(int argc, char **argv)
{
	char *end = "";
	long status = argc > 1 ? strtol(argv[1], &end, 10) : last_status;

	if (stopped_jobs_hold_exit())
		return 1;
	if (argc > 1 && (*argv[1] == '\0' || *end != '\0')) {
		fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
		status = 2;
	}
	if (interactive)
		fprintf(stderr, "exit\n");
	exit(status);
}
