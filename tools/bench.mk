# make bench: Aurora and Linux, the same benchmark program on the same QEMU,
# and the browser kernel under Node (tools/bench.py, docs/benchmarks.md).
# Included by the top-level Makefile.
#
#   make bench        three rounds, each benchmark at least 0.5 s a loop
#   make test-bench   one quick round on both kernels: every row comes out
#
# Linux is Debian's own cloud kernel (linux-image-cloud-amd64), booted by
# GRUB from an ISO like Aurora's, with an initramfs whose /init is the
# benchmark.  Each kernel boots twice a round: without a disk for the
# memory rows, and on a fresh copy of the graders' pristine disk image
# (ext2, 1 KiB blocks) for the ext2 rows, which work in its /tmp.

BENCH_DIR := $(BUILD)/bench
BENCH_PROGRAM := $(USER_BIN)/musl-bench
BENCH_RUN := /usr/bin/python3 tools/bench.py --aurora $(BUILD)/bench.iso --disk $(GRADE_DISK_IMAGE) \
	--browser $(BROWSER_DISK) --chromium
# The browser kernel under Node, on the browser's disk, and in Chromium, on
# the desktop page's copy of it (web/os/os.mk).
BENCH_BROWSER := $(BROWSER_OUT)/kernel.js $(BROWSER_DISK) browser-site

# The newest cloud kernel: found when a recipe runs, since deps-bench may
# install it after make has read this file.
LINUX_KERNEL := $$(ls /boot/vmlinuz-*-cloud-amd64 | sort -V | tail -n 1)
# Its IDE disk's drivers are modules (its ext4 is built in, and mounts ext2).
LINUX_DISK_MODULES := ata_piix sd_mod

$(BENCH_DIR)/linux-initramfs.cpio: $(BENCH_PROGRAM) tools/mkinitrd.py tools/linux-modules.py | deps-bench
	@mkdir -p $(@D)
	kernel=$(LINUX_KERNEL) && modules=$$(/usr/bin/python3 tools/linux-modules.py \
		/lib/modules/$${kernel#/boot/vmlinuz-} $(LINUX_DISK_MODULES)) && \
	/usr/bin/python3 tools/mkinitrd.py $@ init=$(BENCH_PROGRAM) dev/console=char:5:1 tmp/ $$modules

# linux-full.iso runs `musl-bench`, linux-quick.iso `musl-bench -q`, and
# linux-full-disk.iso and linux-quick-disk.iso the same on the disk; the
# arguments after "--" on Linux's command line are /init's.
LINUX_DISK_ARGS := -m /dev/sda -d /mnt/tmp

$(BENCH_DIR)/linux-%.iso: $(BENCH_DIR)/linux-initramfs.cpio tools/bench-linux.cfg | deps-bench
	@rm -rf $(BENCH_DIR)/iso-linux-$* && mkdir -p $(BENCH_DIR)/iso-linux-$*/boot/grub
	cp $(LINUX_KERNEL) $(BENCH_DIR)/iso-linux-$*/boot/vmlinuz
	cp $< $(BENCH_DIR)/iso-linux-$*/boot/initramfs.cpio
	sed 's|@ARGS@|$(strip $(if $(findstring quick,$*),-q) $(if $(findstring disk,$*),$(LINUX_DISK_ARGS)))|' \
		tools/bench-linux.cfg > $(BENCH_DIR)/iso-linux-$*/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BENCH_DIR)/iso-linux-$* 2> $@.log || { cat $@.log; false; }

# The kernel's after-exit invariant sweeps are debugging aids, not part of
# what a system call costs (docs/concurrency.md).
$(BUILD)/bench.iso: CMDLINE = nochecks

bench: $(BUILD)/bench.iso $(GRADE_DISK_IMAGE) $(BENCH_BROWSER) $(BENCH_DIR)/linux-full.iso $(BENCH_DIR)/linux-full-disk.iso | deps-bench
	$(BENCH_RUN) --linux $(BENCH_DIR)/linux-full.iso $(BENCH_DIR)/linux-full-disk.iso --rounds 3

test-bench: $(BUILD)/bench.iso $(GRADE_DISK_IMAGE) $(BENCH_BROWSER) $(BENCH_DIR)/linux-quick.iso $(BENCH_DIR)/linux-quick-disk.iso | deps-bench
	$(BENCH_RUN) --linux $(BENCH_DIR)/linux-quick.iso $(BENCH_DIR)/linux-quick-disk.iso --rounds 1 --quick

TEST_TARGETS += test-bench

.PHONY: bench test-bench
