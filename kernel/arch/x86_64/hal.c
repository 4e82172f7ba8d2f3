/* The x86_64 implementation of the HAL (hal.h). */
#include "clock.h"
#include "cpu.h"
#include "gdt.h"
#include "hal.h"
#include "memlayout.h"
#include "task.h"
#include "trap.h"
#include "usermode.h"

void x86_64_context_switch(struct task *prev, struct task *next);

#define CPUID_EXT_FEATURES	0x80000001
#define CPUID_EDX_NX		(1u << 20)

bool cpu_nx_enabled;

/* Let page tables forbid execution (PTE_NX), where the CPU can. */
static void enable_no_execute(void)
{
	uint32_t a, b, c, d;

	cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	if (d & CPUID_EDX_NX) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		cpu_nx_enabled = true;
	}
}

/* User programs expect x87 and SSE (the x86_64 ABI passes floating point
   in xmm registers); the kernel itself is built without them. */
static void enable_sse(void)
{
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
}

/* Switch tasks, carrying each one's x87/SSE registers with it. */
static void switch_with_fpu(struct task *prev, struct task *next)
{
	fxsave(task_fpu_state(prev));
	fxrstor(task_fpu_state(next));
	x86_64_context_switch(prev, next);
}

static bool x86_64_save_and_disable_interrupts(void)
{
	uint64_t rflags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(rflags) : : "memory");
	return rflags & RFLAGS_IF;
}

static void x86_64_restore_interrupts(bool enabled)
{
	if (enabled)
		sti();
}

static bool x86_64_interrupts_enabled(void)
{
	uint64_t rflags;

	__asm__ volatile("pushfq; popq %0" : "=r"(rflags));
	return rflags & RFLAGS_IF;
}

static void x86_64_set_page_table(uintptr_t root)
{
	write_cr3(root);
}

/* boot.S identity-mapped low memory only to survive enabling paging; from
   here on a stray low address (a null pointer) must fault. */
static void drop_identity_map(void)
{
	uint64_t *pml4 = phys_to_virt(read_cr3());

	pml4[0] = 0;
	x86_64_set_page_table(read_cr3());
}

/* sti takes effect after the next instruction, so no interrupt can slip in
   between the two and leave hlt waiting for the one after it. */
static void x86_64_idle(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static void x86_64_init(void)
{
	gdt_init();
	idt_init();
	enable_no_execute();
	enable_sse();
	drop_identity_map();
	syscall_init();
}

const struct hal_ops hal = {
	.init = x86_64_init,
	.enable_interrupts = sti,
	.disable_interrupts = cli,
	.save_and_disable_interrupts = x86_64_save_and_disable_interrupts,
	.restore_interrupts = x86_64_restore_interrupts,
	.interrupts_enabled = x86_64_interrupts_enabled,
	.set_page_table = x86_64_set_page_table,
	.flush_tlb = invlpg,
	.read_timestamp = rdtsc,
	.context_switch = switch_with_fpu,
	.set_kernel_stack = usermode_set_kernel_stack,
	.set_user_tls = usermode_set_tls,
	.idle = x86_64_idle,
	.clock_ns = clock_ns,
	.clock_ticks = clock_ticks,
	.syscall_number = user_syscall_number,
	.syscall_args = user_syscall_args,
	.set_syscall_result = user_set_syscall_result,
	.syscall_result = user_syscall_result,
	.syscall_restart = syscall_restart,
	.user_pc = user_pc,
	.user_sp = user_sp,
	.user_frame_init = user_frame_init,
	.enter_user = enter_user,
	.fpu_state_size = USER_FPU_STATE_SIZE,
	.fpu_save = user_fpu_save,
	.fpu_load = user_fpu_load,
	.fpu_reset = user_fpu_reset,
	.signal_frame_push = signal_frame_push,
	.signal_frame_return = signal_frame_return,
};
