/*
 * The serial port: a 16550 UART on COM1, 115200 baud, 8 data bits, no
 * parity, one stop bit, polled.  Register layout from the 16550 data sheet.
 */
#include <stdbool.h>
#include "console.h"
#include "cpu.h"
#include "drivers.h"
#include "irq.h"

#define COM1 0x3f8
enum {
	DATA = 0, INT_ENABLE = 1, DIVISOR_LO = 0, DIVISOR_HI = 1, FIFO_CTRL = 2,
	LINE_CTRL = 3, MODEM_CTRL = 4, LINE_STATUS = 5,
};
#define LCR_8N1		0x03
#define LCR_DLAB	0x80	/* divisor latch access */
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define MCR_DTR_RTS_OUT2 0x0b
#define MCR_LOOPBACK	0x10
#define IER_DATA_READY	0x01
#define BAUD_DIVISOR	1	/* 115200 / 115200 */

static void serial_putc(char c)
{
	while (!(inb(COM1 + LINE_STATUS) & LSR_THR_EMPTY))
		pause();
	outb(COM1 + DATA, (uint8_t)c);
}

static int serial_getc(void)
{
	if (!(inb(COM1 + LINE_STATUS) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + DATA);
}

/* A machine without COM1 reads 0xff everywhere; a loopback test tells. */
static bool uart_present(void)
{
	outb(COM1 + MODEM_CTRL, MCR_LOOPBACK);
	outb(COM1 + DATA, 0xa5);
	bool echoed = inb(COM1 + DATA) == 0xa5;
	outb(COM1 + MODEM_CTRL, MCR_DTR_RTS_OUT2);
	return echoed;
}

static struct console_device serial_console = {
	.name = "serial(COM1)", .putc = serial_putc, .getc = serial_getc,
};

/* Interrupt when a byte arrives (the handler gathers console input). */
void uart16550_enable_interrupts(void)
{
	irq_enable_isa(ISA_IRQ_COM1, console_input_interrupt);
	outb(COM1 + INT_ENABLE, IER_DATA_READY);
}

void uart16550_init(void)
{
	outb(COM1 + INT_ENABLE, 0);		/* polled: no interrupts */
	outb(COM1 + LINE_CTRL, LCR_DLAB);
	outb(COM1 + DIVISOR_LO, BAUD_DIVISOR);
	outb(COM1 + DIVISOR_HI, 0);
	outb(COM1 + LINE_CTRL, LCR_8N1);
	outb(COM1 + FIFO_CTRL, 0xc7);		/* enable and clear FIFOs */
	if (uart_present())
		console_register(&serial_console);
}
