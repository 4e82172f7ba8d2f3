/* The browser kernel's own parts (kernel/arch/wasm), as boot.c starts them. */
#ifndef AURORA_WASM_KERNEL_H
#define AURORA_WASM_KERNEL_H

/* The page's terminals: the console and /dev/tty1 ... (console_device.c);
   hand over what was typed into them. */
void terminals_init(void);
void terminals_poll(void);
/* The runtime's disk as block device "disk0", if it has one (disk.c). */
void disk_init(void);
/* User mode: programs in their own instances (user_mode.c). */
void user_mode_init(void);
/* What interrupts are on x86_64: the clock, input, the event loop's turns
   (events.c); events_poll looks for them, at every system call. */
void events_init(void);
void events_poll(void);
/* The desktop's file browser: a kernel thread answering through the VFS
   (file_service.c); waking it when the page has asked. */
void file_service_start(void);
void file_service_poll(void);

#endif
