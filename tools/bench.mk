# make bench: Aurora and Linux, the same benchmark program on the same QEMU
# (tools/bench.py, docs/benchmarks.md).  Included by the top-level Makefile.
#
#   make bench        three rounds, each benchmark at least 0.5 s a loop
#   make test-bench   one quick round on both kernels: every row comes out
#
# Linux is Debian's own cloud kernel (linux-image-cloud-amd64), booted by
# GRUB from an ISO like Aurora's, with an initramfs whose /init is the
# benchmark.

BENCH_DIR := $(BUILD)/bench
BENCH_PROGRAM := $(USER_BIN)/musl-bench
BENCH_RUN := /usr/bin/python3 tools/bench.py --aurora $(BUILD)/bench.iso

$(BENCH_DIR)/linux-initramfs.cpio: $(BENCH_PROGRAM) tools/mkinitrd.py
	@mkdir -p $(@D)
	/usr/bin/python3 tools/mkinitrd.py $@ init=$(BENCH_PROGRAM) dev/console=char:5:1 tmp/

# linux-full.iso runs `musl-bench`, linux-quick.iso `musl-bench -q`; the
# arguments after "--" on Linux's command line are /init's.
$(BENCH_DIR)/linux-%.iso: $(BENCH_DIR)/linux-initramfs.cpio tools/bench-linux.cfg | deps-bench
	@rm -rf $(BENCH_DIR)/iso-linux-$* && mkdir -p $(BENCH_DIR)/iso-linux-$*/boot/grub
	cp $$(ls /boot/vmlinuz-*-cloud-amd64 | sort -V | tail -n 1) $(BENCH_DIR)/iso-linux-$*/boot/vmlinuz
	cp $< $(BENCH_DIR)/iso-linux-$*/boot/initramfs.cpio
	sed 's|@ARGS@|$(if $(filter quick,$*),-q)|' tools/bench-linux.cfg \
		> $(BENCH_DIR)/iso-linux-$*/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BENCH_DIR)/iso-linux-$* 2> $@.log || { cat $@.log; false; }

# The kernel's after-exit invariant sweeps are debugging aids, not part of
# what a system call costs (docs/concurrency.md).
$(BUILD)/bench.iso: CMDLINE = nochecks

bench: $(BUILD)/bench.iso $(BENCH_DIR)/linux-full.iso | deps-bench
	$(BENCH_RUN) --linux $(BENCH_DIR)/linux-full.iso --rounds 3

test-bench: $(BUILD)/bench.iso $(BENCH_DIR)/linux-quick.iso | deps-bench
	$(BENCH_RUN) --linux $(BENCH_DIR)/linux-quick.iso --rounds 1 --quick

TEST_TARGETS += test-bench

.PHONY: bench test-bench
