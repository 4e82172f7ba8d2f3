/*
 * What happens when the CPU raises an exception: a report a student can
 * act on (which exception, the error code decoded, where, every register,
 * and how we got there), then one of three endings.  A breakpoint or debug
 * trap resumes, as it would under a debugger.  A fault inside a monitor
 * command abandons the command and returns to the prompt.  Anything else
 * leaves the kernel in a state we cannot trust, so we halt.
 */
#include <stdint.h>
#include "backtrace.h"
#include "console.h"
#include "cpu.h"
#include "errno.h"
#include "format.h"
#include "hal.h"
#include "irq.h"
#include "kprintf.h"
#include "monitor.h"
#include "pagetable.h"
#include "power.h"
#include "process.h"
#include "signal_kernel.h"
#include "thread.h"
#include "trap.h"
#include "usermode.h"
#include "vm.h"

static const char *const exception_names[32][2] = {
	{ "DE", "divide error" },		{ "DB", "debug" },
	{ "NMI", "non-maskable interrupt" },	{ "BP", "breakpoint" },
	{ "OF", "overflow" },			{ "BR", "bound range exceeded" },
	{ "UD", "invalid opcode" },		{ "NM", "device not available" },
	{ "DF", "double fault" },		{ "CSO", "coprocessor segment overrun" },
	{ "TS", "invalid TSS" },		{ "NP", "segment not present" },
	{ "SS", "stack-segment fault" },	{ "GP", "general protection fault" },
	{ "PF", "page fault" },			{ "15", "reserved" },
	{ "MF", "x87 floating-point error" },	{ "AC", "alignment check" },
	{ "MC", "machine check" },		{ "XM", "SIMD floating-point error" },
	{ "VE", "virtualization exception" },	{ "CP", "control protection" },
	{ "22", "reserved" }, { "23", "reserved" }, { "24", "reserved" },
	{ "25", "reserved" }, { "26", "reserved" }, { "27", "reserved" },
	{ "HV", "hypervisor injection" },	{ "VC", "VMM communication" },
	{ "SX", "security exception" },		{ "31", "reserved" },
};

/* The error code's bits are pagetable.h's PF_ERR_* (Intel SDM vol. 3, 4.7). */
static void explain_page_fault(uint64_t err)
{
	kprintf("    cause: %s in %s mode: %s%s\n",
		err & PF_ERR_FETCH ? "instruction fetch" : err & PF_ERR_WRITE ? "write" : "read",
		err & PF_ERR_USER ? "user" : "kernel",
		err & PF_ERR_PRESENT ? "protection violation on a present page"
				 : "page not present",
		err & PF_ERR_RESERVED ? ", reserved bit set in a page-table entry" : "");
	kprintf("    cr2 %016lx (the address that was accessed)\n", read_cr2());
	vm_explain_address(read_cr2());
}

/* #TS, #NP, #SS and #GP error codes name a segment selector, or are 0. */
static void explain_selector_error(uint64_t err)
{
	static const char *const tables[] = { "GDT", "IDT", "LDT", "IDT" };

	if (err == 0)
		kprintf("    cause: not a segment problem (non-canonical address or privileged instruction)\n");
	else
		kprintf("    cause: %s selector index %lu%s\n", tables[err >> 1 & 3],
			err >> 3, err & 1 ? ", external event" : "");
}

static void print_registers(const struct trap_frame *tf)
{
	kprintf("    rax %016lx  rbx %016lx  rcx %016lx\n", tf->rax, tf->rbx, tf->rcx);
	kprintf("    rdx %016lx  rsi %016lx  rdi %016lx\n", tf->rdx, tf->rsi, tf->rdi);
	kprintf("    rbp %016lx  rsp %016lx  r8  %016lx\n", tf->rbp, tf->rsp, tf->r8);
	kprintf("    r9  %016lx  r10 %016lx  r11 %016lx\n", tf->r9, tf->r10, tf->r11);
	kprintf("    r12 %016lx  r13 %016lx  r14 %016lx\n", tf->r12, tf->r13, tf->r14);
	kprintf("    r15 %016lx  rflags %016lx  cs %04lx  ss %04lx\n",
		tf->r15, tf->rflags, tf->cs, tf->ss);
}

