/*
 * The system-call table (shared code).  See syscall_table.h.
 *
 * syscall_list.h is expanded three times: into an enum giving each call its
 * index, into the table of calls in list order (which is number order), and
 * into the slots that map a number to its index.
 */
#include <stdbool.h>
#include "aurora/syscall_table.h"
#include "errno.h"
#include "format.h"
#include "string.h"

enum {
#define SYSCALL(nr, name, args) INDEX_##name,
#include "aurora/syscall_list.h"
#undef SYSCALL
	NSYSCALLS
};

static const struct syscall_info table[NSYSCALLS] = {
#define SYSCALL(nr, name, args) [INDEX_##name] = { nr, #name, args },
#include "aurora/syscall_list.h"
#undef SYSCALL
};

#define NSLOTS (SYSCALL_LINUX_LIMIT + SYSCALL_AURORA_LIMIT - SYSCALL_AURORA_BASE)
/* Aurora's numbers follow Linux's in the slots.  A number in neither range
   gets a slot at or past NSLOTS, which the compiler rejects in the
   initializer below and syscall_index rejects at run time. */
#define SLOT(nr) ((nr) < SYSCALL_LINUX_LIMIT ? (nr) :			\
		  (nr) < SYSCALL_AURORA_BASE ? NSLOTS :				\
		  (nr) - SYSCALL_AURORA_BASE + SYSCALL_LINUX_LIMIT)

/* The index of each call plus one, so that 0 means no call. */
static const uint8_t slots[NSLOTS] = {
#define SYSCALL(nr, name, args) [SLOT(nr)] = INDEX_##name + 1,
#include "aurora/syscall_list.h"
#undef SYSCALL
};
_Static_assert(NSYSCALLS < 256, "slots[] holds indices in a uint8_t");

int syscall_index(unsigned nr)
{
	unsigned slot = SLOT(nr);

	return slot < NSLOTS ? slots[slot] - 1 : -1;
}

const struct syscall_info *syscall_info(unsigned nr)
{
	int i = syscall_index(nr);

	return i < 0 ? NULL : &table[i];
}

unsigned syscall_count(void)
{
	return NSYSCALLS;
}

const struct syscall_info *syscall_at(unsigned i)
{
	return i < NSYSCALLS ? &table[i] : NULL;
}

/* --- strace-style text ---------------------------------------------------- */

#define STRING_MAX 32	/* characters of a string argument shown */

/* Text built up like snprintf: pos counts every character, stored or not,
   and kvsnprintf keeps what was stored NUL-terminated. */
struct text {
	char *buf;
	size_t len, pos;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	bool room = t->pos < t->len;

	va_start(ap, fmt);
	t->pos += kvsnprintf(room ? t->buf + t->pos : NULL, room ? t->len - t->pos : 0,
			     fmt, ap);
	va_end(ap);
}

static void put_char_escaped(struct text *t, char c)
{
	if (c == '"' || c == '\\')
		put(t, "\\%c", c);
	else if (c == '\n')
		put(t, "\\n");
	else if (c == '\t')
		put(t, "\\t");
	else if (c < ' ' || c > '~')
		put(t, "\\x%02x", (unsigned char)c);
	else
		put(t, "%c", c);
}

static void put_pointer(struct text *t, uint64_t addr)
{
	if (addr)
		put(t, "0x%llx", (unsigned long long)addr);
	else
		put(t, "NULL");
}

static void put_string(struct text *t, uint64_t addr, syscall_read_string_fn read_string,
		       void *ctx)
{
	char s[STRING_MAX + 2];	/* one more character than shown tells it was cut */

	if (!read_string || read_string(ctx, addr, s, sizeof(s)) < 0) {
		put_pointer(t, addr);
		return;
	}
	size_t n = strnlen(s, sizeof(s) - 1);	/* not trusting the reader's NUL */
	put(t, "\"");
	for (size_t i = 0; i < n && i < STRING_MAX; i++)
		put_char_escaped(t, s[i]);
	put(t, n > STRING_MAX ? "\"..." : "\"");
}

static void put_arg(struct text *t, char kind, uint64_t arg,
		    syscall_read_string_fn read_string, void *ctx)
{
	switch (kind) {
	case 'd':
		put(t, "%lld", (long long)arg);
		break;
	case 'n':
		put(t, "%llu", (unsigned long long)arg);
		break;
	case 'f':	/* an int: the upper half of the register is not part of it */
		put(t, "%d", (int)arg);
		break;
	case 'p':
		put_pointer(t, arg);
		break;
	case 's':
		put_string(t, arg, read_string, ctx);
		break;
	default:	/* 'x' */
		put(t, "0x%llx", (unsigned long long)arg);
		break;
	}
}

static void put_result(struct text *t, int64_t ret)
{
	/* Linux's convention: -4095..-1 are errors, anything else a value. */
	const char *name = ret < 0 && ret >= -4095 ? errno_name((int)-ret) : NULL;

	if (name)
		put(t, " = %lld %s", (long long)ret, name);
	else
		put(t, " = %lld", (long long)ret);
}

size_t syscall_format_call(char *buf, size_t len, unsigned nr, const uint64_t args[6],
			   int64_t ret, syscall_read_string_fn read_string, void *ctx)
{
	const struct syscall_info *call = syscall_info(nr);
	struct text t = { .buf = buf, .len = len };
	const char *kinds = call ? call->args : "xxxxxx";

	if (call)
		put(&t, "%s(", call->name);
	else
		put(&t, "syscall_%u(", nr);
	for (int i = 0; kinds[i]; i++) {
		if (i > 0)
			put(&t, ", ");
		put_arg(&t, kinds[i], args[i], read_string, ctx);
	}
	put(&t, ")");
	put_result(&t, ret);
	return t.pos;
}
