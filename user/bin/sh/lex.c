/* The shell's words: quoting, escapes and $ expansions (see sh.h). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define WORD_ENDS " \t\r|;&<>"

void lexer_start(struct lexer *lx, const char *line)
{
	lx->p = line;
	lx->used = 0;
	lx->error = NULL;
}

static void put(struct lexer *lx, char c)
{
	if (lx->used < sizeof(lx->words))
		lx->words[lx->used++] = c;
	else
		lx->error = "line too long";
}

static void put_string(struct lexer *lx, const char *s)
{
	while (s && *s)
		put(lx, *s++);
}

/* $?, $$ and $! (nothing before the first background job), the parameters
   named by one character c; false for other characters. */
static bool put_special(struct lexer *lx, char c)
{
	char digits[12] = "";

	if (c == '?')
		snprintf(digits, sizeof(digits), "%d", last_status);
	else if (c == '$')
		snprintf(digits, sizeof(digits), "%d", (int)getpid());
	else if (c == '!' && last_background_pid > 0)
		snprintf(digits, sizeof(digits), "%d", (int)last_background_pid);
	else if (c != '!')
		return false;
	put_string(lx, digits);
	return true;
}

/* If *p starts an expansion ($?, $$, $!, $NAME, ${NAME}), append its value and
   step past it; otherwise the '$' is a character like any other. */
static bool expand(struct lexer *lx, const char **p)
{
	if (**p != '$')
		return false;

	const char *s = *p + 1;
	bool braced = *s == '{';
	size_t len = var_name_len(s + braced);

	if (put_special(lx, *s)) {
		*p += 2;
		return true;
	}
	if (braced && (len == 0 || s[1 + len] != '}'))
		lx->error = "bad substitution";
	if (len == 0 || lx->error)
		return false;
	put_string(lx, var_get(s + braced, len));
	*p = s + len + 2 * braced;
	return true;
}

/* The inside of '...', from just past the opening quote; returns just past
   the closing one. */
static const char *single_quoted(struct lexer *lx, const char *p)
{
	const char *close = strchr(p, '\'');

	if (!close) {
		lx->error = "syntax error: unterminated '";
		return p + strlen(p);
	}
	while (p < close)
		put(lx, *p++);
	return close + 1;
}

/* The inside of "...", likewise. */
static const char *double_quoted(struct lexer *lx, const char *p)
{
	while (*p != '"') {
		if (*p == '\0') {
			lx->error = "syntax error: unterminated \"";
			return p;
		}
		if (*p == '\\' && p[1] && strchr("\"\\$", p[1]))
			p++;
		else if (expand(lx, &p))
			continue;
		put(lx, *p++);
	}
	return p + 1;
}

/* One piece of a word: a quoted string, an escaped character, an expansion
   or a plain character; returns what follows it. */
static const char *word_part(struct lexer *lx, const char *p, bool *quoted)
{
	if (*p == '\'' || *p == '"' || *p == '\\')
		*quoted = true;
	if (*p == '\'')
		return single_quoted(lx, p + 1);
	if (*p == '"')
		return double_quoted(lx, p + 1);
	if (*p == '\\' && p[1]) {
		put(lx, p[1]);
		return p + 2;
	}
	if (*p == '\\')
		return p + 1;	/* a \ at the end escapes nothing */
	if (!expand(lx, &p))
		put(lx, *p++);
	return p;
}

/* A leading ~ alone or before a '/' is $HOME. */
static const char *tilde(struct lexer *lx, const char *p, bool *quoted)
{
	if (p[0] != '~' || !(p[1] == '/' || strchr(WORD_ENDS, p[1])))
		return p;
	put_string(lx, var_get("HOME", 4));
	*quoted = true;		/* an empty $HOME is still a word */
	return p + 1;
}

static enum token read_word(struct lexer *lx, char **word)
{
	bool quoted = false;
	const char *p;

	*word = lx->words + lx->used;
	p = tilde(lx, lx->p, &quoted);
	while (*p && !strchr(WORD_ENDS, *p) && !lx->error)
		p = word_part(lx, p, &quoted);
	put(lx, '\0');
	lx->p = p;
	if (lx->error) {
		fprintf(stderr, "sh: %s\n", lx->error);
		return ERROR;
	}
	return **word || quoted ? WORD : EXPANDED_TO_NOTHING;
}

/* "&n" after "<" or ">": the redirected fd becomes a copy of fd n. */
static const char *copied_fd(const char *p, struct redir *r)
{
	r->path = NULL;
	r->copied_fd = -1;
	if (p[0] != '&' || !(p[1] >= '0' && p[1] <= '9'))
		return p;
	r->copied_fd = p[1] - '0';
	return p + 2;
}

/* "<", ">" or ">>", maybe after a digit naming the fd, maybe before "&n";
   r is left alone if there is none. */
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
	lx->p = copied_fd(p, r);
	return true;
}

/* NAME=..., spelt out before any quoting or expansion. */
static bool is_assignment(const char *p)
{
	size_t len = var_name_len(p);

	return len > 0 && p[len] == '=';
}

enum token next_token(struct lexer *lx, char **word, struct redir *r)
{
	lx->p += strspn(lx->p, " \t\r");
	lx->token_start = lx->p;
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

	bool assignment = is_assignment(lx->p);
	enum token t = read_word(lx, word);
	return t == WORD && assignment ? ASSIGNMENT : t;
}
