/* The browser kernel's console: the page's terminal (or Node's stdout and
   stdin), through the runtime. */
#include "console.h"
#include "wasm_kernel.h"
#include "wasm_runtime.h"

static void terminal_putc(char c)
{
	aurora_console_write(&c, 1);
}

static struct console_device terminal = {
	.name = "terminal", .putc = terminal_putc, .getc = aurora_console_read,
};

void console_device_init(void)
{
	console_register(&terminal);
}
