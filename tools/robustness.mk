# The fuzzer and the stress program under a fast timer tick, failing on any
# kernel bug report (tools/robustness.py, docs/concurrency.md).  Included by
# the top-level Makefile; from lab 4 on, since they run at the shell.
#
#   make fuzz [CALLS=1000000] [SEED=1] [HZ=10000] [PROCS=4]
#   make stress [DURATION=600] [HZ=10000] [PROCS=4]
#   make test-robust   a short round of both, for make test
CALLS ?= 1000000
SEED ?= 1
DURATION ?= 600
HZ ?= 10000
PROCS ?= 4
ROBUST := /usr/bin/python3 tools/robustness.py --hz $(HZ) --procs $(PROCS)

fuzz: $(BUILD)/kernel.elf deps-test
	$(ROBUST) --calls $(CALLS) --seed $(SEED)

stress: $(BUILD)/kernel.elf deps-test
	$(ROBUST) --stress $(DURATION)

test-robust: $(BUILD)/kernel.elf deps-test
	$(ROBUST) --calls 20000 --seed $(SEED) --stress 30

TEST_TARGETS += test-robust

.PHONY: fuzz stress test-robust
