/* Device drivers (native only) and what they need from the boot. */
#ifndef AURORA_DRIVERS_H
#define AURORA_DRIVERS_H

#include "bootinfo.h"

void uart16550_init(void);
void uart16550_enable_interrupts(void);
/* Screen console: VGA text or a linear framebuffer, whichever booted. */
void vga_text_init(const struct framebuffer_info *fb);
void fbcon_init(const struct framebuffer_info *fb);
void ps2_keyboard_init(void);
void ps2_keyboard_enable_interrupts(void);
/* The ATA disk on the primary IDE channel, as block device "ata0" (after
   the clock, before threads run). */
void ata_init(void);

#endif
