/*
 * Loading a program whose file is already in memory, as a list of steps
 * (shared code).  Their order lives here and nowhere else: the kernel's
 * execve (kernel/exec/exec.c) takes them all with exec_loader_run on a file
 * it read, the lab-4 visualiser one per click with exec_loader_step on a
 * file in the browser.
 */
#ifndef AURORA_EXEC_LOADER_H
#define AURORA_EXEC_LOADER_H

#include <stddef.h>
#include <stdint.h>
#include "exec_image.h"

/*
 * The steps, in the order they run, each with its name:
 *   PARSE        elf_parse: check the file, list its segments
 *   SEGMENT      exec_load_segment, one step per segment
 *   HEAP         uvm_set_heap at the end of the highest segment
 *   STACK_BUILD  ustack_build into the caller's buffer
 *   STACK_MAP    exec_map_stack: the stack's region
 *   STACK_FILL   exec_fill_stack: the buffer into the region
 */
#define EXEC_STEPS(X)							\
	X(PARSE, "parse") X(SEGMENT, "segment") X(HEAP, "heap")		\
	X(STACK_BUILD, "stack-build") X(STACK_MAP, "stack-map")		\
	X(STACK_FILL, "stack-fill")

enum exec_step {
#define EXEC_STEP_ENUM(id, name) EXEC_##id,
	EXEC_STEPS(EXEC_STEP_ENUM)
#undef EXEC_STEP_ENUM
	EXEC_DONE
};

/*
 * One load in progress.  The caller fills in what to load and leaves the
 * rest zero; the steps fill in what they find.
 */
struct exec_loader {
	struct uvm *uvm;		/* an empty address space */
	const uint8_t *image;		/* the program file, len bytes */
	size_t len;
	char *const *argv, *const *envp;	/* NULL-terminated */
	const uint8_t *random;		/* AT_RANDOM's 16 bytes */
	uint8_t *stack;			/* EXEC_STACK_IMAGE_MAX bytes to build it in */

	enum exec_step step;		/* the next step to take */
	unsigned segment;		/* the segment EXEC_SEGMENT maps next */
	struct elf_info info;		/* from EXEC_PARSE: info.entry is where to start */
	const char *why;		/* EXEC_PARSE's reason for refusing the file */
	struct ustack_layout layout;	/* from EXEC_STACK_BUILD: layout.sp starts the stack */
};

/* Take the next step: 0, with l->step moved on, or -errno (-ENOEXEC,
   -E2BIG, -ENOMEM, ...), with l->step still the step that failed. */
int exec_loader_step(struct exec_loader *l);
/* Take every step left: 0, or the -errno of the one that failed.  The
   address space may be half-filled on an error. */
int exec_loader_run(struct exec_loader *l);
/* "parse", "segment", ...: the step's name in EXEC_STEPS; NULL for none. */
const char *exec_step_name(enum exec_step step);

#endif
