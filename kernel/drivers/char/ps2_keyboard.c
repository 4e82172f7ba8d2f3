/*
 * The PS/2 keyboard, polled through the i8042 controller: scan code set 1
 * (the controller translates), turned into the bytes a terminal would send,
 * so the line editor handles keyboard and serial input the same way.
 */
#include <stdbool.h>
#include <stdint.h>
#include "console.h"
#include "cpu.h"
#include "drivers.h"
#include "irq.h"

#define I8042_DATA	0x60
#define I8042_STATUS	0x64
#define STATUS_OUTPUT_FULL 0x01
#define STATUS_FROM_MOUSE 0x20
#define RELEASED	0x80
#define EXTENDED	0xe0
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1d

/* Scan code set 1, keys 0x00-0x39: unshifted and shifted characters. */
static const char keymap[2][0x3a] = {
	{ 0, 0x1b, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b',
	  '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r',
	  0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	  0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ' },
	{ 0, 0x1b, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b',
	  '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r',
	  0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	  0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ' },
};

/* Arrow keys (after the 0xe0 prefix) and the ANSI letter they send. */
static char arrow_letter(uint8_t code)
{
	switch (code) {
	case 0x48: return 'A';
	case 0x50: return 'B';
	case 0x4d: return 'C';
	case 0x4b: return 'D';
	default: return 0;
	}
}

static bool shift, ctrl, extended;
static char pending[3];		/* the rest of an escape sequence */
static int npending;

static int translate(uint8_t code)
{
	bool released = code & RELEASED;
	uint8_t key = code & ~RELEASED;

	if (code == EXTENDED) {
		extended = true;
		return -1;
	}
	if (extended) {
		extended = false;
		if (key == SC_CTRL)
			ctrl = !released;	/* the right Ctrl key */
		if (released || !arrow_letter(key))
			return -1;
		pending[0] = arrow_letter(key);
		pending[1] = '[';
		npending = 2;
		return 0x1b;
	}
	if (key == SC_LSHIFT || key == SC_RSHIFT)
		shift = !released;
	else if (key == SC_CTRL)
		ctrl = !released;
	else if (!released && key < sizeof(keymap[0]) && keymap[shift][key])
		return ctrl ? keymap[0][key] & 0x1f : keymap[shift][key];
	return -1;
}

static int keyboard_getc(void)
{
	uint8_t status;

	if (npending > 0)
		return pending[--npending];
	status = inb(I8042_STATUS);
	if (!(status & STATUS_OUTPUT_FULL) || (status & STATUS_FROM_MOUSE))
		return -1;
	return translate(inb(I8042_DATA));
}

static struct console_device keyboard_console = { .name = "ps2-keyboard", .getc = keyboard_getc };

void ps2_keyboard_init(void)
{
	console_register(&keyboard_console);
}

void ps2_keyboard_enable_interrupts(void)
{
	irq_enable_isa(ISA_IRQ_KEYBOARD, console_input_interrupt);
}
