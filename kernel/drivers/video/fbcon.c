/*
 * A text console drawn on a linear framebuffer, for machines (UEFI) that
 * have no VGA text mode.  Each cell is an 8x16 glyph from font8x16 (built
 * from a console font, see tools/psf2c.py), drawn pixel by pixel in the
 * framebuffer's own pixel format.
 */
#include <stdint.h>
#include "console.h"
#include "drivers.h"
#include "kprintf.h"
#include "memlayout.h"
#include "string.h"
#include "textscreen.h"

#define GLYPH_W 8
#define GLYPH_H 16

extern const uint8_t font8x16[128][16];

static struct framebuffer_info info;
static uint8_t *pixels;
static uint32_t foreground, background;
static struct text_screen screen;

/* Scale an 8-bit colour channel into the framebuffer's field for it. */
static uint32_t channel(uint8_t value, uint8_t shift, uint8_t bits)
{
	return (uint32_t)(value >> (8 - bits)) << shift;
}

static uint32_t rgb(uint8_t r, uint8_t g, uint8_t b)
{
	return channel(r, info.red_shift, info.red_bits) |
	       channel(g, info.green_shift, info.green_bits) |
	       channel(b, info.blue_shift, info.blue_bits);
}

static void put_pixel(unsigned x, unsigned y, uint32_t colour)
{
	uint8_t *p = pixels + y * info.pitch + x * (info.bpp / 8);

	for (unsigned i = 0; i < info.bpp / 8u; i++)
		p[i] = colour >> (8 * i);
}

static void fb_put_cell(void *ctx, unsigned col, unsigned row, char c)
{
	const uint8_t *glyph = font8x16[(uint8_t)c & 0x7f];

	(void)ctx;
	for (unsigned y = 0; y < GLYPH_H; y++)
		for (unsigned x = 0; x < GLYPH_W; x++)
			put_pixel(col * GLYPH_W + x, row * GLYPH_H + y,
				  glyph[y] & (0x80 >> x) ? foreground : background);
}

static void fb_scroll_up(void *ctx)
{
	size_t row_bytes = (size_t)info.pitch * GLYPH_H;
	size_t text_rows = info.height / GLYPH_H;

	(void)ctx;
	memmove(pixels, pixels + row_bytes, row_bytes * (text_rows - 1));
	for (unsigned c = 0; c < info.width / GLYPH_W; c++)
		fb_put_cell(NULL, c, text_rows - 1, ' ');
}

/* No hardware cursor on a framebuffer; the line editor's echo shows where we are. */
static void fb_show_cursor(void *ctx, unsigned col, unsigned row)
{
	(void)ctx, (void)col, (void)row;
}

static const struct text_screen_ops fb_ops = { fb_put_cell, fb_scroll_up, fb_show_cursor };

static void fb_putc(char c)
{
	text_screen_putc(&screen, c);
}

static struct console_device fb_console = { .name = "framebuffer", .putc = fb_putc };

void fbcon_init(const struct framebuffer_info *fb)
{
	uint64_t size = (uint64_t)fb->pitch * fb->height;

	if (fb->addr + size > BOOT_DIRECT_MAP_SIZE || fb->bpp < 16 || fb->bpp % 8) {
		kprintf("fbcon: cannot use the %ux%u %u-bit framebuffer at %#lx\n",
			fb->width, fb->height, fb->bpp, fb->addr);
		return;
	}
	info = *fb;
	pixels = phys_to_virt(fb->addr);
	foreground = rgb(0xc0, 0xc0, 0xc0);
	background = rgb(0, 0, 0);
	text_screen_init(&screen, fb->width / GLYPH_W, fb->height / GLYPH_H, &fb_ops, NULL);
	console_register(&fb_console);
}
