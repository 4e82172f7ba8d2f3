/* Tests of kernel/proc/signal.c: the rules the kernel's signal code follows. */
#include <stddef.h>
#include "errno.h"
#include "signal.h"
#include "unit.h"

TEST(signal_default_actions_are_linux_s)
{
	CHECK_EQ(signal_default_action(SIGINT), SIGNAL_TERMINATE);
	CHECK_EQ(signal_default_action(SIGSEGV), SIGNAL_TERMINATE);
	CHECK_EQ(signal_default_action(40), SIGNAL_TERMINATE);	/* real-time */
	CHECK_EQ(signal_default_action(SIGCHLD), SIGNAL_IGNORE);
	CHECK_EQ(signal_default_action(SIGWINCH), SIGNAL_IGNORE);
	CHECK_EQ(signal_default_action(SIGTSTP), SIGNAL_STOP);
	CHECK_EQ(signal_default_action(SIGSTOP), SIGNAL_STOP);
	CHECK_EQ(signal_default_action(SIGCONT), SIGNAL_CONTINUE);
}

TEST(signal_ignored_means_sig_ign_or_an_ignoring_default)
{
	CHECK(signal_is_ignored(SIGINT, SIG_IGN));
	CHECK(!signal_is_ignored(SIGINT, SIG_DFL));
	CHECK(signal_is_ignored(SIGCHLD, SIG_DFL));
	CHECK(!signal_is_ignored(SIGCHLD, 0x401000));	/* a handler */
	CHECK(!signal_is_ignored(SIGCONT, SIG_DFL));	/* it continues */
}

TEST(signal_next_takes_sigkill_first_then_the_lowest_unblocked)
{
	uint64_t pending = signal_bit(SIGINT) | signal_bit(SIGTERM) | signal_bit(SIGKILL);

	CHECK_EQ(signal_next(pending, 0), SIGKILL);
	CHECK_EQ(signal_next(pending & ~signal_bit(SIGKILL), 0), SIGINT);
	CHECK_EQ(signal_next(pending & ~signal_bit(SIGKILL), signal_bit(SIGINT)), SIGTERM);
	CHECK_EQ(signal_next(signal_bit(SIGINT), signal_bit(SIGINT)), 0);
	CHECK_EQ(signal_next(0, 0), 0);
}

TEST(signal_next_cannot_be_blocked_for_kill_and_stop)
{
	CHECK_EQ(signal_next(signal_bit(SIGSTOP), ~0ull), SIGSTOP);
	CHECK_EQ(signal_next(signal_bit(SIGKILL), ~0ull), SIGKILL);
}

TEST(signal_handler_mask_adds_the_signal_unless_nodefer)
{
	struct kernel_sigaction act = { .handler = 0x401000, .mask = signal_bit(SIGUSR2) };
	uint64_t mask = signal_handler_mask(&act, SIGUSR1, signal_bit(SIGINT));

	CHECK_EQ(mask, signal_bit(SIGINT) | signal_bit(SIGUSR1) | signal_bit(SIGUSR2));
	act.flags = SA_NODEFER;
	CHECK_EQ(signal_handler_mask(&act, SIGUSR1, 0), signal_bit(SIGUSR2));
	act.mask = ~0ull;
	CHECK_EQ(signal_handler_mask(&act, SIGUSR1, 0) & SIGNALS_UNCATCHABLE, 0);
}

TEST(signal_action_check_refuses_kill_stop_and_bad_numbers)
{
	struct kernel_sigaction act = { .handler = SIG_IGN };

	CHECK_EQ(signal_action_check(SIGKILL, &act), -EINVAL);
	CHECK_EQ(signal_action_check(SIGSTOP, &act), -EINVAL);
	CHECK_EQ(signal_action_check(SIGKILL, NULL), 0);	/* reading it is fine */
	CHECK_EQ(signal_action_check(0, NULL), -EINVAL);
	CHECK_EQ(signal_action_check(NSIG + 1, &act), -EINVAL);
	CHECK_EQ(signal_action_check(NSIG, &act), 0);
}

/* What an interrupted call becomes, as on Linux. */
static long restarted(long result, bool handler, uint64_t flags, enum signal_restart_how *how)
{
	*how = signal_restart(&result, handler, flags);
	return result;
}

TEST(signal_restart_follows_sa_restart_for_erestartsys)
{
	enum signal_restart_how how;

	CHECK_EQ(restarted(-ERESTARTSYS, true, 0, &how), -EINTR);
	CHECK_EQ(how, SIGNAL_RETURN);
	restarted(-ERESTARTSYS, true, SA_RESTART, &how);
	CHECK_EQ(how, SIGNAL_RESTART);
	restarted(-ERESTARTSYS, false, 0, &how);
	CHECK_EQ(how, SIGNAL_RESTART);
}

TEST(signal_restart_never_restarts_nohand_calls_after_a_handler)
{
	enum signal_restart_how how;

	CHECK_EQ(restarted(-ERESTARTNOHAND, true, SA_RESTART, &how), -EINTR);
	restarted(-ERESTARTNOHAND, false, 0, &how);
	CHECK_EQ(how, SIGNAL_RESTART);
	CHECK_EQ(restarted(-ERESTART_RESTARTBLOCK, true, SA_RESTART, &how), -EINTR);
	restarted(-ERESTART_RESTARTBLOCK, false, 0, &how);
	CHECK_EQ(how, SIGNAL_RESTART_BLOCK);
}

TEST(signal_restart_leaves_other_results_alone)
{
	enum signal_restart_how how;

	CHECK_EQ(restarted(5, true, 0, &how), 5);
	CHECK_EQ(how, SIGNAL_RETURN);
	CHECK_EQ(restarted(-EINTR, false, 0, &how), -EINTR);
	CHECK_EQ(restarted(-EFAULT, true, SA_RESTART, &how), -EFAULT);
}

TEST(signal_info_fill_says_who_and_why)
{
	struct signal_info info;

	signal_info_fill(&info, SIGCHLD, &(struct signal_origin){ CLD_EXITED, 42, 7, 0 });
	CHECK_EQ(info.signo, SIGCHLD);
	CHECK_EQ(info.code, CLD_EXITED);
	CHECK_EQ(info.u.child.pid, 42);
	CHECK_EQ(info.u.child.status, 7);
	signal_info_fill(&info, SIGSEGV, &(struct signal_origin){ SEGV_MAPERR, 0, 0, 0x10 });
	CHECK_EQ(info.u.fault.addr, 0x10);
	signal_info_fill(&info, SIGTERM, &(struct signal_origin){ SI_USER, 9, 0, 0 });
	CHECK_EQ(info.u.kill.pid, 9);
}
