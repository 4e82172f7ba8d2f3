"""Lab 4's part of the gdb grader: docs/debugging.md's recipe for a user
program, followed step by step (test_gdb.py has lab 1's, for the kernel,
and the helpers that start QEMU for gdb)."""
import re

import pytest

import aurora
from aurora import check, need
from test_gdb import gdb_env, qemu_gdb_argv, wait_for_gdb

pytestmark = pytest.mark.lab(4)

SHELL_CMDLINE = "grade"
# docs/debugging.md's example: wc's show() prints the counts that main added
# up, here of "one two three\n": 1 line, 3 words, 14 bytes.
USER_BREAK = "user-break wc show"
COMMAND = "echo one two three | wc"
COUNTS = (1, 3, 14)


class Gdb(aurora.Process):
    """gdb as a student starts it in the repository (.gdbinit), typed at.
    The terminal is tall, so that gdb never stops to page."""

    PROMPT = r"^\(gdb\) \Z"

    def __init__(self, port):
        super().__init__(["gdb", "-nx", "-q", "-x", ".gdbinit"], f"gdb (port {port})",
                         env=gdb_env(port), dimensions=(1000, 200))
        self.expect(self.PROMPT, 30)

    def command(self, line, timeout=20):
        """Type a command; what gdb answers, up to its next prompt."""
        self.pos = len(self.text)
        self.send(line + "\n")
        return self.answer(timeout)

    def answer(self, timeout):
        start = self.pos
        m = self.expect(self.PROMPT, timeout)
        return self.text[start:m.start()]

    def resume(self):
        """continue: gdb answers at the next stop (answer())."""
        self.pos = len(self.text)
        self.send("continue\n")
        self.expect(r"^Continuing\.$", 10)


def stop_in_wc(processes):
    """The shell under `make qemu-nox-gdb` and gdb stopped at the user
    breakpoint, after the shell started COMMAND.  Other programs run the
    same addresses first (sh, echo): gdb must not stop in them."""
    aurora.build_iso(SHELL_CMDLINE)
    port = aurora.free_gdb_port()
    sh = aurora.Shell(f"make qemu-nox-gdb (gdb port {port})", argv=qemu_gdb_argv(SHELL_CMDLINE, port))
    processes.append(sh)
    wait_for_gdb(sh, port)
    gdb = Gdb(port)
    processes.append(gdb)
    gdb.command(USER_BREAK)
    gdb.resume()
    sh.boot(60)
    sh.type_line(COMMAND)
    stop = gdb.answer(60)
    need(r"^Breakpoint \d+, show \(.*\) at user/bin/wc\.c:\d+$", stop,
         f"'{USER_BREAK}', continue, then '{COMMAND}' at the shell")
    return sh, gdb


@pytest.mark.points(5)
def test_gdb_user_program(kernel, processes):
    """docs/debugging.md's recipe: a breakpoint in wc, bt and a local of
    main with wc's symbols, the process read from kernel memory, no
    kernel function called in ring 3; after continue, wc finishes and the
    shell still answers."""
    sh, gdb = stop_in_wc(processes)
    bt = gdb.command("bt")
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) \(", bt, re.M)
    check(frames == ["show", "main"], f"bt in wc: expected the frames show, main; got {frames}", bt)
    gdb.command("up")
    total = "{%s}" % ", ".join(map(str, COUNTS))
    need(r"^\$\d+ = " + re.escape(total) + "$", gdb.command("print total"), "print total in main")
    need(r'^\$\d+ = "wc"', gdb.command("print $current_process()->name"),
         "print $current_process()->name")
    need(r"may-call-functions is off", gdb.command("print process_current()"),
         "print process_current() in ring 3 (gdb must refuse to call it)")
    gdb.resume()
    start = sh.pos
    end = sh.wait_prompt(30).start()
    need(r"^\s*" + r"\s+".join(map(str, COUNTS)) + "$", sh.text[start:end], f"{COMMAND} after continue")
    sh.alive("gdb's continue")
