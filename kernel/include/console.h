/*
 * The console: everything the kernel prints goes to every registered output
 * (serial line, screen), and input is taken from whichever device has a
 * character (serial line, keyboard), in the order it arrived.
 */
#ifndef AURORA_CONSOLE_H
#define AURORA_CONSOLE_H

#include <stddef.h>

struct console_device {
	const char *name;
	void (*putc)(char c);		/* NULL for input-only devices */
	int (*getc)(void);		/* a byte, or -1 if none waits; NULL if output-only */
	struct console_device *next;
};

void console_register(struct console_device *dev);
/* Write to every device; one writer at a time, so n bytes stay together. */
void console_write(const char *s, size_t n);
/* From now on write without the lock: the kernel is panicking, and this
   CPU may be the one holding it. */
void console_panic_mode(void);
/* Wait for the next input byte from any device. */
char console_getc(void);
/* From now on, input devices interrupt: waiting threads sleep until they do. */
void console_enable_input_interrupts(void);
/* A device's interrupt handler: input is ready. */
void console_input_interrupt(void);
/* From now on every input byte goes to sink as it arrives, from the
   interrupt handler: the terminal (kernel/tty), which must see Ctrl-C
   even while nobody reads. */
void console_set_input_sink(void (*sink)(char c));
/* The names of the registered devices, for kerninfo. */
void console_describe(void);

#endif
