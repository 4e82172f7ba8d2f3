/* kprintf and panic: the shared formatter, pointed at the console. */
#include <stdarg.h>
#include "backtrace.h"
#include "console.h"
#include "format.h"
#include "hal.h"
#include "kprintf.h"
#include "power.h"

static void console_putc(void *ctx, char c)
{
	(void)ctx;
	if (c == '\n')
		console_write("\r", 1);	/* serial terminals want CR LF */
	console_write(&c, 1);
}

int kprintf(const char *fmt, ...)
{
	bool enabled = hal.save_and_disable_interrupts();	/* one message at a time */
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(console_putc, NULL, fmt, ap);
	va_end(ap);
	hal.restore_interrupts(enabled);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	kprintf("\n*** kernel panic: ");
	va_start(ap, fmt);
	vformat(console_putc, NULL, fmt, ap);
	va_end(ap);
	kprintf("\n");
	backtrace_here();
	kprintf("*** kernel halted\n");
	power_halt();
}
