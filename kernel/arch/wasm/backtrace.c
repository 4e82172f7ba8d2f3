/* A panic's backtrace in the browser kernel: the JavaScript engine's stack
   trace, which names the wasm functions, on the developer console. */
#include <emscripten.h>
#include "backtrace.h"

void backtrace_here(void)
{
	emscripten_log(EM_LOG_CONSOLE | EM_LOG_JS_STACK, "backtrace:");
}
