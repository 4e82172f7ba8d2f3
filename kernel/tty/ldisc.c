/* The line discipline; see ldisc.h. */
#include "aurora/signal.h"
#include "format.h"
#include "ldisc.h"
#include "string.h"

#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f

static const struct termios linux_defaults = {
	.c_iflag = ICRNL,
	.c_oflag = 0,	/* the console writes bytes as they are: no OPOST */
	.c_cflag = CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | IEXTEN,
	.c_cc = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = DEL,
		[VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VMIN] = 1,
		[VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'),
		[VWERASE] = CTRL('W'),
	},
};

void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *ctx)
{
	memset(l, 0, sizeof(*l));
	l->termios = linux_defaults;
	l->ops = ops;
	l->ctx = ctx;
}

static bool lflag(const struct ldisc *l, unsigned flag)
{
	return l->termios.c_lflag & flag;
}

static void echo(struct ldisc *l, const char *s, size_t n)
{
	if (lflag(l, ECHO))
		l->ops->echo(l->ctx, s, n);
}

/* A typed byte as the terminal shows it: control characters as ^X. */
static void echo_char(struct ldisc *l, char c)
{
	char caret[2] = { '^', (char)(c == DEL ? '?' : c + '@') };

	if (lflag(l, ECHOCTL) && ((unsigned char)c < ' ' || c == DEL) && c != '\n' && c != '\t')
		echo(l, caret, 2);
	else
		echo(l, &c, 1);
}

static bool queue_full(const struct ldisc *l, size_t n)
{
	return l->head - l->tail + n > LDISC_QUEUE || l->ends_head - l->ends_tail == LDISC_LINES;
}

static void queue_put(struct ldisc *l, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		l->queue[l->head++ % LDISC_QUEUE] = s[i];
}

/* The edited line is ready to read, up to here; if there is no room for
   it, it is lost, as a full terminal drops keys. */
static void end_line(struct ldisc *l)
{
	if (!queue_full(l, l->line_len)) {
		queue_put(l, l->line, l->line_len);
		l->ends[l->ends_head++ % LDISC_LINES] = l->head;
	}
	l->line_len = 0;
}

/* Take back the last character of the line, on the screen too. */
static void erase_char(struct ldisc *l)
{
	char c = l->line[--l->line_len];
	bool wide = lflag(l, ECHOCTL) && ((unsigned char)c < ' ' || c == DEL);

	if (lflag(l, ECHOE))
		echo(l, wide ? "\b\b  \b\b" : "\b \b", wide ? 6 : 3);
}

static void erase_word(struct ldisc *l)
{
	while (l->line_len && l->line[l->line_len - 1] == ' ')
		erase_char(l);
	while (l->line_len && l->line[l->line_len - 1] != ' ')
		erase_char(l);
}

static void erase_line(struct ldisc *l)
{
	while (l->line_len)
		erase_char(l);
}

/* A key of the canonical line editor; false if c is an ordinary one. */
static bool edit_key(struct ldisc *l, char c)
{
	const uint8_t *cc = l->termios.c_cc;

	if (c == '\n') {
		l->line[l->line_len++] = c;	/* room is always kept for it */
		echo(l, "\n", 1);
		end_line(l);
	} else if ((uint8_t)c == cc[VEOF]) {
		end_line(l);
	} else if ((uint8_t)c == cc[VERASE] || c == '\b') {
		if (l->line_len)
			erase_char(l);
	} else if ((uint8_t)c == cc[VWERASE] && lflag(l, IEXTEN)) {
		erase_word(l);
	} else if ((uint8_t)c == cc[VKILL]) {
		erase_line(l);
	} else {
		return false;
	}
	return true;
}

static void canonical_input(struct ldisc *l, char c)
{
	if (edit_key(l, c) || l->line_len >= LDISC_LINE_MAX - 1)
		return;
	l->line[l->line_len++] = c;
	echo_char(l, c);
}

static void raw_input(struct ldisc *l, char c)
{
	if (queue_full(l, 1))
		return;
	queue_put(l, &c, 1);
	echo_char(l, c);
}

