/* The wall clock in the browser kernel: the runtime's Date.now(). */
#include "realtime.h"
#include "wasm_runtime.h"

uint64_t clock_realtime_ns(void)
{
	return (uint64_t)(aurora_wall_clock_ms() * 1e6);
}
