/*
 * The console multiplexer; see console.h.  Output goes to every device at
 * once.  Input is gathered from every device into one queue: by polling
 * until interrupts are set up, then whenever a device interrupts; a thread
 * waiting for input sleeps on a wait queue meanwhile, so it uses no CPU.
 */
#include <stdbool.h>
#include <stddef.h>
#include "console.h"
#include "errno.h"
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

void console_input_interrupt(void)
{
	spin_lock(&input_lock);
	gather_input();
	if (input_interrupts)
		wait_wake_all(&input_waiters);
	spin_unlock(&input_lock);
}

void console_enable_input_interrupts(void)
{
	wait_queue_init(&input_waiters);
	input_interrupts = true;
}

int console_getc_interruptible(void)
{
	int c = -EINTR;

	spin_lock(&input_lock);
	for (;;) {
		gather_input();
		if (input_head != input_tail) {
			c = (unsigned char)input[input_tail++ % INPUT_QUEUE];
			break;
		}
		/* Before threads exist (kernel.h: STAGE_FRAMES) nobody is interrupted. */
		if (thread_current() && thread_current()->interrupted)
			break;
		if (input_interrupts)
			wait_sleep(&input_waiters, &input_lock);
	}
	spin_unlock(&input_lock);
	return c;
}

char console_getc(void)
{
	int c;

	while ((c = console_getc_interruptible()) < 0)
		;	/* the monitor is never interrupted; nothing to give up */
	return (char)c;
}

void console_describe(void)
{
	for (struct console_device *d = devices; d; d = d->next)
		kprintf(" %s", d->name);
}
