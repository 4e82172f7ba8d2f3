/* The shell's pipelines: commands, their words and redirections (see sh.h). */
#include <stdio.h>
#include <string.h>
#include "sh.h"

static bool syntax_error(const char *why)
{
	fprintf(stderr, "sh: syntax error: %s\n", why);
	return false;
}

static bool is_empty(const struct command *c)
{
	return c->argc == 0 && c->nassigns == 0;
}

static bool add_argument(struct command *c, char *word)
{
	if (c->argc == MAX_ARGS)
		return syntax_error("too many arguments");
	c->argv[c->argc++] = word;
	return true;
}

static bool add_assignment(struct command *c, char *word)
{
	if (c->nassigns == MAX_ASSIGNS)
		return syntax_error("too many assignments");
	c->assigns[c->nassigns++] = word;
	return true;
}

/* r, whose file name is the next word unless it copies an fd. */
static bool add_redirection(struct lexer *lx, struct command *c, struct redir *r)
{
	struct redir ignored;
	char *path;

	if (r->copied_fd < 0 && next_token(lx, &path, &ignored) != WORD)
		return syntax_error("a redirection needs a file name");
	if (c->nredirs == MAX_REDIRS)
		return syntax_error("too many redirections");
	if (r->copied_fd < 0)
		r->path = path;
	c->redirs[c->nredirs++] = *r;
	return true;
}

static bool add_command(struct pipeline *pl)
{
	if (is_empty(&pl->cmds[pl->ncmds - 1]))
		return syntax_error("no command before '|'");
	if (pl->ncmds == MAX_CMDS)
		return syntax_error("pipeline too long");
	pl->ncmds++;
	return true;
}

/* Add what token t brought to the pipeline's last command. */
static bool add_token(struct lexer *lx, struct pipeline *pl, enum token t, char *word,
		      struct redir *r)
{
	struct command *c = &pl->cmds[pl->ncmds - 1];

	switch (t) {
	case ASSIGNMENT:	/* after the command's name, an argument */
		if (c->argc == 0)
			return add_assignment(c, word);
		/* fall through */
	case WORD:
		return add_argument(c, word);
	case REDIR:
		return add_redirection(lx, c, r);
	case PIPE:
		return add_command(pl);
	default:
		return true;	/* EXPANDED_TO_NOTHING */
	}
}

/* The pipeline ended with t (SEMI, AMP or END), at lx->token_start. */
static enum token finish(struct lexer *lx, struct pipeline *pl, enum token t)
{
	const struct command *c = &pl->cmds[pl->ncmds - 1];

	pl->background = t == AMP;
	pl->text_len = lx->token_start - pl->text;
	while (pl->text_len > 0 && strchr(" \t\r", pl->text[pl->text_len - 1]))
		pl->text_len--;
	if (!is_empty(c))
		return t;
	if (pl->ncmds > 1 || c->nredirs > 0 || pl->background) {
		syntax_error("missing command");
		return ERROR;
	}
	pl->ncmds = 0;
	return t;
}

static bool ends_pipeline(enum token t)
{
	return t == SEMI || t == AMP || t == END || t == ERROR;
}

enum token parse_pipeline(struct lexer *lx, struct pipeline *pl)
{
	char *word;
	struct redir r;
	enum token t;

	memset(pl, 0, sizeof(*pl));
	pl->ncmds = 1;
	pl->text = lx->p + strspn(lx->p, " \t\r");
	while (!ends_pipeline(t = next_token(lx, &word, &r)))
		if (!add_token(lx, pl, t, word, &r))
			return ERROR;
	return t == ERROR ? ERROR : finish(lx, pl, t);
}
