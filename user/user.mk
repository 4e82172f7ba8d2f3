# User space: the C library, the programs and the initial ramdisk.
#
#   make user            every program into $(BUILD)/user/bin, and $(BUILD)/initrd.cpio
#   make test-user-host  run some programs on this Linux host: the system-call
#                        ABI is Linux's, so they run here unchanged
#
# Programs are static, freestanding ELF executables (ET_EXEC, no PIE) linked
# with user/lib, except user/musl/*.c, built with Debian's musl-gcc to show
# that a program from an ordinary Linux toolchain runs too.  A program is
# one file, user/bin/NAME.c, or a directory of them, user/bin/NAME/*.c.
# They carry DWARF (-g) in $(BUILD)/user/bin, for gdb (docs/debugging.md);
# the initrd holds copies without it, as small as programs built without -g.
# What differs between machines (entering the kernel, program entry, vfork,
# the signal trampoline) is in user/include/arch/ARCH and user/lib/arch/ARCH;
# user/wasm.mk builds the same programs for the browser.

USER_BIN := $(BUILD)/user/bin
USER_STRIPPED := $(BUILD)/user/stripped
USER_OBJ := $(BUILD)/user/obj

USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-stack-protector -fno-pie -Iuser/include -Iuser/include/arch/x86_64 -Ikernel/uapi -MMD -MP
USER_LDFLAGS := -static -nostdlib -no-pie -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack

# Programs see the C library's headers and the kernel's user ABI
# (kernel/uapi/aurora), nothing else of the kernel.  The C library takes
# some of the kernel's shared code as it is: the printf engine, string
# functions, errno names, capability names (with the syscall table they
# use), the line editor; those files, and the library's own that wrap
# them, also see the kernel's headers.
USER_SHARED_SRCS := kernel/lib/format.c kernel/lib/string.c kernel/lib/errno_name.c \
	kernel/proc/caps.c kernel/syscall/syscall_table.c kernel/tty/lineedit.c
