# The visualisers: one static site (a page per lab) over the kernel's own C,
# compiled by emcc.  Included by the top-level Makefile.
#
#   make web        build the site into $(BUILD)/web (serve that directory,
#                   or open $(BUILD)/web/index.html from disk)
#   make test-web   build it, then drive it in headless chromium
#
# Objects go under $(BUILD)/wasm-web and the site under $(BUILD)/web, so no
# rule here collides with the kernel's `$(BUILD)/%.o: %.c`.

WEB_EMCC := emcc
WEB_NODE := node
WEB_OUT := $(BUILD)/web
WEB_OBJ := $(BUILD)/wasm-web
# emcc's cache: the system libraries it builds on first use (unfrozen, so
# it may build them) stay in the build tree, shared with the wasm unit tests.
WEB_ENV := NODE_PATH=/usr/share/nodejs EM_CACHE=$(abspath $(BUILD))/emcache EM_FROZEN_CACHE=

# The shared C that lab 1's page runs: exactly the files the kernel runs.
# Every page names error numbers with the kernel's errno_name.
WEB_LAB1_SHARED := kernel/mm/buddy.c kernel/lib/string.c kernel/lib/format.c kernel/lib/errno_name.c
WEB_LAB1_SRCS := $(WEB_LAB1_SHARED) web/bridge/buddy_bridge.c
WEB_LAB1_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB1_SRCS))
# Off the kernel, the page-table code runs over the unit tests' simulated
# physical memory.
WEB_SIM_MEMORY := kernel/arch/hosted/sim_memory.c
# Lab 2's page: the kernel's page-table code and its checker.
WEB_LAB2_SHARED := kernel/mm/pagetable.c kernel/mm/pagetable_check.c kernel/lib/string.c \
	kernel/lib/format.c kernel/lib/errno_name.c
WEB_LAB2_SRCS := $(WEB_LAB2_SHARED) $(WEB_SIM_MEMORY) web/bridge/paging_bridge.c
WEB_LAB2_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB2_SRCS))
# Lab 3's page: the kernel's scheduler and its workload simulator.
WEB_LAB3_SHARED := kernel/sched/sched.c kernel/sched/sched_cfs.c kernel/sched/sched_rr.c \
	kernel/sched/sched_audit.c \
	kernel/sched/sched_sim.c kernel/lib/rbtree.c kernel/lib/string.c kernel/lib/format.c \
	kernel/lib/errno_name.c
WEB_LAB3_SRCS := $(WEB_LAB3_SHARED) web/bridge/sched_bridge.c
WEB_LAB3_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB3_SRCS))
# Lab 4's page: the kernel's loader, step by step (exec_loader.c over
# elf_parse, exec_image.c and ustack_build), into user address spaces (uvm.c
# over pagetable.c) and their checker, and the capability policy over
# system-call traces.  uvm.c allocates its regions with kmalloc: off the
# kernel, the C library's.
WEB_LAB4_SHARED := kernel/exec/elf.c kernel/exec/ustack.c kernel/exec/exec_image.c \
	kernel/exec/exec_loader.c kernel/mm/uvm.c kernel/mm/uvm_check.c kernel/mm/pagetable.c \
	kernel/proc/caps.c kernel/syscall/syscall_table.c kernel/lib/errno_name.c \
	kernel/lib/string.c kernel/lib/format.c
WEB_LAB4_SRCS := $(WEB_LAB4_SHARED) kernel/arch/hosted/kmalloc.c $(WEB_SIM_MEMORY) \
	web/bridge/process_bridge.c
WEB_LAB4_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB4_SRCS))
# Lab 5's page: the kernel's ext2 through its block cache and the VFS,
# over the unit tests' RAM disk holding their 1 KiB mke2fs image (generated
# C, tests/tests.mk).  ext2 allocates with kmalloc, the RAM disk with calloc.
WEB_LAB5_SHARED := $(addprefix kernel/fs/ext2/,$(shell sed -n 's/^shared := //p' kernel/fs/ext2/files.mk)) \
	$(addprefix kernel/block/,$(shell sed -n 's/^shared := //p' kernel/block/files.mk)) \
	$(addprefix kernel/vfs/,$(shell sed -n 's/^shared := //p' kernel/vfs/files.mk)) \
	kernel/lib/errno_name.c kernel/lib/string.c kernel/lib/format.c
