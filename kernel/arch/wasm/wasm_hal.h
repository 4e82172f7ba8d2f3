/*
 * What the wasm HAL (hal.c) takes from whoever runs it, beyond hal.h: how
 * to run user mode and how to wait when idle.  The browser kernel installs
 * its own (user_mode.c, events.c); the unit tests install theirs.
 */
#ifndef AURORA_WASM_HAL_H
#define AURORA_WASM_HAL_H

#include <stdint.h>

struct trap_frame;

/* Run user mode from frame tf, for good: hal.enter_user calls it. */
typedef void wasm_user_runner(const struct trap_frame *tf) __attribute__((noreturn));
void wasm_hal_set_user_runner(wasm_user_runner *run);

/* hal.idle's wait; by default wasm_yield. */
void wasm_hal_set_idle(void (*wait)(void));
/* Give the event loop one turn. */
void wasm_yield(void);

/* The root hal.set_page_table installed last: in the browser kernel, the
   running process's address space (user_space.c). */
uintptr_t wasm_hal_page_table(void);

#endif
