/*
 * The console multiplexer; see console.h.  Output goes to every device at
 * once.  Input is gathered from every device into one queue: by polling
 * until interrupts are set up, then whenever a device interrupts; a thread
 * waiting for input sleeps on a wait queue meanwhile, so it uses no CPU.
 */
#include <stdbool.h>
#include <stddef.h>
#include "console.h"
#include "kprintf.h"
#include "spinlock.h"
#include "thread.h"

#define INPUT_QUEUE 256

static struct console_device *devices;
/* The devices' cursors and registers: one writer at a time. */
static struct spinlock output_lock = SPINLOCK_INIT("console output");
static bool panicking;
static struct spinlock input_lock = SPINLOCK_INIT("console input");
static struct wait_queue input_waiters;
static bool input_interrupts;
static char input[INPUT_QUEUE];
static unsigned input_head, input_tail;	/* free-running; head - tail = count */
static void (*input_sink)(char c);

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
	bool locking = !panicking;

	if (locking)
		spin_lock(&output_lock);
	for (size_t i = 0; i < n; i++)
		for (struct console_device *d = devices; d; d = d->next)
			if (d->putc)
				d->putc(s[i]);
	if (locking)
		spin_unlock(&output_lock);
}

void console_panic_mode(void)
{
	panicking = true;
}

/* Move waiting bytes from the devices to the queue (dropping them if
   full).  input_lock is held. */
static void gather_input(void)
{
	for (struct console_device *d = devices; d; d = d->next) {
		int c;

		while (d->getc && (c = d->getc()) >= 0)
			if (input_head - input_tail < INPUT_QUEUE)
				input[input_head++ % INPUT_QUEUE] = (char)c;
	}
}

/* Hand the queued bytes to the sink, outside input_lock: the terminal
   echoes and signals, which take locks of their own. */
static void feed_sink(void)
{
	char bytes[INPUT_QUEUE];
	unsigned n = 0;

	spin_lock(&input_lock);
	while (input_tail != input_head)
		bytes[n++] = input[input_tail++ % INPUT_QUEUE];
	spin_unlock(&input_lock);
	for (unsigned i = 0; i < n; i++)
		input_sink(bytes[i]);
}

void console_input_interrupt(void)
{
	spin_lock(&input_lock);
	gather_input();
	if (input_interrupts)
		wait_wake_all(&input_waiters);
	spin_unlock(&input_lock);
	if (input_sink)
		feed_sink();
}

void console_set_input_sink(void (*sink)(char c))
{
	input_sink = sink;
	console_input_interrupt();	/* what was typed before goes there too */
}

void console_enable_input_interrupts(void)
{
	wait_queue_init(&input_waiters);
	input_interrupts = true;
}

char console_getc(void)
{
	char c;

	spin_lock(&input_lock);
	for (;;) {
		gather_input();
		if (input_head != input_tail)
			break;
		if (input_interrupts)
			wait_sleep(&input_waiters, &input_lock);
	}
	c = input[input_tail++ % INPUT_QUEUE];
	spin_unlock(&input_lock);
	return c;
}

void console_describe(void)
{
	for (struct console_device *d = devices; d; d = d->next)
		kprintf(" %s", d->name);
}
