# Aurora: a teaching operating system for x86_64.
#
#   make            build the kernel (build/kernel.elf)
#   make iso        a GRUB2 ISO that boots on BIOS and UEFI (build/aurora.iso)
#   make qemu       boot it (a window if there is a display, else the terminal),
#                   with the disk image $(DISK) as the IDE disk (make qemu DISK= for none)
#   make qemu-nox   boot it on the terminal; quit with Ctrl-a x
#   make qemu-gdb / qemu-nox-gdb   wait for gdb on port $(GDBPORT)
#   make bochs      boot it in Bochs (headless, serial on the terminal; Ctrl-a x quits)
#   make grade LAB=n  run a lab's grader;  make test  every test
#   make disk       the disk image (build/disk.img);  make disk-clean  throw it away
#   make web        build the visualisers;  make bench  Aurora vs Linux;  make clean
#   make user-wasm  the programs as WebAssembly modules (user/wasm.mk)
#
# Every target that needs a Debian package installs what is missing first.

BUILD := build
LAB ?= 1
CMDLINE ?=
MEM ?= 128M
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

CC := gcc
LD := ld
NM := nm
PYTEST := /usr/bin/python3 -m pytest
DEPS := tools/install-deps.sh

# --- the kernel -------------------------------------------------------------

# Each directory under kernel/ is one concept, and its files.mk says which of
# its files are
#   shared:      pure computation, compiled into the kernel, the host unit
#                tests and wasm.  It cannot include an arch header: those
#                are on the kernel's include path only, so the host build
#                of such a file fails.
#   core:        the kernel's own machinery over the HAL (threads, processes,
#                system calls, the file-system calls, pipes, the terminal),
#                compiled into both kernels: this one and the browser's
#                (web/os/os.mk), never into the host unit tests.
#   kernel-only: compiled into the x86_64 kernel alone (memory management
#                over real frames, drivers, the monitor, the boot).
# kernel/arch/x86_64 is kernel-only as a whole.  A C file under kernel/ that
# no files.mk declares stops the build: it would silently not be compiled.
define declare_directory
shared :=
core :=
kernel-only :=
include $(1)/files.mk
SHARED_SRCS += $$(addprefix $(1)/,$$(shared))
CORE_SRCS += $$(addprefix $(1)/,$$(core))
KERNEL_ONLY_SRCS += $$(addprefix $(1)/,$$(kernel-only))
endef
SHARED_SRCS :=
CORE_SRCS :=
KERNEL_ONLY_SRCS :=
KERNEL_DIRS := $(patsubst %/files.mk,%,$(wildcard kernel/*/files.mk kernel/*/*/files.mk))
$(foreach dir,$(KERNEL_DIRS),$(eval $(call declare_directory,$(dir))))
UNDECLARED_SRCS := $(filter-out $(SHARED_SRCS) $(CORE_SRCS) $(KERNEL_ONLY_SRCS), \
	$(shell find kernel -path kernel/arch -prune -o -name '*.c' -print))
