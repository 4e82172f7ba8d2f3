/* SYSCALL set-up and user-mode frames; see usermode.h. */
#include <stdint.h>
#include "cpu.h"
#include "gdt.h"
#include "usermode.h"

/* What syscall_entry.S reaches through GS: offsets fixed there. */
struct cpu_local {
	uint64_t kernel_rsp;	/* the running thread's kernel stack top */
	uint64_t user_rsp;	/* scratch: the user's rsp during entry */
};

static struct cpu_local cpu_local;

void syscall_entry(void);

_Static_assert(USER_CS == 0x23 && USER_DS == 0x1b, "syscall_entry.S hard-codes them");

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* SYSRET's base is 8 below user data: see gdt.h. */
	wrmsr(MSR_STAR, (uint64_t)(GDT_USER_DATA - 8) << 48 | (uint64_t)GDT_KERNEL_CODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Enter with interrupts off until the stack is switched, and with the
	   direction, trap and alignment-check flags the kernel expects. */
	wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC);
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu_local);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void usermode_set_kernel_stack(uint64_t top)
{
	cpu_local.kernel_rsp = top;
	gdt_set_kernel_stack(top);
}

void usermode_set_tls(uint64_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

/* FXSAVE needs 16-byte alignment; state has room to find it. */
static void *aligned(const uint8_t *state)
{
	return (void *)(((uintptr_t)state + 15) & ~(uintptr_t)15);
}

void user_fpu_save(uint8_t *state)
{
	fxsave(aligned(state));
}

void user_fpu_load(const uint8_t *state)
{
	fxrstor(aligned(state));
}

void user_fpu_reset(void)
{
	__asm__ volatile("fninit");
	uint32_t mxcsr = 0x1f80;	/* every SIMD exception masked */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

void user_frame_init(struct trap_frame *tf, uint64_t rip, uint64_t rsp)
{
	*tf = (struct trap_frame){
		.rip = rip, .cs = USER_CS, .rflags = RFLAGS_RESERVED | RFLAGS_IF,
		.rsp = rsp, .ss = USER_DS, .vector = T_SYSCALL,
	};
}

/* The system-call ABI (Linux's): the number in rax, the arguments in rdi,
   rsi, rdx, r10, r8 and r9 (rcx holds the return address), the result in
   rax. */
uint64_t user_syscall_number(const struct trap_frame *tf)
{
	return tf->rax;
}

void user_syscall_args(const struct trap_frame *tf, uint64_t args[6])
{
	const uint64_t regs[6] = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 };

	for (int i = 0; i < 6; i++)
		args[i] = regs[i];
}

void user_set_syscall_result(struct trap_frame *tf, uint64_t value)
{
	tf->rax = value;
}

uint64_t user_syscall_result(const struct trap_frame *tf)
{
	return tf->rax;
}

uint64_t user_pc(const struct trap_frame *tf)
{
	return tf->rip;
}

uint64_t user_sp(const struct trap_frame *tf)
{
	return tf->rsp;
}

bool user_frame(const struct trap_frame *tf)
{
	return (tf->cs & 3) == RPL_USER;
}
