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
# The ext2 tests' disk images are generated C (below).
UNIT_SRCS := $(SHARED_SRCS) $(HOSTED_SRCS) tests/unit.c kernel/arch/hosted/sim_memory.c \
	$(wildcard tests/fake_*.c) $(wildcard tests/test_*.c) $(UNIT_DIR)/ext2_images.c
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

# ext2 images: mke2fs over the tree of tests/ext2_tree.py, embedded as C
# (their non-zero sectors only).  A fixed time, UUID and hash seed make the
# same images every build.  1 KiB blocks with 128-byte inodes in four groups,
# and 4 KiB blocks with 256-byte inodes in one; and a directory of many
# names that e2fsck -D indexes (dir_index), whose exit code 1 says it did.
EXT2_TREE := $(UNIT_DIR)/ext2-tree
EXT2_UUID := 6a3c1d2e-0b5f-4c1a-9e7d-2f8b3c4d5e6f
EXT2_MKFS := E2FSPROGS_FAKE_TIME=1700000000 mke2fs -q -F -t ext2 -m 0 -U $(EXT2_UUID) \
	-E hash_seed=$(EXT2_UUID),root_owner=0:0 -d $(EXT2_TREE)

$(UNIT_DIR)/ext2_images.c: tests/ext2_tree.py tests/embed_image.py tests/tests.mk
	@mkdir -p $(@D)
	/usr/bin/python3 tests/ext2_tree.py $(EXT2_TREE)
	rm -f $(UNIT_DIR)/ext2-1k.img $(UNIT_DIR)/ext2-4k.img
	$(EXT2_MKFS) -b 1024 -I 128 -g 256 $(UNIT_DIR)/ext2-1k.img 1M >/dev/null
	$(EXT2_MKFS) -b 4096 $(UNIT_DIR)/ext2-4k.img 4M >/dev/null
	/usr/bin/python3 tests/ext2_tree.py --many $(EXT2_TREE)
	rm -f $(UNIT_DIR)/ext2-hashed.img
	$(EXT2_MKFS) -b 1024 -I 128 -N 256 $(UNIT_DIR)/ext2-hashed.img 1M >/dev/null
	e2fsck -fyD $(UNIT_DIR)/ext2-hashed.img >/dev/null || [ $$? = 1 ]
	/usr/bin/python3 tests/embed_image.py $@ ext2_1k=$(UNIT_DIR)/ext2-1k.img \
		ext2_4k=$(UNIT_DIR)/ext2-4k.img ext2_hashed=$(UNIT_DIR)/ext2-hashed.img

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

# The host run also leaves the ext2 images the tests made in EXT2_OUT, and
# Linux's checker judges them: e2fsck must find nothing to fix, and what
# Aurora wrote must read back the same through debugfs.  (Not in the
# student trees of labs before 5, which have no ext2 tests.)
EXT2_OUT := $(UNIT_DIR)/ext2-out

test-unit-host: $(UNIT_DIR)/host/unit-tests
	rm -rf $(EXT2_OUT) && mkdir -p $(EXT2_OUT)
	EXT2_OUT=$(EXT2_OUT) $<
	$(if $(wildcard tests/test_ext2.c),tests/ext2_judge.sh $(EXT2_OUT))

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
