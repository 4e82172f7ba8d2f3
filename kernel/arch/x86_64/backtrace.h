#ifndef AURORA_BACKTRACE_H
#define AURORA_BACKTRACE_H

#include <stdint.h>

/* Print the call chain that starts at instruction `rip` in the frame `rbp`. */
void backtrace_from(uint64_t rbp, uint64_t rip);
/* Print the call chain of the caller. */
void backtrace_here(void);

#endif
