# User space for the browser: every program of user/bin as a WebAssembly
# module, from the same sources and the same C library as user/user.mk's.
# Included by the top-level Makefile, after user/user.mk.
#
#   make user-wasm   $(BUILD)/wasm-user/bin/NAME.wasm for each program
#   make user-dual   $(BUILD)/wasm-user/dual/NAME: the initrd's native ELF
#                    with the module in a section, .aurora.wasm, that no
#                    loader maps: one file runs on x86_64 and in the browser
#
# A module imports one function, aurora.syscall (user/include/arch/wasm),
# and exports its memory, _start and __aurora_signal (user/lib/arch/wasm),
# and __stack_pointer, below which the kernel writes the initial stack.
# wasm32 is ILP32: long and pointers are 32 bits, the kernel's structures
# keep their 64-bit fields (user/include/sys/types.h).
#
# asyncify lets a system call that blocks (read, wait4, ...) unwind the
# module's stack and rewind it later, as the browser cannot block.

WASM_USER := $(BUILD)/wasm-user
WASM_USER_OBJ := $(WASM_USER)/obj
WASM_USER_BIN := $(WASM_USER)/bin
WASM_USER_RAW := $(WASM_USER)/raw
WASM_USER_DUAL := $(WASM_USER)/dual

WASM_CC := clang-14
WASM_LD := wasm-ld-14
WASM_AR := llvm-ar-14
WASM_OPT := wasm-opt

WASM_USER_CFLAGS := --target=wasm32 -std=gnu11 -O2 -Wall -Wextra -Werror \
	-ffreestanding -nostdlib -nostdinc -isystem $(shell $(WASM_CC) -print-resource-dir)/include \
	-mmutable-globals -Iuser/include -Iuser/include/arch/wasm -Ikernel/uapi -MMD -MP
# --fatal-warnings: a call whose type differs from its callee's (a main
# with three parameters, say) is only a warning, and a trap when it runs.
# --global-base: the data starts above the first 4 KiB, which the kernel
# keeps out of reach as x86_64 keeps page zero unmapped, so a null pointer
# given to a system call is -EFAULT on both targets.
WASM_USER_LDFLAGS := --no-entry --export=_start --export=__aurora_signal \
	--export=__stack_pointer -z stack-size=262144 --global-base=4096 --fatal-warnings
WASM_USER_OPTFLAGS := --asyncify --pass-arg=asyncify-imports@aurora.syscall -O2

# Programs about x86_64's address space, which a module does not have: they
# name kernel-half addresses (t_hostile, t_fault kernel) or map 64 GiB and
# 64 TiB (t_oom, t_limits), which no 32-bit pointer or size_t holds, or
# fault on page protections (t_fault), where a module's memory is flat and
# all writable, address 0 included.
WASM_USER_LEFT_OUT := t_fault t_hostile t_limits t_oom
# The benchmark program, built with musl for x86_64, builds against this C
# library too: make bench runs it in the browser kernel as well.
WASM_MUSL_PROGS := musl-bench
WASM_USER_PROGS := $(filter-out $(WASM_USER_LEFT_OUT),$(USER_PROGS)) $(WASM_MUSL_PROGS)
WASM_USER_MODULES := $(patsubst %,$(WASM_USER_BIN)/%.wasm,$(WASM_USER_PROGS))
WASM_USER_DUALS := $(addprefix $(WASM_USER_DUAL)/,$(WASM_USER_PROGS))

# The entry points the kernel calls go first and outside the archive, as
# crt0 does natively: nothing in a program refers to them.
WASM_USER_ENTRY_SRCS := user/lib/arch/wasm/crt0.c user/lib/arch/wasm/sigreturn.c
WASM_USER_LIB_SRCS := $(wildcard user/lib/*.c) \
	$(filter-out $(WASM_USER_ENTRY_SRCS),$(wildcard user/lib/arch/wasm/*.c)) $(USER_SHARED_SRCS)
WASM_USER_ENTRY_OBJS := $(patsubst %.c,$(WASM_USER_OBJ)/%.o,$(WASM_USER_ENTRY_SRCS))
WASM_USER_LIB_OBJS := $(patsubst %.c,$(WASM_USER_OBJ)/%.o,$(WASM_USER_LIB_SRCS))
WASM_USER_LIBC := $(WASM_USER)/libc.a
wasm_prog_srcs = $(or $(call user_prog_srcs,$(1)),$(patsubst musl-%,user/musl/%.c,$(1)))
WASM_USER_PROG_OBJS := $(foreach p,$(WASM_USER_PROGS), \
	$(patsubst %.c,$(WASM_USER_OBJ)/%.o,$(call wasm_prog_srcs,$(p))))
WASM_USER_OBJS := $(WASM_USER_ENTRY_OBJS) $(WASM_USER_LIB_OBJS) $(WASM_USER_PROG_OBJS)

user-wasm: $(WASM_USER_MODULES)
user-dual: $(WASM_USER_DUALS)

$(WASM_USER_OBJ)/kernel/%.o $(WASM_USER_OBJ)/user/lib/%.o: WASM_USER_CFLAGS += -iquote kernel/include

$(WASM_USER_OBJS): $(WASM_USER_OBJ)/%.o: %.c user/wasm.mk | deps-wasm
	@mkdir -p $(@D)
	@echo "  WASMCC  $<"
	@$(WASM_CC) $(WASM_USER_CFLAGS) -c $< -o $@

$(WASM_USER_LIBC): $(WASM_USER_LIB_OBJS)
	@echo "  AR      $@"
	@rm -f $@
	@$(WASM_AR) rcs $@ $^

# Linked into $(WASM_USER_RAW), then asyncified; the raw module stays, to
# compare with (wasm-dis shows what asyncify added).
$(WASM_USER_MODULES): $(WASM_USER_BIN)/%.wasm: $(WASM_USER_ENTRY_OBJS) $(WASM_USER_LIBC)
	@mkdir -p $(@D) $(WASM_USER_RAW)
	@echo "  WASMLD  $@"
	@$(WASM_LD) $(WASM_USER_LDFLAGS) -o $(WASM_USER_RAW)/$*.wasm $(WASM_USER_ENTRY_OBJS) \
		$(filter-out $(WASM_USER_ENTRY_OBJS) $(WASM_USER_LIBC),$^) $(WASM_USER_LIBC)
	@$(WASM_OPT) $(WASM_USER_OPTFLAGS) $(WASM_USER_RAW)/$*.wasm -o $@

$(foreach p,$(WASM_USER_PROGS),$(eval $(WASM_USER_BIN)/$(p).wasm: \
	$(patsubst %.c,$(WASM_USER_OBJ)/%.o,$(call wasm_prog_srcs,$(p)))))

# noload: the section takes no memory in the process, and x86_64's loader,
# which maps PT_LOAD segments, never sees it.
$(WASM_USER_DUALS): $(WASM_USER_DUAL)/%: $(USER_STRIPPED)/% $(WASM_USER_BIN)/%.wasm
	@mkdir -p $(@D)
	@echo "  DUAL    $@"
	@objcopy --add-section .aurora.wasm=$(WASM_USER_BIN)/$*.wasm \
		--set-section-flags .aurora.wasm=noload,readonly $< $@

-include $(WASM_USER_OBJS:.o=.d)

.PHONY: user-wasm user-dual
