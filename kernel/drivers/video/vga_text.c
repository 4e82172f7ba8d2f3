/*
 * The VGA text screen: 80x25 cells at physical 0xb8000, two bytes each
 * (character, colour), with the hardware cursor set through the CRT
 * controller's index/data ports.
 */
#include <stdint.h>
#include "console.h"
#include "cpu.h"
#include "drivers.h"
#include "memlayout.h"
#include "string.h"
#include "textscreen.h"

#define VGA_TEXT_PHYS	0xb8000
#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5
#define CURSOR_HI	0x0e
#define CURSOR_LO	0x0f
#define GREY_ON_BLACK	0x07

static volatile uint16_t *cells;
static unsigned cols, rows;
static struct text_screen screen;

static void vga_put_cell(void *ctx, unsigned col, unsigned row, char c)
{
	(void)ctx;
	cells[row * cols + col] = GREY_ON_BLACK << 8 | (uint8_t)c;
}

static void vga_scroll_up(void *ctx)
{
	(void)ctx;
	memmove((void *)cells, (const void *)(cells + cols), (rows - 1) * cols * 2);
	for (unsigned c = 0; c < cols; c++)
		vga_put_cell(NULL, c, rows - 1, ' ');
}

static void vga_show_cursor(void *ctx, unsigned col, unsigned row)
{
	uint16_t pos = row * cols + col;

	(void)ctx;
	outb(CRTC_INDEX, CURSOR_HI);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, CURSOR_LO);
	outb(CRTC_DATA, pos & 0xff);
}

static const struct text_screen_ops vga_ops = {
	vga_put_cell, vga_scroll_up, vga_show_cursor,
};

static void vga_putc(char c)
{
	text_screen_putc(&screen, c);
}

static struct console_device vga_console = { .name = "vga-text", .putc = vga_putc };

void vga_text_init(const struct framebuffer_info *fb)
{
	cols = fb->kind == FB_EGA_TEXT ? fb->width : 80;
	rows = fb->kind == FB_EGA_TEXT ? fb->height : 25;
	cells = phys_to_virt(fb->kind == FB_EGA_TEXT ? fb->addr : VGA_TEXT_PHYS);
	text_screen_init(&screen, cols, rows, &vga_ops, NULL);
	console_register(&vga_console);
}