WEB_LAB5_SRCS := $(WEB_LAB5_SHARED) kernel/arch/hosted/kmalloc.c kernel/arch/hosted/sleeplock.c \
	tests/fake_blockdev.c web/bridge/ext2_bridge.c
WEB_LAB5_IMAGE_OBJ := $(WEB_OBJ)/ext2_images.o
WEB_LAB5_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB5_SRCS)) $(WEB_LAB5_IMAGE_OBJ)
WEB_OBJS := $(sort $(WEB_LAB1_OBJS) $(WEB_LAB2_OBJS) $(WEB_LAB3_OBJS) $(WEB_LAB4_OBJS) \
	$(filter-out $(WEB_LAB5_IMAGE_OBJ),$(WEB_LAB5_OBJS)))

# Freestanding like the kernel: the kernel's headers (string.h, ...) come
# first, and the compiler may not swap loops for library calls.
WEB_CFLAGS := -std=gnu11 -O2 -g0 -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -Ikernel/include -Ikernel/uapi -iquote kernel/arch/hosted -MMD -MP
# Each lab's module adds -sEXPORT_NAME=AuroraLabN, and exports the shared C's
# name functions its page asks for the names of enums and error numbers.
WEB_LDFLAGS := -O2 -sSINGLE_FILE=1 -sMODULARIZE=1 \
	-sENVIRONMENT=web,node -sFILESYSTEM=0 -sINITIAL_MEMORY=32MB \
	-sALLOW_MEMORY_GROWTH=0 -sEXIT_RUNTIME=0 -sINVOKE_RUN=0 \
	-sEXPORTED_RUNTIME_METHODS=UTF8ToString -sDEFAULT_TO_CXX=0 -sAUTO_NATIVE_LIBRARIES=0 \
	-sMALLOC=none \
	--no-entry
# What every page asks its module for: the names of error numbers.
WEB_NAMES := _errno_name

# The page's static files, copied as they are.
WEB_STATIC := index.html common.js style.css lab1.html lab1.js lab2.html lab2.js lab3.html lab3.js \
	lab4.html lab4.js lab5.html lab5.js
WEB_SITE := $(addprefix $(WEB_OUT)/,$(WEB_STATIC)) $(WEB_OUT)/lab1-module.js $(WEB_OUT)/lab2-module.js \
	$(WEB_OUT)/lab3-module.js $(WEB_OUT)/lab4-module.js $(WEB_OUT)/lab4-programs.js \
	$(WEB_OUT)/lab4-traces.js $(WEB_OUT)/lab5-module.js

# Lab 4 shows user programs, built by user/user.mk (included after this file,
# hence our own name for its output directory).
web: user $(WEB_SITE)

$(WEB_OBJS): $(WEB_OBJ)/%.o: %.c | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_CFLAGS) -c $< -o $@

$(WEB_OUT)/lab1-module.js: $(WEB_LAB1_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_LDFLAGS) -sEXPORT_NAME=AuroraLab1 \
		-sEXPORTED_FUNCTIONS=$(WEB_NAMES),_frame_state_name,_buddy_event_name $(WEB_LAB1_OBJS) -o $@

# 64-bit addresses and entries cross to JavaScript as BigInt.
$(WEB_OUT)/lab2-module.js: $(WEB_LAB2_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_LDFLAGS) -sEXPORT_NAME=AuroraLab2 -sWASM_BIGINT=1 \
		-sEXPORTED_FUNCTIONS=$(WEB_NAMES),_sim_frame_kind_name,_pt_level_name,_pt_flag_name,_pt_access_name \
		$(WEB_LAB2_OBJS) -o $@

# Times cross as doubles of nanoseconds (exact below 2^53): no BigInt needed.
$(WEB_OUT)/lab3-module.js: $(WEB_LAB3_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_LDFLAGS) -sEXPORT_NAME=AuroraLab3 \
		-sEXPORTED_FUNCTIONS=$(WEB_NAMES) $(WEB_LAB3_OBJS) -o $@

