/* The browser kernel's own parts (kernel/arch/wasm), as boot.c starts them. */
#ifndef AURORA_WASM_KERNEL_H
#define AURORA_WASM_KERNEL_H

/* The terminal as a console device (console_device.c). */
void console_device_init(void);
/* The runtime's disk as block device "disk0", if it has one (disk.c). */
void disk_init(void);
/* User mode: programs in their own instances (user_mode.c). */
void user_mode_init(void);
/* What interrupts are on x86_64: the clock, input, the event loop's turns
   (events.c); events_poll looks for them, at every system call. */
void events_init(void);
void events_poll(void);

#endif
