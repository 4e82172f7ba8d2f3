/*
 * Ring 3 on x86_64: the SYSCALL entry (syscall_entry.S), the per-CPU block
 * it finds its stack through, and the first entry of a process into user
 * mode.
 */
#ifndef AURORA_USERMODE_H
#define AURORA_USERMODE_H

#include <stdbool.h>
#include <stdint.h>
#include "trap.h"

#define T_SYSCALL 256	/* trap_frame.vector of a frame built by syscall_entry */

/* Program the SYSCALL MSRs and the per-CPU block. */
void syscall_init(void);

/* The stack SYSCALL and ring-3 interrupts switch to: the running thread's. */
void usermode_set_kernel_stack(uint64_t top);
/* The user's thread pointer (FS base, set by arch_prctl). */
void usermode_set_tls(uint64_t base);

/* The user's x87/SSE registers (the kernel never changes them), for fork to
   hand to the child: state must hold USER_FPU_STATE_SIZE bytes. */
#define USER_FPU_STATE_SIZE (512 + 16)
void user_fpu_save(uint8_t *state);
void user_fpu_load(const uint8_t *state);
/* The registers a new program starts with. */
void user_fpu_reset(void);

/* A fresh frame that starts user code at rip with stack pointer rsp. */
void user_frame_init(struct trap_frame *tf, uint64_t rip, uint64_t rsp);
/* Did this frame come from ring 3? */
bool user_frame(const struct trap_frame *tf);
/* The HAL's view of a trap frame (hal.h). */
uint64_t user_syscall_number(const struct trap_frame *tf);
void user_syscall_args(const struct trap_frame *tf, uint64_t args[6]);
void user_set_syscall_result(struct trap_frame *tf, uint64_t value);
uint64_t user_syscall_result(const struct trap_frame *tf);
uint64_t user_pc(const struct trap_frame *tf);
uint64_t user_sp(const struct trap_frame *tf);

/* Signal frames (signal_frame.c): see hal.h. */
struct signal_delivery;
struct user_copy;
int signal_frame_push(struct trap_frame *tf, const struct signal_delivery *d,
		      const struct user_copy *copy);
int signal_frame_return(struct trap_frame *tf, uint64_t *mask, const struct user_copy *copy);
void syscall_restart(struct trap_frame *tf, uint64_t nr);

/* Leave for ring 3 as if returning from the trap that saved tf. */
__attribute__((noreturn)) void enter_user(const struct trap_frame *tf);

#endif
