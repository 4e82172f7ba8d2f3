# Unit tests of the shared code (each kernel/*/files.mk says which).  Included by the
# top-level Makefile.  The same test sources build twice:
#
#   make test-unit-host   with the host's gcc, run natively
#   make test-unit-wasm   with emcc, run in Node (tests/test_wasm_*.c, which
#                         test the wasm HAL, build only here)
#   make test-unit        both, host first; fails if either fails
#
# Each ends with "N passed, M failed".  Objects go under $(BUILD)/tests/host
# and $(BUILD)/tests/wasm, where the kernel's `$(BUILD)/%.o: %.c` never looks.
#
# -iquote: shared code includes its headers with quotes ("string.h"), so
# they come from kernel/include while <string.h> stays the C library's.
# -fno-builtin: the compiler must call our memcpy, strlen, ..., not inline
# its own, or the tests would not test them.

UNIT_DIR := $(BUILD)/tests
# Shared code allocates with kmalloc/kfree and locks with sleeplocks; off the
# kernel they are libc's allocator and a one-thread lock that checks the rules.
HOSTED_SRCS := kernel/arch/hosted/kmalloc.c kernel/arch/hosted/sleeplock.c
# The paging tests run over the simulated physical memory the visualisers use.
UNIT_SRCS := $(SHARED_SRCS) $(HOSTED_SRCS) tests/unit.c kernel/arch/hosted/sim_memory.c \
	$(wildcard tests/fake_*.c) $(wildcard tests/test_*.c)
UNIT_WASM_ONLY := $(wildcard tests/test_wasm_*.c) kernel/arch/wasm/hal.c
UNIT_HOST_SRCS := $(filter-out $(UNIT_WASM_ONLY),$(UNIT_SRCS))
UNIT_WASM_SRCS := $(UNIT_SRCS) kernel/arch/wasm/hal.c

UNIT_HOST_OBJS := $(patsubst %.c,$(UNIT_DIR)/host/%.o,$(UNIT_HOST_SRCS))
UNIT_WASM_OBJS := $(patsubst %.c,$(UNIT_DIR)/wasm/%.o,$(UNIT_WASM_SRCS))

UNIT_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror \
	-fno-builtin -iquote kernel/include -iquote kernel/uapi -iquote kernel/arch/hosted -iquote tests -MMD -MP

# emcc's cache (the C library it builds on first use, which takes minutes)
# lives in the build tree, shared with web/web.mk; Debian freezes the
# system one, so unfreeze ours.
UNIT_EMCC := NODE_PATH=/usr/share/nodejs EM_CACHE=$(abspath $(BUILD))/emcache \
	EM_FROZEN_CACHE= emcc
# ASYNCIFY: fibers (the wasm context switch).  EXIT_RUNTIME: the exit code
# reaches Node.  SINGLE_FILE: the .wasm is inside the .js, nothing to fetch.
# INITIAL_MEMORY: room for the tests' static buffers (simulated memory, fake
# disks) and their heap.
UNIT_WASM_LDFLAGS := -O2 -sASYNCIFY -sEXIT_RUNTIME=1 -sSINGLE_FILE=1 -sENVIRONMENT=node \
	-sINITIAL_MEMORY=32MB

$(UNIT_HOST_OBJS): $(UNIT_DIR)/host/%.o: %.c | deps-build
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -g -c $< -o $@

$(UNIT_DIR)/host/unit-tests: $(UNIT_HOST_OBJS)
	$(CC) -o $@ $^

$(UNIT_WASM_OBJS): $(UNIT_DIR)/wasm/%.o: %.c | deps-web
	@mkdir -p $(@D)
	$(UNIT_EMCC) $(UNIT_CFLAGS) -iquote kernel/arch/wasm -c $< -o $@

$(UNIT_DIR)/wasm/unit-tests.js: $(UNIT_WASM_OBJS) tests/tests.mk | deps-web
	$(UNIT_EMCC) $(UNIT_WASM_LDFLAGS) -o $@ $(UNIT_WASM_OBJS)

# The same workload on both targets must give the same trace, byte for byte.
# Each tests/trace_<name>.c is a program linked with the shared code; its
# output natively and in Node must match.
TRACE_NAMES := $(patsubst tests/trace_%.c,%,$(wildcard tests/trace_*.c))
TRACE_MAIN_SRCS := $(wildcard tests/trace_*.c)
TRACE_HOST_OBJS := $(patsubst %.c,$(UNIT_DIR)/host/%.o,$(TRACE_MAIN_SRCS))
TRACE_WASM_OBJS := $(patsubst %.c,$(UNIT_DIR)/wasm/%.o,$(TRACE_MAIN_SRCS))
TRACE_SHARED_HOST_OBJS := $(patsubst %.c,$(UNIT_DIR)/host/%.o,$(SHARED_SRCS) $(HOSTED_SRCS))
TRACE_SHARED_WASM_OBJS := $(patsubst %.c,$(UNIT_DIR)/wasm/%.o,$(SHARED_SRCS) $(HOSTED_SRCS))

$(TRACE_HOST_OBJS): $(UNIT_DIR)/host/%.o: %.c | deps-build
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -g -c $< -o $@

$(TRACE_WASM_OBJS): $(UNIT_DIR)/wasm/%.o: %.c | deps-web
	@mkdir -p $(@D)
	$(UNIT_EMCC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_DIR)/host/trace-%: $(UNIT_DIR)/host/tests/trace_%.o $(TRACE_SHARED_HOST_OBJS)
	$(CC) -o $@ $^

$(UNIT_DIR)/wasm/trace-%.js: $(UNIT_DIR)/wasm/tests/trace_%.o $(TRACE_SHARED_WASM_OBJS) | deps-web
	$(UNIT_EMCC) $(UNIT_WASM_LDFLAGS) -o $@ $(filter %.o,$^)

# One comparison per trace program: test-unit-trace-buddy, test-unit-trace-sched, ...
test-unit-trace-%: $(UNIT_DIR)/host/trace-% $(UNIT_DIR)/wasm/trace-%.js
	$(UNIT_DIR)/host/trace-$* > $(UNIT_DIR)/trace-$*.host.txt
	node $(UNIT_DIR)/wasm/trace-$*.js > $(UNIT_DIR)/trace-$*.wasm.txt
	cmp $(UNIT_DIR)/trace-$*.host.txt $(UNIT_DIR)/trace-$*.wasm.txt
	@echo "$* trace: $$(wc -l < $(UNIT_DIR)/trace-$*.host.txt) events, identical on host and wasm"

test-unit-trace: $(addprefix test-unit-trace-,$(TRACE_NAMES))

test-unit-host: $(UNIT_DIR)/host/unit-tests
	$<

test-unit-wasm: $(UNIT_DIR)/wasm/unit-tests.js | deps-web
	node $<

# Both runs, even when the first fails, so one command shows every failure.
test-unit:
	@status=0; \
	$(MAKE) --no-print-directory test-unit-host || status=1; \
	$(MAKE) --no-print-directory test-unit-wasm || status=1; \
	$(MAKE) --no-print-directory test-unit-trace || status=1; \
	exit $$status

-include $(UNIT_HOST_OBJS:.o=.d) $(UNIT_WASM_OBJS:.o=.d) \
	$(TRACE_HOST_OBJS:.o=.d) $(TRACE_WASM_OBJS:.o=.d)

# Not the test-unit-trace-% names: make finds no pattern rule for a phony target.
.PHONY: test-unit test-unit-host test-unit-wasm test-unit-trace
