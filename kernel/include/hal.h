/*
 * The hardware abstraction layer: the one seam between shared code and a
 * target.  Shared code (lib/, mm/, and later sched/, fs/, ...) never touches
 * hardware; when it must, it calls through `hal`.  Each target provides one
 * instance: kernel/arch/x86_64/hal.c for the real machine, kernel/arch/wasm/
 * hal.c for the browser build.
 */
#ifndef AURORA_HAL_H
#define AURORA_HAL_H

#include <stdbool.h>
#include <stdint.h>

struct task;

struct hal_ops {
	void (*init)(void);
	void (*enable_interrupts)(void);
	void (*disable_interrupts)(void);
	/* Disable interrupts; return whether they were enabled before. */
	bool (*save_and_disable_interrupts)(void);
	/* Undo save_and_disable_interrupts: enable them if `enabled`. */
	void (*restore_interrupts)(bool enabled);
	/* Are interrupts enabled now?  For the locking checks (spinlock.h). */
	bool (*interrupts_enabled)(void);
	/* Install the page-table root `root` (a physical address on x86_64). */
	void (*set_page_table)(uintptr_t root);
	/* Forget any cached translation of virtual address `virt`. */
	void (*flush_tlb)(uintptr_t virt);
	/* A monotonic counter; units are target-defined (TSC ticks, or ns). */
	uint64_t (*read_timestamp)(void);
	/* Save the running task's registers in `prev`, resume `next`. */
	void (*context_switch)(struct task *prev, struct task *next);
	/* The kernel stack to enter when user code makes a system call or is
	   interrupted: the top of the running thread's. */
	void (*set_kernel_stack)(uintptr_t top);
	/* The running user thread's thread pointer (x86_64: the FS base). */
	void (*set_user_tls)(uint64_t base);
};

extern const struct hal_ops hal;

#endif
