/*
 * Tests of the wasm HAL (kernel/arch/wasm/hal.c): context switches between
 * fibers, the timestamp and the interrupt flag, the trap frame, entering
 * user mode, idling and the clock.  Built into the wasm unit
 * tests only (the tests/test_wasm_*.c files).
 */
#include "errno.h"
#include "hal.h"
#include "string.h"
#include "task.h"
#include "trap.h"
#include "unit.h"
#include "wasm_hal.h"

#define ROUNDS 5

static struct task main_task, ping, pong;
static char ping_stack[65536], pong_stack[65536];
static char log_text[64];

static void append(char c)
{
	size_t n = strlen(log_text);

	log_text[n] = c;
	log_text[n + 1] = '\0';
}

/* A local that must survive every switch away and back. */
static void ping_main(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		append('a' + round);
		hal.context_switch(&ping, &pong);
	}
	hal.context_switch(&ping, &main_task);
}

static void pong_main(void)
{
	for (int round = 0;; round++) {
		append('A' + round);
		hal.context_switch(&pong, &ping);
	}
}

TEST(wasm_context_switch_ping_pong)
{
	task_init(&ping, "ping", ping_stack, sizeof(ping_stack), ping_main);
	task_init(&pong, "pong", pong_stack, sizeof(pong_stack), pong_main);
	append('<');
	hal.context_switch(&main_task, &ping);
	append('>');
	CHECK_STR_EQ(log_text, "<aAbBcCdDeE>");
}

TEST(wasm_read_timestamp_is_monotonic_nanoseconds)
{
	uint64_t first = hal.read_timestamp(), last = first;

	for (int i = 0; i < 100000; i++) {
		uint64_t now = hal.read_timestamp();

		if (!CHECK(now >= last))
			return;
		last = now;
	}
	/* performance.now() counts from page load: seconds at most, not days. */
	CHECK(first > 0 && last < 86400ull * 1000000000ull);
}

/* The locking checks (spinlock.h) ask the HAL whether interrupts are on:
   the wasm HAL must answer with what the kernel last asked for. */
TEST(wasm_interrupts_enabled_follows_the_flag)
{
	hal.enable_interrupts();
	CHECK(hal.interrupts_enabled());
	bool was = hal.save_and_disable_interrupts();
	CHECK(was && !hal.interrupts_enabled());
	hal.restore_interrupts(was);
	CHECK(hal.interrupts_enabled());
	hal.disable_interrupts();
	CHECK(!hal.interrupts_enabled());
}

/* A system call's frame: the kernel reads the number and arguments and
   leaves the result through the HAL, whatever the frame's layout. */
TEST(wasm_syscall_frame_round_trip)
{
	struct trap_frame tf = { .nr = 39, .args = { 1, 2, 3, 4, 5, 6 } };
	uint64_t args[6];

	CHECK_EQ(hal.syscall_number(&tf), 39);
	hal.syscall_args(&tf, args);
	for (int i = 0; i < 6; i++)
		CHECK_EQ(args[i], i + 1);
	hal.set_syscall_result(&tf, (uint64_t)-2);
	CHECK_EQ(tf.result, (uint64_t)-2);
}

/* User memory for the signal frame tests: one array, addresses are offsets. */
static uint8_t fake_user[4096];

static int fake_out(void *ctx, uint64_t to, const void *from, size_t n)
{
	(void)ctx;
	if (to > sizeof(fake_user) || n > sizeof(fake_user) - to)
		return -EFAULT;
	memcpy(fake_user + to, from, n);
	return 0;
}

static int fake_in(void *ctx, void *to, uint64_t from, size_t n)
{
	(void)ctx;
	if (from > sizeof(fake_user) || n > sizeof(fake_user) - from)
		return -EFAULT;
	memcpy(to, fake_user + from, n);
	return 0;
}

static const struct user_copy fake_copy = { fake_out, fake_in, NULL };

/* A handler's frame saves the interrupted call, which rt_sigreturn gives
   back with the mask; the handler is called with the signal number. */
TEST(wasm_signal_frame_round_trip)
{
	struct trap_frame tf = { .nr = 0, .result = 7, .pc = 0x111, .sp = 4000 };
	struct signal_delivery d = { .handler = 0x222, .saved_mask = 0x5,
				     .info = { .signo = SIGUSR1 } };
	uint64_t mask = 0;

	CHECK_EQ(hal.signal_frame_push(&tf, &d, &fake_copy), 0);
	CHECK_EQ(tf.pc, 0x222);
	CHECK_EQ(tf.args[0], SIGUSR1);
	CHECK(tf.sp < 4000 && tf.sp % 16 == 0);
	CHECK_EQ(tf.args[2], tf.sp);	/* the frame, which rt_sigreturn passes back */
	tf.args[0] = tf.args[2];
	CHECK_EQ(hal.signal_frame_return(&tf, &mask, &fake_copy), 0);
	CHECK_EQ(tf.pc, 0x111);
	CHECK_EQ(tf.result, 7);
	CHECK_EQ(mask, 0x5);
}

TEST(wasm_signal_frame_off_the_stack_is_refused)
{
	struct trap_frame tf = { .sp = 8 };
	struct signal_delivery d = { .handler = 0x222 };
	uint64_t mask;

	CHECK_EQ(hal.signal_frame_push(&tf, &d, &fake_copy), -EFAULT);
	tf.args[0] = sizeof(fake_user);
	CHECK_EQ(hal.signal_frame_return(&tf, &mask, &fake_copy), -EFAULT);
}

static struct task user_task;
static char user_stack[65536];
static struct trap_frame user_frame;
static int user_ran;

/* The "program": it runs, then leaves for good, as exit would. */
static void user_entry(void)
{
	user_ran++;
	hal.context_switch(&user_task, &main_task);
}

static void user_thread(void)
{
	hal.enter_user(&user_frame);
}

/* The unit tests' user mode: the frame's pc is a function to call. */
__attribute__((noreturn)) static void call_entry_function(const struct trap_frame *tf)
{
	((void (*)(void))(uintptr_t)tf->pc)();
	__builtin_trap();	/* it left through a context switch */
}

TEST(wasm_enter_user_runs_the_installed_runner)
{
	wasm_hal_set_user_runner(call_entry_function);
	hal.user_frame_init(&user_frame, (uint64_t)(uintptr_t)user_entry, 0x1000);
	CHECK_EQ(hal.user_pc(&user_frame), (uint64_t)(uintptr_t)user_entry);
	CHECK_EQ(user_frame.sp, 0x1000);
	task_init(&user_task, "user", user_stack, sizeof(user_stack), user_thread);
	hal.context_switch(&main_task, &user_task);
	CHECK_EQ(user_ran, 1);
}

TEST(wasm_idle_returns_and_the_clock_moves)
{
	uint64_t ns = hal.clock_ns(), ticks = hal.clock_ticks();

	hal.idle();
	CHECK(hal.clock_ns() >= ns);
	CHECK(hal.clock_ticks() >= ticks);
}