static void report(const struct trap_frame *tf)
{
	uint64_t v = tf->vector;

	kprintf("\n*** exception %lu #%s (%s), error code 0x%lx\n", v,
		exception_names[v][0], exception_names[v][1], tf->error);
	kprintf("    rip %016lx <", tf->rip);
	print_symbol(tf->rip);
	kprintf(">\n");
	if (v == T_PAGE_FAULT)
		explain_page_fault(tf->error);
	else if (v >= 10 && v <= 13)
		explain_selector_error(tf->error);
	else if (v == T_DOUBLE_FAULT) {
		kprintf("    cause: an exception while delivering another (often a broken kernel stack); rip is undefined\n");
		kprintf("    cr2 %016lx (the last page fault's address)\n", read_cr2());
		vm_explain_address(read_cr2());
	}
	print_registers(tf);
	backtrace_from(tf->rbp, tf->rip);
}

/*
 * The kernel reaches user memory only through uvm_copy_in/out, which never
 * fault: so an exception in kernel mode on a process's behalf (a system
 * call, a page fault being resolved) is a bug in the kernel, whatever
 * follows.  Graders and tests fail on this line.  A fault inside a
 * critical section leaves a lock held for good: nothing can go on.
 */
static void blame_kernel(void)
{
	struct process *p = process_current();

	if (p)
		kprintf("*** KERNEL BUG: an exception in kernel mode while serving process %d "
			"(%s)\n", p->pid, p->name);
	if (spin_depth()) {
		kprintf("*** KERNEL BUG: the exception came with spinlock %s held\n",
			spin_innermost());
		kprintf("*** kernel halted: a lock held for good would deadlock the system\n");
		power_halt();
	}
}

static void kernel_exception(struct trap_frame *tf)
{
	if (spin_depth())
		console_panic_mode();	/* the report must not wait for a lock this CPU holds */
	report(tf);
	if (tf->vector == T_BREAKPOINT || tf->vector == T_DEBUG) {
		kprintf("*** a trap, not a fault: resuming after it\n");
		return;
	}
	blame_kernel();
	if (tf->vector != T_DOUBLE_FAULT) {
		monitor_abandon_command();	/* returns only outside a command */
		thread_exit_after_fault();	/* returns only outside a thread */
	}
	kprintf("*** kernel halted: this exception cannot be recovered from\n");
	power_halt();
}

/* The signal a user-mode exception raises, and its siginfo code. */
static int user_fault_signal(uint64_t vector, int *code)
{
	switch (vector) {
	case T_DIVIDE: *code = FPE_INTDIV; return SIGFPE;
	case T_DEBUG: case T_BREAKPOINT: *code = TRAP_BRKPT; return SIGTRAP;
	case T_INVALID_OPCODE: *code = ILL_ILLOPN; return SIGILL;
	default: *code = SI_KERNEL; return SIGSEGV;
	}
}

static enum pt_access fault_access(uint64_t err)
{
	return err & PF_ERR_FETCH ? PT_EXECUTE : err & PF_ERR_WRITE ? PT_WRITE : PT_READ;
}

/*
 * An exception in ring 3 is the process's problem, not the kernel's: a
 * page fault the address space can resolve (a page not touched yet, or
 * copy-on-write) is resolved; anything else is a signal: the process's
 * handler runs, or the process dies.
 */
static void user_exception(struct trap_frame *tf)
{
	struct process *p = process_current();
	uint64_t addr = tf->rip;
	char what[96];
	int code, sig = user_fault_signal(tf->vector, &code);

	if (tf->vector == T_PAGE_FAULT) {
		addr = read_cr2();
		int err = uvm_fault(p->uvm, addr, fault_access(tf->error));

		if (err == 0)
			return;
		code = tf->error & PF_ERR_PRESENT ? SEGV_ACCERR : SEGV_MAPERR;
		ksnprintf(what, sizeof(what), "page fault (%s of %lx, %s)",
			  pt_access_name(fault_access(tf->error)),
			  addr, err == -ENOMEM ? "no memory left for the page" :
			  tf->error & PF_ERR_PRESENT ? "not allowed" : "not mapped");
	} else {
		ksnprintf(what, sizeof(what), "exception #%s (%s)", exception_names[tf->vector][0],
			  exception_names[tf->vector][1]);
	}
	signal_fault(tf, sig, code, addr, what);
}

void trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector >= 32)
		irq_dispatch(tf);
	else if (user_frame(tf))
		user_exception(tf);
	else
		kernel_exception(tf);
	if (user_frame(tf)) {
		hal.enable_interrupts();
		signal_deliver(tf, NULL);
		hal.disable_interrupts();
	}
}
