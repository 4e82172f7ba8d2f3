"""Lab 1 and lab 4 graders: debugging with gdb through QEMU's gdb stub.

Starts `make qemu-nox-gdb` (QEMU -S -gdb tcp::GDBPORT) and runs gdb with the
repository's .gdbinit, which connects, handles the real-mode start and the
switch to long mode (a hardware breakpoint first), and loads the symbols.
The kernel's tests run gdb in batch mode; the user program's test types at
gdb and at Aurora's shell in turn, as docs/debugging.md's recipe does.
"""
import re
import subprocess

import pytest

import aurora
from aurora import GradeError, check, need

pytestmark = pytest.mark.lab(1)

GDB_COMMANDS = ["kstart", "hbreak physmem_init", "continue", "bt", "info registers rip"]


def qemu_gdb_argv(cmdline):
    """`make qemu-nox-gdb` booting the grading ISO for cmdline (already built)."""
    iso = aurora.iso_path(cmdline).relative_to(aurora.REPO)
    return ["make", "qemu-nox-gdb", f"ISO={iso}", f"CMDLINE={cmdline}"]


def wait_for_gdb(qemu):
    qemu.expect(r"-gdb tcp::%d\b" % aurora.GDBPORT, 30)


@pytest.fixture
def gdb_session(kernel, processes):
    """gdb's output after stopping in physmem_init (the kernel is in long mode)."""
    qemu = aurora.Process(qemu_gdb_argv(aurora.MONITOR_CMDLINE), "make qemu-nox-gdb")
    processes.append(qemu)
    wait_for_gdb(qemu)
    cmd = ["gdb", "-batch", "-nx", "-x", ".gdbinit"]
    for c in GDB_COMMANDS:
        cmd += ["-ex", c]
    try:
        r = subprocess.run(cmd, cwd=aurora.REPO, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60)
    except subprocess.TimeoutExpired as e:
        raise GradeError(f"gdb did not finish within 60 s:\n{aurora.tail(e.stdout or '')}")
    qemu.poll(0.2)
    qemu.text += f"\n===== gdb ({' '.join(cmd)}):\n{r.stdout}"
    return r.stdout


@pytest.mark.points(3)
def test_gdb_backtrace_names_frames(gdb_session):
    out = gdb_session
    frames = re.findall(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(", out, re.M)
    names = [name for _, name in frames]
    want = ["physmem_init", "kmain", "higher_half_start"]
    if names != want:
        raise GradeError(f"gdb's bt: expected exactly the frames {want} (boot.S marks "
                         f"higher_half_start as the outermost), got {names}\n{aurora.tail(out)}")
    if not re.search(r"^#0\s+physmem_init \(.*\) at kernel/mm/physmem\.c:\d+$", out, re.M):
        raise GradeError(f"MISSING '#0 physmem_init (...) at kernel/mm/physmem.c:N' in gdb's "
                         f"output:\n{aurora.tail(out)}")


@pytest.mark.points(2)
def test_gdb_rip_in_higher_half(gdb_session, kernel):
    out = gdb_session
    m = re.search(r"^rip\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+ <(\w+)", out, re.M)
    if not m:
        raise GradeError(f"MISSING 'rip 0x... <physmem_init>' in gdb's output:\n{aurora.tail(out)}")
    rip = int(m.group(1), 16)
    if rip < 0xffffffff80000000 or rip != kernel.address("physmem_init"):
        raise GradeError(f"rip {rip:#x} <{m.group(2)}>: expected physmem_init at "
                         f"{kernel.address('physmem_init'):#x}, in the higher half\n"
                         f"{aurora.tail(out)}")


# --- a user program (lab 4) ------------------------------------------------------

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

    def __init__(self):
        super().__init__(["gdb", "-nx", "-q", "-x", ".gdbinit"], "gdb", dimensions=(1000, 200))
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
    sh = aurora.Shell("make qemu-nox-gdb", argv=qemu_gdb_argv(SHELL_CMDLINE))
    processes.append(sh)
    wait_for_gdb(sh)
    gdb = Gdb()
    processes.append(gdb)
    gdb.command(USER_BREAK)
    gdb.resume()
    sh.boot(60)
    sh.type_line(COMMAND)
    stop = gdb.answer(60)
    need(r"^Breakpoint \d+, show \(.*\) at user/bin/wc\.c:\d+$", stop,
         f"'{USER_BREAK}', continue, then '{COMMAND}' at the shell")
    return sh, gdb


@pytest.mark.lab(4)
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
