/* A panic's backtrace in the browser kernel: the JavaScript engine's own
   stack trace of the wasm frames, on the developer console. */
#ifndef AURORA_BACKTRACE_H
#define AURORA_BACKTRACE_H

void backtrace_here(void);

#endif