$(if $(UNDECLARED_SRCS),$(error $(UNDECLARED_SRCS): in no files.mk))
ARCH_SRCS := $(wildcard kernel/arch/x86_64/*.c kernel/arch/x86_64/*.S)
KERNEL_SRCS := $(SHARED_SRCS) $(CORE_SRCS) $(KERNEL_ONLY_SRCS) $(ARCH_SRCS)
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(KERNEL_SRCS))) $(BUILD)/gen/font8x16.o
FONT := /usr/share/consolefonts/Lat15-Terminus16.psf.gz

KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-stack-protector -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -mno-sse -mno-mmx -mno-80387 \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls \
	-Ikernel/include -Ikernel/uapi -Ikernel/arch/x86_64 -MMD -MP
KERNEL_LDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack \
	-T kernel/arch/x86_64/kernel.ld

all: $(BUILD)/kernel.elf

$(BUILD)/%.o: %.c | deps-build
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S | deps-build
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# The framebuffer console's font, converted from Debian's console fonts.
$(FONT): | deps-build
$(BUILD)/gen/font8x16.o: $(BUILD)/gen/font8x16.c
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/gen/font8x16.c: tools/psf2c.py | $(FONT)
	@mkdir -p $(@D)
	@echo "  FONT    $@"
	@/usr/bin/python3 tools/psf2c.py $(FONT) > $@

# Backtraces print function names, so the kernel carries its own symbol
# table.  Link once with an empty table, list the functions, link again: the
# table sits after all code, so no function moves between the two links.
$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o kernel/arch/x86_64/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o

$(BUILD)/ksyms-empty.S:
	@mkdir -p $(@D)
	@tools/mksyms.sh /dev/null > $@

$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf tools/mksyms.sh
	@$(NM) -n $< > $@.nm
	@tools/mksyms.sh $@.nm > $@

$(BUILD)/ksyms.o $(BUILD)/ksyms-empty.o: %.o: %.S
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(BUILD)/ksyms.o kernel/arch/x86_64/kernel.ld
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.o
	@tools/check-symbols.sh $(BUILD)/kernel.pass1.elf $@

-include $(KERNEL_OBJS:.o=.d)

# --- the bootable image -----------------------------------------------------

ISO ?= $(BUILD)/aurora.iso

# grub.cfg is rewritten only when the command line changes.
$(BUILD)/iso-%/boot/grub/grub.cfg: FORCE
	@mkdir -p $(@D)
	@sed 's|@CMDLINE@|$(CMDLINE)|' kernel/arch/x86_64/grub.cfg.in > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

# The initial ramdisk (user/user.mk builds it from user/) rides along as a
# multiboot2 module.
$(BUILD)/%.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/iso-%/boot/grub/grub.cfg | deps-build
	cp $(BUILD)/kernel.elf $(BUILD)/iso-$*/boot/aurora.elf
	cp $(BUILD)/initrd.cpio $(BUILD)/iso-$*/boot/initrd.cpio
	grub-mkrescue -o $@ $(BUILD)/iso-$* 2> $@.log || { cat $@.log; false; }

iso: $(ISO)

# --- running ----------------------------------------------------------------

# The disk QEMU attaches as the primary IDE master (the kernel's ata0): an
# ext2 image of the initrd's tree plus /home/student, built once and then
# kept, since Aurora writes to it (see "the disk image" below).  DISK=
# boots without a disk; DISK=my.img attaches another raw image.
DISK ?= $(BUILD)/disk.img
comma := ,

QEMU := qemu-system-x86_64
QEMU_FLAGS := -m $(MEM) -cpu qemu64 -smp 1 -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom $(ISO) \
	$(if $(DISK),-drive file=$(DISK)$(comma)format=raw$(comma)if=ide$(comma)index=0)
QEMU_GDB := -S -gdb tcp::$(GDBPORT)

qemu: $(ISO) $(DISK) deps-run
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(QEMU) $(QEMU_FLAGS) -serial mon:stdio; \
	else \
		echo "No display: running on this terminal (quit with Ctrl-a x)."; \
		$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio; \
	fi

qemu-nox: $(ISO) $(DISK) deps-run
	@echo "Quit with Ctrl-a x."
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio

qemu-gdb: $(ISO) $(DISK) deps-run
	@echo "QEMU waits for gdb: in another terminal, run 'gdb' here (.gdbinit attaches to port $(GDBPORT))."
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio $(QEMU_GDB)

qemu-nox-gdb: $(ISO) $(DISK) deps-run
	@echo "QEMU waits for gdb: in another terminal, run 'gdb' here (.gdbinit attaches to port $(GDBPORT))."
	@echo "Quit with Ctrl-a x."
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio $(QEMU_GDB)

bochs: $(ISO) deps-test
	/usr/bin/python3 tools/bochs-run.py $(ISO)

# --- tests ------------------------------------------------------------------

-include tests/tests.mk
# user.mk before web.mk and wasm.mk, whose rules name user.mk's programs.
-include user/user.mk
-include user/wasm.mk
-include web/web.mk
-include web/os/os.mk

# --- the disk image ----------------------------------------------------------

# The initrd's tree (user.mk's INITRD_ENTRIES) and /home/student, on ext2
# (tools/mkdisk.py: 64 MiB, 1 KiB blocks, reproducible).  Aurora writes to
# the image, so tools/mkdisk.py rebuilds it only when the tree it would
# hold changed (keeping the old one as $(BUILD)/disk.img.old);
# make disk-clean throws it away, and the next make qemu starts afresh.
# $(BUILD)/grade-disk.img is the same image for the graders and make
# bench, which never boot it: each boot gets a fresh copy, so it stays
# pristine.
DISK_IMAGE := $(BUILD)/disk.img
GRADE_DISK_IMAGE := $(BUILD)/grade-disk.img
DISK_HOME := $(wildcard user/home/student/*)
DISK_HOME_ENTRIES := $(foreach f,$(DISK_HOME),home/student/$(notdir $(f))=$(f))
MKDISK := /usr/bin/python3 tools/mkdisk.py --size-mib 64 --mode tmp=1777 \
	--generate home/student/data.txt=307200

disk: $(DISK_IMAGE)

$(DISK_IMAGE) $(GRADE_DISK_IMAGE): tools/mkdisk.py tools/mkinitrd.py $(INITRD_INPUTS) $(DISK_HOME) | deps-run
	@mkdir -p $(@D)
	@echo "  DISK    $@"
	@$(MKDISK) $@ $(INITRD_ENTRIES) $(DISK_HOME_ENTRIES)

disk-clean:
	rm -f $(DISK_IMAGE) $(DISK_IMAGE).tree $(DISK_IMAGE).old $(DISK_IMAGE).tmp

grade: $(BUILD)/kernel.elf deps-test
	$(PYTEST) -c grade/pytest.ini grade --lab=$(LAB) $(ARGS)

test-grade: $(BUILD)/kernel.elf deps-test
	$(PYTEST) -c grade/pytest.ini grade --lab=all


# The instructors' targets (make handout, lab-branches, check-handouts) are
# in a file that students' trees do not have.
TEST_TARGETS := test-unit test-user-host test-web test-targets test-grade
-include tools/bench.mk
-include tools/robustness.mk
-include tools/handouts.mk
-include tools/check-graders.mk

test: deps-test
	@for t in $(TEST_TARGETS); do $(MAKE) $$t || exit 1; done

# --- set-up and cleaning ----------------------------------------------------

deps-build deps-run deps-test deps-web deps-wasm deps-bench:
	@$(DEPS) $(@:deps-%=%)

clean:
	rm -rf $(BUILD)

FORCE:

.PHONY: all iso qemu qemu-nox qemu-gdb qemu-nox-gdb bochs disk disk-clean grade test-grade test \
	deps-build deps-run deps-test deps-web deps-wasm deps-bench clean FORCE
.DELETE_ON_ERROR:
.SECONDARY:
