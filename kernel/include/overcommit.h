/*
 * How much memory a process may be promised (shared code: kernel, host
 * tests, wasm).  Aurora, like Linux, gives a page a frame only when it is
 * first touched, so a mapping costs nothing when it is made and a process
 * that was promised too much dies later, touching it.  Linux's heuristic
 * mode (vm.overcommit_memory = 0, its default) refuses at once only the
 * obviously impossible: one allocation bigger than all RAM and swap.
 * Aurora follows it for mmap and brk.
 */
#ifndef AURORA_OVERCOMMIT_H
#define AURORA_OVERCOMMIT_H

#include <stdbool.h>
#include <stdint.h>

/* Is a new mapping charged, as Linux's VM_ACCOUNT?  Private writable
   memory is, unless MAP_NORESERVE asks for no reservation; memory that
   cannot be written never needs a frame of its own. */
bool overcommit_charged(bool writable, bool noreserve);

/* May one charged allocation of `pages` pages be made on a machine with
   ram_pages of RAM and swap_pages of swap? */
bool overcommit_allows(uint64_t pages, uint64_t ram_pages, uint64_t swap_pages);

#endif
