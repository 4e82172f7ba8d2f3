/*
 * What the browser kernel asks of its JavaScript runtime (runtime.js):
 * the user programs' instances and memories, the terminal, the disk, the
 * clock and the event loop.  Everything else the kernel does in C.
 */
#ifndef AURORA_WASM_RUNTIME_H
#define AURORA_WASM_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

struct trap_frame;

/* Address spaces, by number (0: none): an empty one, a copy, freeing. */
int aurora_space_create(void);
int aurora_space_fork(int parent);
void aurora_space_destroy(int space);
/* The memory's size in bytes; grow it by len bytes: the old size, or 0. */
uint32_t aurora_space_size(int space);
uint32_t aurora_space_grow(int space, uint32_t len);
/* Copy n bytes that the caller has checked lie inside the memory. */
void aurora_space_read(int space, void *dst, uint32_t src, size_t n);
void aurora_space_write(int space, uint32_t dst, const void *src, size_t n);
/* Make the module's len bytes the space's program: 0, with its stack's
   top and its memory's size, or -ENOEXEC (not a module this runtime can
   run) or -ENOMEM. */
int aurora_space_load(int space, const void *module, size_t len, uint32_t *stack_top,
		      uint32_t *memory_end);

/* Run the space's program as frame tf says until its next system call,
   which the runtime writes into tf: 0; or a fault (its message written
   into what, NUL-terminated): AURORA_USER_TRAPPED. */
#define AURORA_USER_TRAPPED 1
int aurora_user_run(int space, struct trap_frame *tf, char *what, size_t what_len);

/* How many terminals the host shows besides the console. */
unsigned aurora_terminal_count(void);
/* Terminal n (0: the console): write bytes; is a typed byte waiting?
   The next one, or -1 if none is. */
void aurora_terminal_write(int n, const char *s, size_t len);
int aurora_terminal_pending(int n);
int aurora_terminal_read(int n);

/* The desktop's file browser (file_service.c): is a request waiting?
   Copy the next one in, NUL-terminated: its length, or -1 if none is;
   and the answer to the oldest one taken. */
int aurora_file_request_pending(void);
int aurora_file_request(char *buf, size_t size);
void aurora_file_answer(const char *text, size_t len);

/* The disk: its size in 512-byte sectors (0: none); read, write, flush:
   0 or -EIO. */
uint32_t aurora_disk_sectors(void);
int aurora_disk_read(uint32_t sector, uint32_t count, void *buf);
int aurora_disk_write(uint32_t sector, uint32_t count, const void *buf);
int aurora_disk_flush(void);

/* The wall clock: milliseconds since 1970. */
double aurora_wall_clock_ms(void);
/* Wait (giving the event loop its turns) until input arrives or ms pass. */
void aurora_wait_for_event(double ms);
/* The machine stops (how: 0 power off, 1 restart, 2 halt after a panic);
   the runtime stops running the kernel. */
void aurora_power(int how);

#endif
