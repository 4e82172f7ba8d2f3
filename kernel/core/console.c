/* The console multiplexer; see console.h. */
#include <stddef.h>
#include "console.h"
#include "kprintf.h"

static struct console_device *devices;

void console_register(struct console_device *dev)
{
	struct console_device **tail = &devices;

	while (*tail)
		tail = &(*tail)->next;
	dev->next = NULL;
	*tail = dev;
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (struct console_device *d = devices; d; d = d->next)
			if (d->putc)
				d->putc(s[i]);
}

char console_getc(void)
{
	for (;;)
		for (struct console_device *d = devices; d; d = d->next) {
			int c = d->getc ? d->getc() : -1;

			if (c >= 0)
				return (char)c;
		}
}

void console_describe(void)
{
	for (struct console_device *d = devices; d; d = d->next)
		kprintf(" %s", d->name);
}
