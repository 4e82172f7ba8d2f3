/*
 * The browser kernel's terminals: the console is the page's first terminal
 * window (or Node's stdout and stdin), and terminals 1 .. n, as many as
 * the host has windows for (up to TERMINALS_MAX, tty.h; Node has none),
 * are its other windows, each with a shell of its own (init starts one on
 * every terminal there is).  Bytes typed into window n wait in the
 * runtime until events.c hands them over.
 */
#include "console.h"
#include "tty.h"
#include "wasm_kernel.h"
#include "wasm_runtime.h"

static void page_putc(char c)
{
	aurora_terminal_write(0, &c, 1);
}

static int page_getc(void)
{
	return aurora_terminal_read(0);
}

static struct console_device console = {
	.name = "terminal", .putc = page_putc, .getc = page_getc,
};

static void terminal_output(const struct tty *tty, const char *s, size_t n)
{
	aurora_terminal_write((int)tty->number, s, n);
}

void terminals_init(void)
{
	unsigned count = aurora_terminal_count();

	console_register(&console);
	for (unsigned n = 1; n <= count && n <= TERMINALS_MAX; n++)
		terminal_register(n, terminal_output);
}

void terminals_poll(void)
{
	int c;

	if (aurora_terminal_pending(0))
		console_input_interrupt();
	for (unsigned n = 1; tty_terminal(n); n++)
		while (aurora_terminal_pending((int)n) && (c = aurora_terminal_read((int)n)) >= 0)
			tty_input(tty_terminal(n), (char)c);
}
