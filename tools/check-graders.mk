# make check-graders: every planted mistake of tools/mistakes/ is caught by
# its lab's grader or the unit tests (tools/check-graders.py).  Included by
# the top-level Makefile; no student's tree has this file.
#
#   make check-graders [ONLY_LAB=n] [ONLY=words]
#
# (ONLY_LAB, not LAB: the Makefile gives LAB a default, lab 1, for grade.)

# The workers' trees start from this tree's build: build what they use first.
check-graders: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(UNIT_DIR)/host/unit-tests deps-test
	/usr/bin/python3 tools/check-graders.py $(if $(ONLY_LAB),--lab $(ONLY_LAB)) \
		$(if $(ONLY),--only "$(ONLY)")

TEST_TARGETS += check-graders

.PHONY: check-graders