# Regions and argument strings come from kmalloc: this module has an allocator.
$(WEB_OUT)/lab4-module.js: $(WEB_LAB4_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(filter-out -sMALLOC=%,$(WEB_LDFLAGS)) -sMALLOC=emmalloc \
		-sEXPORT_NAME=AuroraLab4 -sWASM_BIGINT=1 \
		-sEXPORTED_FUNCTIONS=$(WEB_NAMES),_sim_frame_kind_name,_exec_step_name $(WEB_LAB4_OBJS) -o $@

# The bridge reads the tests' disk image and RAM disk (tests/).
$(WEB_OBJ)/web/bridge/ext2_bridge.o $(WEB_OBJ)/tests/fake_blockdev.o: WEB_CFLAGS += -iquote tests -iquote kernel/fs/ext2

$(WEB_LAB5_IMAGE_OBJ): $(UNIT_DIR)/ext2_images.c | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_CFLAGS) -iquote tests -c $< -o $@

# The disk and a snapshot of it (1 MiB each) come from kmalloc: an allocator.
$(WEB_OUT)/lab5-module.js: $(WEB_LAB5_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(filter-out -sMALLOC=%,$(WEB_LDFLAGS)) -sMALLOC=emmalloc \
		-sEXPORT_NAME=AuroraLab5 -sEXPORTED_FUNCTIONS=$(WEB_NAMES) $(WEB_LAB5_OBJS) -o $@

# --- lab 4's programs and their system-call traces ----------------------------

# The copies without DWARF (user/user.mk), as the initrd has them: the page
# downloads them.
WEB_USER_BIN := $(USER_STRIPPED)
WEB_SYSTRACE := $(BUILD)/tools/systrace
WEB_EMBED := /usr/bin/python3 tools/embed_programs.py
# The programs the page loads, and those it shows traces of (their command
# lines are in tools/embed_programs.py).
WEB_LAB4_PROGRAMS := echo cat musl-hello
WEB_LAB4_TRACED := cat echo ls wc mkdir sandbox sh musl-hello

# A host tool (ptrace, the C library): the host's compiler, not the kernel's flags.
$(WEB_SYSTRACE): tools/systrace.c kernel/uapi/aurora/syscall_list.h | deps-build
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -iquote kernel/include -iquote kernel/uapi -o $@ tools/systrace.c

$(WEB_OUT)/lab4-programs.js: tools/embed_programs.py $(addprefix $(WEB_USER_BIN)/,$(WEB_LAB4_PROGRAMS)) | user
	@mkdir -p $(@D)
	$(WEB_EMBED) programs $@ --bin $(WEB_USER_BIN) $(WEB_LAB4_PROGRAMS)

$(WEB_OUT)/lab4-traces.js: tools/embed_programs.py $(WEB_SYSTRACE) user/etc/motd \
		$(addprefix $(WEB_USER_BIN)/,$(WEB_LAB4_TRACED)) | user
	@mkdir -p $(@D)
	$(WEB_EMBED) traces $@ --bin $(WEB_USER_BIN) --systrace $(WEB_SYSTRACE) --motd user/etc/motd \
		$(WEB_LAB4_TRACED)

# Static files, copied as they are: these pages' and the desktop's (web/os/os.mk).
$(WEB_OUT)/%: web/%
	@mkdir -p $(@D)
	cp $< $@

-include $(WEB_OBJS:.o=.d)

# The browser test: playwright-core (npm, see web/package.json) drives
# Debian's chromium against a local server of $(WEB_OUT).  Every test file
# runs, and ends with its own "N passed, M failed"; the target fails if any did.
# A student's tree holds the tests of the labs handed out so far.
WEB_TESTS := $(sort $(wildcard web/tests/lab*.test.mjs))
test-web: web | deps-test
	@status=0; for t in $(WEB_TESTS); do \
		echo "== $$t"; \
		AURORA_WEB_DIR=$(abspath $(WEB_OUT)) \
		AURORA_ARTIFACTS=$(abspath $(BUILD))/test-artifacts \
			$(WEB_NODE) $$t || status=1; \
	done; exit $$status

.PHONY: web test-web
