/*
 * Shell variables.  Each is its text, "NAME=value", and whether it is
 * exported; an exported variable that was never given a value is "NAME".
 * environ is always the exported variables' texts, so that getenv() and
 * the programs the shell runs see them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define MAX_VARS 128

static struct var {
	char *text;
	bool exported;
} vars[MAX_VARS];
static int nvars;
static char *exported[MAX_VARS + 1];

size_t var_name_len(const char *s)
{
	size_t len = 0;

	if (!isalpha(*s) && *s != '_')
		return 0;
	while (isalnum(s[len]) || s[len] == '_')
		len++;
	return len;
}

static struct var *find(const char *name, size_t len)
{
	for (int i = 0; i < nvars; i++)
		if (strncmp(vars[i].text, name, len) == 0 &&
		    (vars[i].text[len] == '=' || vars[i].text[len] == '\0'))
			return &vars[i];
	return NULL;
}

const char *var_get(const char *s, size_t len)
{
	struct var *v = find(s, len);

	return v && v->text[len] == '=' ? v->text + len + 1 : NULL;
}

static void update_environ(void)
{
	int n = 0;

	for (int i = 0; i < nvars; i++)
		if (vars[i].exported && strchr(vars[i].text, '='))
			exported[n++] = vars[i].text;
	exported[n] = NULL;
	environ = exported;
}

/* Set the variable text names (its name ends at len) to text, a copy. */
static bool set(const char *text, size_t len, bool export)
{
	struct var *v = find(text, len);
	char *copy = strdup(text);

	if (!copy || (!v && nvars == MAX_VARS)) {
		fprintf(stderr, "sh: no room for the variable %.*s\n", (int)len, text);
		free(copy);
		return false;
	}
	if (v)
		free(v->text);
	else
		v = &vars[nvars++];
	v->text = copy;
	v->exported |= export;
	update_environ();
	return true;
}

bool var_assign(const char *assignment, bool export)
{
	return set(assignment, var_name_len(assignment), export);
}

void vars_import(void)
{
	for (char **e = environ; e && *e; e++)
		if (var_name_len(*e) > 0 && (*e)[var_name_len(*e)] == '=')
			var_assign(*e, true);
}

/* The length of the name arg is (or starts, before a value if one is
   allowed); 0 after complaining if it is not. */
static size_t checked_name_len(const char *builtin, const char *arg, bool value_allowed)
{
	size_t len = var_name_len(arg);

	if (len == 0 || !(arg[len] == '\0' || (value_allowed && arg[len] == '='))) {
		fprintf(stderr, "sh: %s: '%s': not a valid name\n", builtin, arg);
		return 0;
	}
	return len;
}

static int export_one(const char *arg)
{
	size_t len = checked_name_len("export", arg, true);
	struct var *v = len ? find(arg, len) : NULL;

	if (len == 0)
		return 1;
	if (arg[len] == '\0' && v) {
		v->exported = true;
		update_environ();
		return 0;
	}
	return set(arg, len, true) ? 0 : 1;
}

static void print_exported(void)
{
	for (int i = 0; i < nvars; i++)
		if (vars[i].exported)
			printf("export %s\n", vars[i].text);
}

int builtin_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		print_exported();
	for (int i = 1; i < argc; i++)
		status |= export_one(argv[i]);
	return status;
}

static void unset(const char *name, size_t len)
{
	struct var *v = find(name, len);

	if (!v)
		return;
	free(v->text);
	*v = vars[--nvars];
	vars[nvars] = (struct var){ 0 };	/* a free slot is not exported */
	update_environ();
}

int builtin_unset(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		size_t len = checked_name_len("unset", argv[i], false);

		if (len)
			unset(argv[i], len);
		else
			status = 1;
	}
	return status;
}