USER_LIB_SRCS := $(wildcard user/lib/*.c) \
	$(filter-out %/crt0.S,$(wildcard user/lib/arch/x86_64/*.S)) $(USER_SHARED_SRCS)
USER_LIB_OBJS := $(patsubst %,$(USER_OBJ)/%.o,$(basename $(USER_LIB_SRCS)))
USER_CRT0 := $(USER_OBJ)/user/lib/arch/x86_64/crt0.o
USER_LIBC := $(BUILD)/user/libc.a

USER_PROG_SRCS := $(wildcard user/bin/*.c user/bin/*/*.c)
USER_PROGS := $(sort $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c)) \
	$(patsubst user/bin/%/,%,$(dir $(wildcard user/bin/*/*.c))))
USER_PROG_BINS := $(addprefix $(USER_BIN)/,$(USER_PROGS))
user_prog_srcs = $(wildcard user/bin/$(1).c user/bin/$(1)/*.c)
user_prog_objs = $(patsubst %.c,$(USER_OBJ)/%.o,$(call user_prog_srcs,$(1)))
MUSL_PROGS := $(patsubst user/musl/%.c,musl-%,$(wildcard user/musl/*.c))
MUSL_PROG_BINS := $(addprefix $(USER_BIN)/,$(MUSL_PROGS))
USER_STRIPPED_BINS := $(addprefix $(USER_STRIPPED)/,$(USER_PROGS) $(MUSL_PROGS))

USER_C_OBJS := $(patsubst %.c,$(USER_OBJ)/%.o,$(filter %.c,$(USER_LIB_SRCS)) $(USER_PROG_SRCS))
USER_S_OBJS := $(patsubst %.S,$(USER_OBJ)/%.o,$(filter %.S,$(USER_LIB_SRCS)) user/lib/arch/x86_64/crt0.S)

user: $(USER_PROG_BINS) $(MUSL_PROG_BINS) $(BUILD)/initrd.cpio

$(USER_OBJ)/kernel/%.o $(USER_OBJ)/user/lib/%.o: USER_CFLAGS += -iquote kernel/include

# The flags are in this file: changing them rebuilds every object.
$(USER_C_OBJS): $(USER_OBJ)/%.o: %.c user/user.mk | deps-build
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_S_OBJS): $(USER_OBJ)/%.o: %.S user/user.mk | deps-build
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_LIBC): $(USER_LIB_OBJS)
	@echo "  AR      $@"
	@rm -f $@
	@ar rcs $@ $^

# crt0 goes first and outside the archive: nothing refers to _start, so
# the linker would not take it from one.  Each program's own objects are
# its other prerequisites, given below.
$(USER_PROG_BINS): $(USER_BIN)/%: $(USER_CRT0) $(USER_LIBC)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(filter-out $(USER_CRT0) $(USER_LIBC),$^) \
		$(USER_LIBC) -lgcc

$(foreach p,$(USER_PROGS),$(eval $(USER_BIN)/$(p): $(call user_prog_objs,$(p))))

# -no-pie: Debian's gcc makes PIE by default, and although -static then
# still links an ET_EXEC, say so rather than rely on it.
$(MUSL_PROG_BINS): $(USER_BIN)/musl-%: user/musl/%.c user/user.mk | deps-build
	@mkdir -p $(@D)
	@echo "  MUSL    $<"
	@musl-gcc -static -no-pie -O2 -g -Wall -Wextra -Werror -Ikernel/uapi -o $@ $<

# --strip-debug keeps the symbol table, which the programs had before -g.
$(USER_STRIPPED_BINS): $(USER_STRIPPED)/%: $(USER_BIN)/%
	@mkdir -p $(@D)
	@strip --strip-debug -o $@ $<

# The initrd's tree, as tools/mkinitrd.py's entries; the disk image
# (DISK, in the Makefile) holds the same tree.
INITRD_ENTRIES := $(foreach p,$(USER_PROGS) $(MUSL_PROGS),bin/$(p)=$(USER_STRIPPED)/$(p)) \
	etc/motd=user/etc/motd tmp/ dev/
INITRD_INPUTS := user/etc/motd $(USER_STRIPPED_BINS)

$(BUILD)/initrd.cpio: tools/mkinitrd.py $(INITRD_INPUTS)
	@echo "  CPIO    $@"
	@/usr/bin/python3 tools/mkinitrd.py $@ $(INITRD_ENTRIES)

-include $(USER_C_OBJS:.o=.d) $(USER_S_OBJS:.o=.d)

# --- on the host --------------------------------------------------------------

# Each line runs a program natively and fails the target if its output or
# exit status is wrong.  The shell finds commands through PATH.
USER_HOST_SH := </dev/null env -i PATH=$(abspath $(USER_BIN)) $(USER_BIN)/sh -c

USER_TMP := $(abspath $(BUILD))/user/host-test.txt
USER_TMP_DIR := $(abspath $(BUILD))/user/host-test-dir
USER_BIN_ABS := $(abspath $(USER_BIN))

test-user-host: user
	@echo "  HOST    sh: pipelines, \$$?, quotes, redirections (2>&1, umask), signals, variables"
	@test "$$($(USER_HOST_SH) 'echo a b | wc')" = "      1       2       4"
	@test "$$($(USER_HOST_SH) 'false; echo $$?; true; echo $$?')" = "$$(printf '1\n0')"
	@test "$$($(USER_HOST_SH) "echo 'a  b' \"c \$$?\" d\\ e | cat")" = "a  b c 0 d e"
	@test "$$($(USER_HOST_SH) 'echo hi > $(USER_TMP); echo ho >> $(USER_TMP); wc -l < $(USER_TMP)')" = "      2"
	@test "$$($(USER_HOST_SH) 'ls /nosuch 2>&1 | wc -l; echo x 2>$(USER_TMP) >&2; cat $(USER_TMP)')" = \
		"$$(printf '      1\nx')"
	@test "$$($(USER_HOST_SH) 'cat < /nosuch; echo $$?; pwd >&7; echo $$?' 2>&1)" = \
		"$$(printf 'sh: /nosuch: No such file or directory\n1\nsh: 7: Bad file descriptor\n1')"
	@test "$$($(USER_HOST_SH) 'rm -f $(USER_TMP); umask 027; umask; echo x > $(USER_TMP); ls -l $(USER_TMP)')" = \
		"$$(printf '0027\n-rw-r-----  1        2 $(USER_TMP)')"
	@test "$$($(USER_HOST_SH) 't_fault null; echo $$?' 2>&1)" = "$$(printf 'Segmentation fault\n139')"
	@test "$$($(USER_HOST_SH) 'nosuch; echo $$?' 2>&1)" = "$$(printf 'sh: nosuch: not found\n127')"
	@$(USER_HOST_SH) 'exit 3'; test $$? = 3
	@test "$$($(USER_HOST_SH) 'X=1; echo $$X $${X}y; export X; sh -c "echo \$$X"; unset X; echo [$$X]')" = \
		"$$(printf '1 1y\n1\n[]')"
	@echo "  HOST    sh at a terminal: job control, editing, completion (user/test_sh_pty.py)"
	@SH_UNDER_TEST=$(abspath $(USER_BIN))/sh $(PYTEST) -q -p no:cacheprovider user/test_sh_pty.py
	@echo "  HOST    cksum and stat against Linux's; mkdir -p, cp -r, ln -s, mv, touch, rm -r, rmdir -p"
	@test "$$($(USER_BIN)/cksum README.md $(USER_BIN)/sh)" = "$$(cksum README.md $(USER_BIN)/sh)"
	@test "$$($(USER_BIN)/stat README.md / | grep -v Birth)" = "$$(stat README.md / | grep -v Birth)"
	@rm -rf $(USER_TMP_DIR) && $(USER_BIN)/mkdir -p $(USER_TMP_DIR)/a/b
	@$(USER_BIN)/cp -r user/lib $(USER_TMP_DIR)/a/b && diff -r user/lib $(USER_TMP_DIR)/a/b/lib
	@$(USER_BIN)/rm -r $(USER_TMP_DIR)/a/b/lib
	@cd $(USER_TMP_DIR)/a/b && umask 022 && $(USER_BIN_ABS)/touch f && $(USER_BIN_ABS)/ln -s f l && \
		$(USER_BIN_ABS)/mv f g && test "$$($(USER_BIN_ABS)/ls -l l g)" = \
		"$$(printf 'lrwxrwxrwx  1        1 l -> f\n-rw-r--r--  1        0 g')" && \
		$(USER_BIN_ABS)/rm l g
	@cd $(USER_TMP_DIR)/.. && $(USER_BIN_ABS)/rmdir -p $(notdir $(USER_TMP_DIR))/a/b
	@test ! -e $(USER_TMP_DIR)
	@for t in t_pipe t_fork t_cow t_libsignal t_partial t_limits t_hostile t_errors; do \
		echo "  HOST    $$t"; \
		$(USER_BIN)/$$t > $(BUILD)/user/$$t.out || { cat $(BUILD)/user/$$t.out; exit 1; }; \
	done
	@echo "  HOST    t_fs"
	@rm -rf $(BUILD)/user/t_fs.dir
	@$(USER_BIN)/t_fs $(abspath $(BUILD))/user/t_fs.dir > $(BUILD)/user/t_fs.out || \
		{ cat $(BUILD)/user/t_fs.out; exit 1; }
	@echo "  HOST    musl-hello musl-forkpipe musl-signals"
	@test "$$($(USER_BIN)/musl-hello)" = "hello from musl"
	@$(USER_BIN)/musl-forkpipe > /dev/null
	@$(USER_BIN)/musl-signals > $(BUILD)/user/musl-signals.out || { cat $(BUILD)/user/musl-signals.out; exit 1; }

.PHONY: user test-user-host
