# Aurora in the browser: the kernel's core over the wasm HAL, built with
# emcc from the very files the x86_64 kernel runs, and the user programs
# built to WebAssembly (user/wasm.mk).  Included by the top-level Makefile.
#
#   make browser-kernel   $(BUILD)/browser/kernel.js (the module, wasm inside)
#   make browser-disk     $(BUILD)/browser/aurora.img, its root file system
#   make test-targets     the same user-level tests on both kernels, compared
#                         line by line (tests/targets)
#   make browser-site     the desktop page (web/os.html) added to $(BUILD)/web
#   make browser          the whole site, served on http://127.0.0.1:$(PORT)
#
# The kernel is every shared and core file (each kernel/*/files.mk says
# which) and kernel/arch/wasm; user address spaces are WebAssembly memories
# there (arch/wasm/user_space.c), so the page-table implementation of the
# same interface, uvm.c and its checker, stays out.

BROWSER_OUT := $(BUILD)/browser
BROWSER_OBJ := $(BUILD)/wasm-kernel
BROWSER_ARCH_SRCS := $(wildcard kernel/arch/wasm/*.c)
BROWSER_KERNEL_SRCS := $(filter-out kernel/mm/uvm.c kernel/mm/uvm_check.c,$(SHARED_SRCS)) \
	$(CORE_SRCS) $(BROWSER_ARCH_SRCS)
BROWSER_KERNEL_OBJS := $(patsubst %.c,$(BROWSER_OBJ)/%.o,$(BROWSER_KERNEL_SRCS))
BROWSER_RUNTIME := kernel/arch/wasm/runtime.js kernel/arch/wasm/user_programs.js \
	kernel/arch/wasm/host.js

# As the unit tests compile the kernel's files for wasm: its headers by
# quotes, the C library's (emscripten's) by angle brackets.
BROWSER_CFLAGS := -std=gnu11 -O2 -g0 -Wall -Wextra -Werror -fno-builtin \
	-iquote kernel/include -iquote kernel/uapi -iquote kernel/arch/wasm -MMD -MP
# ASYNCIFY: threads are fibers, and the idle thread waits for events.
# The stack unwound on an idle wait is the boot's, which is shallow.
BROWSER_LDFLAGS := -O2 -sASYNCIFY -sASYNCIFY_IMPORTS=['aurora_wait_for_event'] \
	-sASYNCIFY_STACK_SIZE=65536 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=32MB \
	-sMODULARIZE=1 -sEXPORT_NAME=AuroraKernel -sSINGLE_FILE=1 \
	-sENVIRONMENT=web,worker,node -sFILESYSTEM=0 -sEXIT_RUNTIME=0 -sINVOKE_RUN=0 \
	-sEXPORTED_FUNCTIONS=['_aurora_boot'] -sEXPORTED_RUNTIME_METHODS=['ccall'] \
	--js-library kernel/arch/wasm/runtime.js --pre-js kernel/arch/wasm/user_programs.js \
	--post-js kernel/arch/wasm/host.js

# The disk the native build makes ($(DISK_IMAGE)), with every program that
# builds for both targets carrying its WebAssembly module (user-dual): the
# image boots in QEMU as well as in the browser.
BROWSER_DISK := $(BROWSER_OUT)/aurora.img
BROWSER_NATIVE_ONLY := $(filter-out $(WASM_USER_PROGS),$(USER_PROGS) $(MUSL_PROGS))
BROWSER_DISK_ENTRIES := $(foreach p,$(WASM_USER_PROGS),bin/$(p)=$(WASM_USER_DUAL)/$(p)) \
	$(foreach p,$(BROWSER_NATIVE_ONLY),bin/$(p)=$(USER_STRIPPED)/$(p)) \
	$(filter-out bin/%,$(INITRD_ENTRIES)) $(DISK_HOME_ENTRIES)

browser-kernel: $(BROWSER_OUT)/kernel.js
browser-disk: $(BROWSER_DISK)

$(BROWSER_DISK): tools/mkdisk.py $(WASM_USER_DUALS) $(INITRD_INPUTS) $(DISK_HOME) | deps-run
	@mkdir -p $(@D)
	@echo "  DISK    $@"
	@$(MKDISK) $@ $(BROWSER_DISK_ENTRIES)

$(BROWSER_KERNEL_OBJS): $(BROWSER_OBJ)/%.o: %.c | deps-web
	@mkdir -p $(@D)
	@echo "  EMCC    $<"
	@$(WEB_ENV) $(WEB_EMCC) $(BROWSER_CFLAGS) -c $< -o $@

$(BROWSER_OUT)/kernel.js: $(BROWSER_KERNEL_OBJS) $(BROWSER_RUNTIME) web/os/os.mk | deps-web
	@mkdir -p $(@D)
	@echo "  EMLD    $@"
	@$(WEB_ENV) $(WEB_EMCC) $(BROWSER_LDFLAGS) $(BROWSER_KERNEL_OBJS) -o $@

# The graders' QEMU machinery boots the x86_64 kernel; Node the browser's.
# A student's tree has the test from the last lab on (tools/handout-files).
TARGETS_TEST := $(wildcard tests/targets/test_*.py)
test-targets: $(if $(TARGETS_TEST),$(BUILD)/kernel.elf $(BROWSER_OUT)/kernel.js $(BROWSER_DISK)) | deps-test
	$(if $(TARGETS_TEST),$(PYTEST) -q -p no:cacheprovider tests/targets,@echo "  (no tests/targets in this tree)")

-include $(BROWSER_KERNEL_OBJS:.o=.d)

# --- the desktop page --------------------------------------------------------

# web/os.html and its scripts (web/os/), the kernel and its disk, and
# xterm.js from npm (web/package.json), all copied: the site needs no
# network, and no step beyond make.  The page keeps its disk in the
# browser's storage, which a page gets only from a secure context: served
# over http from 127.0.0.1 (or https), not opened from a file.
BROWSER_PAGE := os.html $(addprefix os/,main.js machine.js kernel-worker.js opfs-disk.js desktop.js \
	frame.js terminal.js files.js disk.js labs.js os.css)
XTERM_NPM := web/node_modules/@xterm/xterm/lib/xterm.js web/node_modules/@xterm/xterm/css/xterm.css \
	web/node_modules/@xterm/addon-fit/lib/addon-fit.js
XTERM_SITE := $(addprefix $(WEB_OUT)/xterm/,$(notdir $(XTERM_NPM)))
BROWSER_SITE := $(addprefix $(WEB_OUT)/,$(BROWSER_PAGE) kernel.js aurora.img) $(XTERM_SITE)
PORT ?= 8000

browser-site: $(BROWSER_SITE)

browser: web browser-site
	@echo "Aurora in the browser: http://127.0.0.1:$(PORT)/os.html   (Ctrl-C stops the server)"
	@/usr/bin/python3 -m http.server --bind 127.0.0.1 --directory $(WEB_OUT) $(PORT)

$(WEB_OUT)/kernel.js $(WEB_OUT)/aurora.img: $(WEB_OUT)/%: $(BROWSER_OUT)/%
	@mkdir -p $(@D)
	cp $< $@

# npm's files carry a fixed old date: only their absence asks for npm.
$(XTERM_NPM) &:
	cd web && npm ci --no-audit --no-fund --loglevel=error

$(XTERM_SITE) &: $(XTERM_NPM)
	@mkdir -p $(@D)
	cp $^ $(@D)

# make test-web drives the desktop too, in the trees that have its test
# (a student's from the last lab on: tools/handout-files).
BROWSER_TEST := $(wildcard web/tests/os.test.mjs)
WEB_TESTS += $(BROWSER_TEST)
test-web: $(if $(BROWSER_TEST),browser-site)

.PHONY: browser-kernel browser-disk test-targets browser-site browser
