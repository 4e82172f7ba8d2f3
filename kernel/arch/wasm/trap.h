/*
 * A trap frame in the browser: what a user program's system call hands the
 * kernel.  Wasm has no registers to save, so the frame is the call itself:
 * its number and arguments, room for the result, and where the program
 * runs (pc: its entry function; sp: its stack in linear memory).
 */
#ifndef AURORA_WASM_TRAP_H
#define AURORA_WASM_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t nr;
	uint64_t args[6];
	uint64_t result;
	uint64_t pc, sp;
};

#endif
