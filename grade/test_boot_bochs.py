"""Lab 1 grader: the same ISO boots in Bochs, a second, stricter emulator.

It runs on every grade: Bochs reaches the prompt in about 5 s (time0 and
clock sync=none let it run as fast as it can), so there is no reason to make
it optional; --bochs only turns "Bochs is not installed" from a skip into a
failure.  Typing at Bochs is not possible here (its COM1 is a file, and the
term display does not pass keys through reliably), so the test checks what
the kernel prints by itself: the banner, the physical memory line and the
prompt.
"""
import re
import shutil

import pytest

import aurora
from aurora import GradeError

pytestmark = pytest.mark.lab(1)

SERIAL = aurora.BUILD / "bochs" / "grade-serial.log"


class Bochs(aurora.Process):
    """tools/bochs-run.sh under the grader; the serial output is read from its file."""

    def __init__(self):
        if SERIAL.exists():
            SERIAL.unlink()
        super().__init__(["tools/bochs-run.sh", aurora.GRADE_ISO, SERIAL], "bochs")
        self.screen = ""

    def poll(self, timeout):
        alive = True
        try:        # drain the terminal display; keep only COM1 as the log
            self.screen += self.child.read_nonblocking(65536, timeout=max(timeout, 0))
        except aurora.pexpect.TIMEOUT:
            pass
        except aurora.pexpect.EOF:
            self.child.close(force=True)
            self.exit_status = self.child.exitstatus
            alive = False
        if SERIAL.exists():
            self.text = SERIAL.read_text(errors="replace").replace("\r", "")
        return alive


@pytest.mark.points(5)
def test_bochs_boots_to_prompt(request, kernel, processes):
    if not shutil.which("bochs") or not shutil.which("script"):
        if request.config.getoption("--bochs"):
            raise GradeError("--bochs: Bochs is not installed (Debian packages bochs, "
                             "bochsbios, vgabios, bochs-term)")
        pytest.skip("Bochs is not installed")
    b = Bochs()
    processes.append(b)
    b.expect(r"^Aurora kernel booting \(command line \"grade monitor\"\)$", 60)
    m = b.expect(r"^physical memory: (\d+) MiB managed, \d+ frames free$", 10)
    if not 120 <= int(m.group(1)) <= 128:
        raise GradeError(f"Bochs has 128 MiB; the kernel manages {m.group(1)} MiB\n"
                         + aurora.tail(b.text))
    b.expect(re.escape(aurora.PROMPT), 10)
