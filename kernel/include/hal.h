/*
 * The hardware abstraction layer: what the kernel's own code (threads,
 * processes, system calls, the monitor) needs from a CPU, behind one struct
 * of operations.  Each target provides one instance: kernel/arch/x86_64/
 * hal.c for the real machine, kernel/arch/wasm/hal.c for the browser
 * runtime (today run by the wasm unit tests, tests/test_wasm_hal.c).
 *
 * Shared code does not call the HAL.  Its seams are narrower and injected
 * by the caller: struct pt_memory (pagetable.h) gives page-table frames,
 * struct uvm_ops (uvm.h) user frames and the TLB, struct kheap_pages
 * (kheap.h) heap pages, struct inode_ops (vfs.h) a file system, and
 * struct block_device_ops, netif_ops and driver (blockdev.h, netif.h,
 * device.h) the devices of later labs.  docs/architecture.md has the map.
 *
 * The rest of booting is the architecture's own: hal.init loads the GDT,
 * IDT and SYSCALL registers, and kmain starts the interrupt controllers
 * and the timer by name.
 */
#ifndef AURORA_HAL_H
#define AURORA_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "aurora/signal.h"

struct task;
struct trap_frame;

/* A handler to call, as the kernel's signal code (kernel/proc) asks. */
struct signal_delivery {
	uint64_t handler, restorer;	/* the restorer calls rt_sigreturn */
	uint64_t saved_mask;		/* what rt_sigreturn restores */
	uint64_t stack_top;		/* the alternate stack's top, or 0: the user's */
	bool siginfo;			/* SA_SIGINFO: the handler takes (sig, info, context) */
	struct signal_stack altstack;	/* as sigaltstack reports it, for the frame */
	struct signal_info info;
};

/* Copying to and from the current user address space, given to the frame
   code by the caller: each returns 0, or -EFAULT. */
struct user_copy {
	int (*out)(void *ctx, uint64_t to, const void *from, size_t n);
	int (*in)(void *ctx, void *to, uint64_t from, size_t n);
	void *ctx;
};

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

	/* The idle thread's wait: interrupts on, sleep until one comes. */
	void (*idle)(void);
	/* The clock: nanoseconds since it started, and timer ticks so far. */
	uint64_t (*clock_ns)(void);
	uint64_t (*clock_ticks)(void);

	/*
	 * User mode.  A trap frame holds what the entry from user mode saved;
	 * its layout is the target's, so the kernel reads and changes it only
	 * through these.
	 */
	uint64_t (*syscall_number)(const struct trap_frame *tf);
	void (*syscall_args)(const struct trap_frame *tf, uint64_t args[6]);
	void (*set_syscall_result)(struct trap_frame *tf, uint64_t value);
	uint64_t (*syscall_result)(const struct trap_frame *tf);
	/* Make tf run system call nr again, with the arguments it had. */
	void (*syscall_restart)(struct trap_frame *tf, uint64_t nr);
	/* Where the user code was: for reports. */
	uint64_t (*user_pc)(const struct trap_frame *tf);
	uint64_t (*user_sp)(const struct trap_frame *tf);
	/* Make tf enter user mode at pc with stack pointer sp, the other
	   registers zero. */
	void (*user_frame_init)(struct trap_frame *tf, uint64_t pc, uint64_t sp);
	/* Leave for user mode as if returning from the trap that saved tf;
	   the caller has turned interrupts off. */
	__attribute__((noreturn)) void (*enter_user)(const struct trap_frame *tf);
	/* The user's floating-point registers, for fork: save them into (or
	   load them from) fpu_state_size bytes; reset them for exec. */
	size_t fpu_state_size;
	void (*fpu_save)(uint8_t *state);
	void (*fpu_load)(const uint8_t *state);
	void (*fpu_reset)(void);

	/* Signals.  Save tf and the floating-point registers in a frame on
	   the user stack (or d->stack_top's) and make tf call the handler;
	   rt_sigreturn's undoing of it, which gives back the saved mask and
	   refuses (-EFAULT) a frame that would leave user mode. */
	int (*signal_frame_push)(struct trap_frame *tf, const struct signal_delivery *d,
				 const struct user_copy *copy);
	int (*signal_frame_return)(struct trap_frame *tf, uint64_t *mask,
				   const struct user_copy *copy);
};

extern const struct hal_ops hal;

#endif
