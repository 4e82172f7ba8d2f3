/*
 * The signal frame on x86_64, laid out as Linux lays it out, so that a
 * handler built for Linux (musl's, glibc's) reads its ucontext where it
 * expects it.  From the stack pointer down: the red zone the ABI gives
 * leaf functions (128 bytes, left alone), the FXSAVE image of the x87/SSE
 * registers, then struct rt_sigframe, whose first word is the return
 * address the handler's `ret` pops: the restorer, which calls rt_sigreturn.
 *
 * rt_sigreturn trusts nothing in the frame: the code and stack selectors
 * are the user's, only the flags a program may change are taken, the
 * instruction and stack pointers must be user addresses, and the MXCSR's
 * reserved bits are cleared so FXRSTOR cannot fault in the kernel.
 */
#include "cpu.h"
#include "errno.h"
#include "hal.h"
#include "signal.h"
#include "string.h"
#include "usermode.h"

#define RED_ZONE	128
#define USER_LIMIT	0x00007ffffffff000ull	/* as SYSRET_RIP_LIMIT: syscall_entry.S */
#define FLAGS_USER	0x40dd5ull	/* CF PF AF ZF SF DF OF AC: a program's own */
#define MXCSR_OFFSET	24		/* in the FXSAVE image */
#define MXCSR_VALID	0xffbfu		/* the bits any SSE CPU accepts */
#define UC_FP_XSTATE	0		/* uc_flags: plain FXSAVE, no XSAVE header */

/* Linux's struct sigcontext for x86_64. */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;		/* user address of the FXSAVE image */
	uint64_t reserved[8];
};

struct ucontext {
	uint64_t flags, link;
	struct signal_stack stack;
	struct sigcontext mcontext;
	uint64_t sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct signal_info info;
};

_Static_assert(sizeof(struct ucontext) == 304, "Linux's ucontext");
_Static_assert(sizeof(struct signal_info) == 128, "Linux's siginfo");

struct fxsave_area {
	uint8_t bytes[512];
} __attribute__((aligned(16)));

static void save_registers(struct sigcontext *sc, const struct trap_frame *tf)
{
	*sc = (struct sigcontext){
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
		.rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
		.rip = tf->rip, .eflags = tf->rflags, .cs = (uint16_t)tf->cs,
		.ss = (uint16_t)tf->ss, .err = tf->error,
		.trapno = tf->vector == T_SYSCALL ? 0 : tf->vector,
	};
}

static void load_registers(struct trap_frame *tf, const struct sigcontext *sc)
{
	tf->r8 = sc->r8, tf->r9 = sc->r9, tf->r10 = sc->r10, tf->r11 = sc->r11;
	tf->r12 = sc->r12, tf->r13 = sc->r13, tf->r14 = sc->r14, tf->r15 = sc->r15;
	tf->rdi = sc->rdi, tf->rsi = sc->rsi, tf->rbp = sc->rbp, tf->rbx = sc->rbx;
	tf->rdx = sc->rdx, tf->rax = sc->rax, tf->rcx = sc->rcx;
	tf->rsp = sc->rsp, tf->rip = sc->rip;
	tf->rflags = (tf->rflags & ~FLAGS_USER) | (sc->eflags & FLAGS_USER);
}

/* Where the FXSAVE image and the frame go, below sp. */
static uint64_t fpstate_address(uint64_t sp)
{
	return (sp - RED_ZONE - sizeof(struct fxsave_area)) & ~63ull;
}

/* A handler is entered as if called: rsp + 8 is 16-byte aligned. */
static uint64_t frame_address(uint64_t fpstate)
{
	return ((fpstate - sizeof(struct rt_sigframe)) & ~15ull) - 8;
}

static void enter_handler(struct trap_frame *tf, const struct signal_delivery *d, uint64_t at)
{
	tf->rip = d->handler;
	tf->rsp = at;
	tf->rdi = (uint64_t)d->info.signo;
	tf->rsi = at + offsetof(struct rt_sigframe, info);
	tf->rdx = at + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;	/* no vector registers hold arguments */
	tf->rflags &= ~(RFLAGS_DF | RFLAGS_TF);	/* as the ABI expects at a call */
}

int signal_frame_push(struct trap_frame *tf, const struct signal_delivery *d,
		      const struct user_copy *copy)
{
	struct fxsave_area fpu;
	struct rt_sigframe frame = { .pretcode = d->restorer, .info = d->info };
	uint64_t fpstate = fpstate_address(d->stack_top ? d->stack_top : tf->rsp);
	uint64_t at = frame_address(fpstate);

	fxsave(&fpu);
	frame.uc.flags = UC_FP_XSTATE;
	frame.uc.stack = d->altstack;
	save_registers(&frame.uc.mcontext, tf);
	frame.uc.mcontext.fpstate = fpstate;
	frame.uc.mcontext.oldmask = d->saved_mask;
	frame.uc.sigmask = d->saved_mask;
	if (copy->out(copy->ctx, fpstate, &fpu, sizeof(fpu)) ||
	    copy->out(copy->ctx, at, &frame, sizeof(frame)))
		return -EFAULT;
	enter_handler(tf, d, at);
	return 0;
}

static bool user_address(uint64_t addr)
{
	return addr < USER_LIMIT;
}

/* The frame's FPU image, made safe to load: 0, or -EFAULT. */
static int read_fpstate(struct fxsave_area *fpu, uint64_t from, const struct user_copy *copy)
{
	uint32_t mxcsr;

	if (copy->in(copy->ctx, fpu, from, sizeof(*fpu)))
		return -EFAULT;
	memcpy(&mxcsr, fpu->bytes + MXCSR_OFFSET, sizeof(mxcsr));
	mxcsr &= MXCSR_VALID;
	memcpy(fpu->bytes + MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	return 0;
}

int signal_frame_return(struct trap_frame *tf, uint64_t *mask, const struct user_copy *copy)
{
	/* The handler's ret popped pretcode: the frame starts 8 below. */
	uint64_t at = tf->rsp - 8;
	struct rt_sigframe frame;
	struct fxsave_area fpu;

	if (copy->in(copy->ctx, &frame, at, sizeof(frame)))
		return -EFAULT;
	const struct sigcontext *sc = &frame.uc.mcontext;
	if (!user_address(sc->rip) || !user_address(sc->rsp))
		return -EFAULT;
	if (sc->fpstate && read_fpstate(&fpu, sc->fpstate, copy))
		return -EFAULT;
	load_registers(tf, sc);
	if (sc->fpstate)
		fxrstor(&fpu);
	else
		user_fpu_reset();
	*mask = frame.uc.sigmask;
	return 0;
}

void syscall_restart(struct trap_frame *tf, uint64_t nr)
{
	tf->rip -= 2;	/* back onto the 2-byte SYSCALL instruction */
	tf->rax = nr;
}
