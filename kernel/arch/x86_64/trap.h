#ifndef AURORA_TRAP_H
#define AURORA_TRAP_H

#include <stdint.h>

/* The stack as trapentry.S leaves it: its pushes, then the CPU's. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

enum {
	T_DIVIDE = 0, T_DEBUG = 1, T_NMI = 2, T_BREAKPOINT = 3,
	T_INVALID_OPCODE = 6, T_DOUBLE_FAULT = 8, T_STACK_SEGMENT = 12,
	T_GENERAL_PROTECTION = 13, T_PAGE_FAULT = 14,
};

void idt_init(void);
void trap_dispatch(struct trap_frame *tf);

#endif
