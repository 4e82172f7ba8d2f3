/*
 * A trap frame in the browser: what a user program's system call hands the
 * kernel.  Wasm has no registers to save, so the frame is the call itself:
 * its number and arguments, room for the result, and where the program
 * runs: sp is its stack pointer in its own linear memory, and pc is 0 to
 * resume the call suspended at sp with `result`, or else a function to
 * call (a signal handler; user_mode.c).  `restart` asks for call nr to be
 * made again instead (a restarted system call).
 */
#ifndef AURORA_WASM_TRAP_H
#define AURORA_WASM_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t nr;
	uint64_t args[6];
	uint64_t result;
	uint64_t pc, sp;
	uint64_t restart;
};

#endif
