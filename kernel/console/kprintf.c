/* kprintf and panic: the shared formatter, pointed at the console. */
#include <stdarg.h>
#include "backtrace.h"
#include "console.h"
#include "format.h"
#include "hal.h"
#include "kprintf.h"
#include "power.h"

/* kprintf gathers its output into lines, so that each console_write, which
   the console keeps whole, carries a whole line: two threads' messages
   never mix within a line. */
struct line_buffer {
	char text[160];
	size_t len;
};

static void flush(struct line_buffer *b)
{
	console_write(b->text, b->len);
	b->len = 0;
}

static void buffer_putc(void *ctx, char c)
{
	struct line_buffer *b = ctx;

	if (c == '\n')
		b->text[b->len++] = '\r';	/* serial terminals want CR LF */
	b->text[b->len++] = c;
	if (c == '\n' || b->len >= sizeof(b->text) - 1)
		flush(b);
}

int kprintf(const char *fmt, ...)
{
	struct line_buffer b = { .len = 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(buffer_putc, &b, fmt, ap);
	va_end(ap);
	flush(&b);
	return n;
}

void panic(const char *fmt, ...)
{
	struct line_buffer b = { .len = 0 };
	va_list ap;

	hal.disable_interrupts();
	console_panic_mode();
	kprintf("\n*** kernel panic: ");
	va_start(ap, fmt);
	vformat(buffer_putc, &b, fmt, ap);
	va_end(ap);
	flush(&b);
	kprintf("\n");
	backtrace_here();
	kprintf("*** kernel halted\n");
	power_halt();
}
