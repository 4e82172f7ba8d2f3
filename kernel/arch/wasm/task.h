/*
 * A kernel task as the wasm context switch sees it: an Emscripten fiber.
 * A fiber keeps its C stack in linear memory like any thread, but the wasm
 * call stack itself cannot be saved, so Asyncify unwinds it into
 * asyncify_stack on a switch and rewinds it on resume (hence -sASYNCIFY).
 */
#ifndef AURORA_WASM_TASK_H
#define AURORA_WASM_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <emscripten/fiber.h>

/* Room for the unwound wasm call stack: locals of every frame on it. */
#define TASK_ASYNCIFY_STACK_SIZE 16384

struct task {
	emscripten_fiber_t fiber;
	bool fiber_ready;	/* false: the running context, set up on first switch away */
	void (*entry)(void);
	const char *name;
	char asyncify_stack[TASK_ASYNCIFY_STACK_SIZE];
};

/*
 * Prepare `t` to start running entry() on the stack [stack, stack + size),
 * as on x86_64.  A zeroed struct task, never passed here, stands for the
 * context already running (main), the way kmain's task does on x86_64.
 */
void task_init(struct task *t, const char *name, void *stack, size_t size,
	       void (*entry)(void));

#endif
