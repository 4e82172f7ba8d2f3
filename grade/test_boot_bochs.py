"""Lab 1 grader: the same ISO boots in Bochs, a second, stricter emulator.

It runs on every grade: Bochs reaches the prompt in about 5 s (time0 and
clock sync=none let it run as fast as it can), so there is no reason to make
it optional; --bochs only turns "Bochs is not installed" from a skip into a
failure.  Bochs runs as `make bochs` runs it (tools/bochs-run.py), with its
COM1 on the terminal: the test reads the kernel's banner there, and types a
command at the monitor as a student would.
"""
import re

import pytest

import aurora

pytestmark = pytest.mark.lab(1)

@pytest.mark.points(5)
def test_bochs_boots_to_prompt(request, kernel, processes):
    aurora.need_bochs(request)
    b = aurora.Bochs(aurora.GRADE_ISO)
    processes.append(b)
    b.expect(r"^Aurora kernel booting \(command line \"grade monitor\"\)$", 60)
    m = b.expect(r"^physical memory: (\d+) MiB managed, \d+ frames free$", 10)
    if not 120 <= int(m.group(1)) <= 128:
        raise aurora.GradeError(f"Bochs has 128 MiB; the kernel manages {m.group(1)} MiB\n"
                         + aurora.tail(b.text))
    b.expect(re.escape(aurora.PROMPT), 10)
    out = b.run("help")
    aurora.need(r"^\s+help\s+list the commands$", out, "help, typed at make bochs's terminal")
