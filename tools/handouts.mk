# The instructors' targets: students' trees, made from this one
# (docs/instructors.md).  Included by the top-level Makefile; no student's
# tree has this file.
#
#   make handout LAB=n [HANDOUT_DIR=dir]   lab n's tree (default build/handouts/labn)
#   make lab-branches                      git branches lab1 .. labN
#   make check-handouts                    every lab's tree builds and boots, passes
#                                          the graders before it and fails its own

HANDOUT := /usr/bin/python3 tools/handout.py
HANDOUT_DIR ?= $(BUILD)/handouts/lab$(LAB)

handout:
	$(HANDOUT) tree $(LAB) $(HANDOUT_DIR)

lab-branches:
	$(HANDOUT) branches

check-handouts: deps-test
	$(PYTEST) -v -p no:cacheprovider --rootdir=tools tools/test_handout.py

TEST_TARGETS += check-handouts

.PHONY: handout lab-branches check-handouts