/* The signal key c stands for, or 0. */
static int signal_key(const struct ldisc *l, char c)
{
	const uint8_t *cc = l->termios.c_cc;

	if (!lflag(l, ISIG) || !c)
		return 0;
	if ((uint8_t)c == cc[VINTR])
		return SIGINT;
	if ((uint8_t)c == cc[VQUIT])
		return SIGQUIT;
	return (uint8_t)c == cc[VSUSP] ? SIGTSTP : 0;
}

/* The BSDs' VSTATUS key; Linux's termios has no slot for it, so it is fixed. */
static bool status_key(const struct ldisc *l, char c)
{
	return lflag(l, ICANON) && lflag(l, IEXTEN) && c == CTRL('T');
}

void ldisc_input(struct ldisc *l, char c)
{
	int sig = signal_key(l, c);

	if (c == '\r' && (l->termios.c_iflag & IGNCR))
		return;
	if (c == '\r' && (l->termios.c_iflag & ICRNL))
		c = '\n';
	if (sig) {
		if (!lflag(l, NOFLSH))
			ldisc_flush_input(l);
		echo_char(l, c);
		l->ops->signal(l->ctx, sig);
	} else if (status_key(l, c)) {
		echo_char(l, c);
		l->ops->status(l->ctx);
	} else if (lflag(l, ICANON)) {
		canonical_input(l, c);
	} else {
		raw_input(l, c);
	}
}

bool ldisc_readable(const struct ldisc *l)
{
	if (lflag(l, ICANON))
		return l->ends_head != l->ends_tail;
	return l->head != l->tail || l->termios.c_cc[VMIN] == 0;
}

size_t ldisc_read(struct ldisc *l, char *buf, size_t len)
{
	unsigned limit = l->head;
	size_t n = 0;

	if (lflag(l, ICANON) && l->ends_head != l->ends_tail)
		limit = l->ends[l->ends_tail % LDISC_LINES];
	while (n < len && l->tail != limit)
		buf[n++] = l->queue[l->tail++ % LDISC_QUEUE];
	/* A line read to its end (or an empty one: end of file) is done. */
	if (lflag(l, ICANON) && l->tail == limit && l->ends_head != l->ends_tail)
		l->ends_tail++;
	return n;
}

void ldisc_set_termios(struct ldisc *l, const struct termios *t)
{
	bool was_canonical = lflag(l, ICANON);

	l->termios = *t;
	if (was_canonical && !lflag(l, ICANON)) {
		queue_put(l, l->line, queue_full(l, l->line_len) ? 0 : l->line_len);
		l->line_len = 0;
		l->ends_tail = l->ends_head;	/* raw reads do not stop at lines */
	}
}

void ldisc_flush_input(struct ldisc *l)
{
	l->line_len = 0;
	l->tail = l->head;
	l->ends_tail = l->ends_head;
}

/* Each ready line ends inside the queue, after the one before it. */
static bool line_ends_ok(const struct ldisc *l, char *why, size_t why_len)
{
	unsigned prev = l->tail;

	for (unsigned i = l->ends_tail; i != l->ends_head; i++) {
		unsigned end = l->ends[i % LDISC_LINES];

		if (end - l->tail < prev - l->tail || end - l->tail > l->head - l->tail)
			return check_failed(why, why_len, "line end %u outside %u..%u",
					    end, prev, l->head);
		prev = end;
	}
	return true;
}

bool ldisc_check(const struct ldisc *l, char *why, size_t why_len)
{
	if (l->head - l->tail > LDISC_QUEUE)
		return check_failed(why, why_len, "%u bytes queued, room for %u",
				    l->head - l->tail, LDISC_QUEUE);
	if (l->ends_head - l->ends_tail > LDISC_LINES)
		return check_failed(why, why_len, "%u lines queued, room for %u",
				    l->ends_head - l->ends_tail, LDISC_LINES);
	if (l->line_len >= LDISC_LINE_MAX)
		return check_failed(why, why_len, "line of %zu bytes", l->line_len);
	return line_ends_ok(l, why, why_len);
}
