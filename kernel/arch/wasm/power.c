/* Powering off, restarting and halting the browser kernel: the runtime
   stops calling it, and this fiber waits for ever. */
#include "power.h"
#include "wasm_runtime.h"

enum { STOP_POWER_OFF, STOP_RESTART, STOP_HALT };

__attribute__((noreturn)) static void stop(int how)
{
	aurora_power(how);
	for (;;)
		aurora_wait_for_event(1e9);
}

void power_off(void)
{
	stop(STOP_POWER_OFF);
}

void power_reboot(void)
{
	stop(STOP_RESTART);
}

void power_halt(void)
{
	stop(STOP_HALT);
}
