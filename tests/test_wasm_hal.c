/*
 * Tests of the wasm HAL (kernel/arch/wasm/hal.c): context switches between
 * fibers, the timestamp and the interrupt flag.  Built into the wasm unit
 * tests only (the tests/test_wasm_*.c files).
 */
#include "hal.h"
#include "string.h"
#include "task.h"
#include "unit.h"

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
