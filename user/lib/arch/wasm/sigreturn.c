/*
 * Signal handlers in the browser.  Code there cannot be interrupted or
 * jumped into, so the kernel delivers a signal by calling the exported
 * __aurora_signal with the handler, the signal, the addresses of the
 * siginfo and of the signal frame it wrote into memory, and whether the
 * action had SA_SIGINFO when the signal was delivered; rt_sigreturn then
 * takes the frame's address and restores what the signal interrupted.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

typedef void (*siginfo_handler)(int sig, siginfo_t *info, void *context);

/* sigaction() gives the kernel this as the restorer, as on x86_64; here
   no handler returns into it, as __aurora_signal calls rt_sigreturn
   itself, but it is the same call. */
void __restore_rt(void)
{
	__syscall(SYS_rt_sigreturn);
}

/* WebAssembly traps on a call through a pointer of the wrong type, so a
   handler is called as the type it was installed as: a sa_sigaction
   with SA_SIGINFO, else a sa_handler. */
__attribute__((noreturn))
void __aurora_signal(uint32_t handler, int32_t sig, uint32_t info, uint32_t frame,
		     uint32_t siginfo)
{
	if (siginfo)
		((siginfo_handler)(uintptr_t)handler)(sig, (siginfo_t *)(uintptr_t)info,
						     (void *)(uintptr_t)frame);
	else
		((sighandler_t)(uintptr_t)handler)(sig);
	__syscall(SYS_rt_sigreturn, frame);
	__builtin_unreachable();
}
