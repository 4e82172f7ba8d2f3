/* Stopping the browser kernel: the runtime stops running it (runtime.js). */
#ifndef AURORA_POWER_H
#define AURORA_POWER_H

__attribute__((noreturn)) void power_off(void);
__attribute__((noreturn)) void power_reboot(void);
__attribute__((noreturn)) void power_halt(void);

#endif
