/*
 * Tab completion for the line editor: the first word of a command is a
 * builtin or a program in $PATH, any other word (or one with a '/') a
 * path.  The candidates are sorted and offered once each.
 */
#include <dirent.h>
#include <lineedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

#define MAX_CANDIDATES 256

struct candidates {
	char *names[MAX_CANDIDATES];
	int n;
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void add(struct candidates *c, const char *name)
{
	if (c->n < MAX_CANDIDATES && (c->names[c->n] = strdup(name)))
		c->n++;
}

/* Names starting with '.' only when the prefix does; never . and .. */
static bool wanted(const char *name, const char *prefix)
{
	return starts_with(name, prefix) && (name[0] != '.' || prefix[0] == '.') &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* name, in the directory d shown as lead: lead + name, and a '/' after a
   directory's; programs are not directories. */
static void add_entry(struct candidates *c, DIR *d, const char *lead, const char *name,
		      bool programs)
{
	char path[LINE_MAX];
	struct stat st;
	bool is_dir = fstatat(dirfd(d), name, &st, 0) == 0 && S_ISDIR(st.st_mode);

	if (programs && is_dir)
		return;
	snprintf(path, sizeof(path), "%s%s%s", lead, name, is_dir ? "/" : "");
	add(c, path);
}

static void add_entries(struct candidates *c, const char *dir, const char *lead,
			const char *prefix, bool programs)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (wanted(e->d_name, prefix))
			add_entry(c, d, lead, e->d_name, programs);
	closedir(d);
}

static void add_builtins(struct candidates *c, const char *word)
{
	const char *name;

	for (size_t i = 0; (name = builtin_name(i)); i++)
		if (starts_with(name, word))
			add(c, name);
}

/* The programs in $PATH's directories; an empty one is ".". */
static void add_programs(struct candidates *c, const char *word)
{
	const char *p = var_get("PATH", 4);
	char dir[LINE_MAX];

	if (!p)
		p = "/bin";
	for (;;) {
		size_t len = strcspn(p, ":");

		snprintf(dir, sizeof(dir), "%.*s", (int)len, p);
		add_entries(c, len ? dir : ".", "", word, true);
		if (p[len] == '\0')
			return;
		p += len + 1;
	}
}

/* The entries of the word's directory (all before its last '/'). */
static void add_paths(struct candidates *c, const char *word)
{
	const char *slash = strrchr(word, '/');
	int lead = slash ? slash - word + 1 : 0;
	char dir[LINE_MAX];

	snprintf(dir, sizeof(dir), "%.*s", lead, word);
	add_entries(c, lead ? dir : ".", dir, word + lead, false);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void offer_and_free(struct line_editor *e, struct candidates *c)
{
	qsort(c->names, c->n, sizeof(c->names[0]), by_name);
	for (int i = 0; i < c->n; i++)
		if (i == 0 || strcmp(c->names[i], c->names[i - 1]) != 0)
			line_editor_offer(e, c->names[i]);
	for (int i = 0; i < c->n; i++)
		free(c->names[i]);
	c->n = 0;
}

/* After a line's start or | ; & (and spaces) comes a command's name. */
static bool names_a_command(const char *before, size_t word_start)
{
	size_t i = word_start;

	while (i > 0 && (before[i - 1] == ' ' || before[i - 1] == '\t'))
		i--;
	return i == 0 || strchr("|;&", before[i - 1]);
}

void complete(struct line_editor *e, const char *before, size_t word_start)
{
	static struct candidates c;
	const char *word = before + word_start;

	if (!strchr(word, '/') && names_a_command(before, word_start)) {
		add_builtins(&c, word);
		add_programs(&c, word);
	} else {
		add_paths(&c, word);
	}
	offer_and_free(e, &c);
}
