"""
The shared library of Aurora's graders: build the kernel, boot it in QEMU,
type at the monitor over the serial line, match its output, and read the
kernel's symbol table.  Every lab's grader uses it (through conftest.py's
fixtures); nothing in it is specific to one lab.

A Machine fails a test, with a reason, the moment the kernel panics or halts
or QEMU exits (a triple fault or reset ends QEMU too: we pass -no-reboot),
instead of waiting out a timeout.  Every wait has a timeout.  Every process a
Machine starts (and all their descendants) is killed by Machine.kill(), which
the fixtures call on teardown, pass or fail, and again at exit.
"""
import atexit
import contextlib
import errno
import fcntl
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build"
RESULTS = BUILD / "grade"
LOGS = RESULTS / "logs"
KERNEL_ELF = BUILD / "kernel.elf"
# Labs 1-3 grade the kernel monitor; lab 4 on boots to user space.
MONITOR_CMDLINE = "grade monitor"
GRADE_ISO = BUILD / "grade-monitor.iso"
BUILD_COMMAND = ["make", "build/grade-monitor.iso", f"CMDLINE={MONITOR_CMDLINE}"]
# The same formula as the Makefile's GDBPORT.
GDBPORT = 25000 + os.getuid() % 5000

# QEMU's isa-debug-exit statuses (kernel/arch/x86_64/power.h).
EXIT_POWEROFF = 99
EXIT_HALTED = 127

OVMF_CANDIDATES = ["/usr/share/ovmf/OVMF.fd", "/usr/share/OVMF/OVMF.fd",
                   "/usr/share/qemu/OVMF.fd"]

# The kernel says one of these when it stops for good, or when it caught
# itself in a bug (a fault in kernel mode on a process's behalf, a broken
# invariant): a test fails on it whatever the kernel does next.
DEATH_RE = re.compile(r"\*\*\* (kernel (halted|panic)|KERNEL BUG)[^\n]*")
# A data structure found broken by its checker (kernel/include/invariants.h),
# at boot or by `check`/`kcheck`: one line naming it, its lab and its file.
BROKEN_RE = re.compile(r"^invariant broken: [^\n]*\(lab \d+, [^\n]*\)$", re.M)
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CONTEXT_LINES = 30


def _monitor_prompt():
    """MONITOR_PROMPT from kernel/include/monitor.h, so the two never disagree."""
    header = (REPO / "kernel/include/monitor.h").read_text()
    m = re.search(r'#define\s+MONITOR_PROMPT\s+"((?:[^"\\]|\\.)*)"', header)
    return m.group(1).encode().decode("unicode_escape") if m else "aurora> "


PROMPT = _monitor_prompt()


class BrokenInvariant(AssertionError):
    """The kernel reported broken invariants (BROKEN_RE); the message is
    their lines only, since they say all there is to say."""


class GradeError(AssertionError):
    """A test failure with a message meant for the student."""


def tail(text, n=CONTEXT_LINES):
    lines = text.rstrip("\n").split("\n")
    return "\n".join("    | " + line for line in lines[-n:])


# --- processes ------------------------------------------------------------

_live = set()       # every Process not yet killed, for the exit handlers


def _children(pid):
    """All descendants of pid (they may have left its process group or
    session)."""
    parent_of = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            parent_of[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent_of.items() if pp == p]
        found += kids
        frontier += kids
    return found


def kill_tree(pid):
    """SIGKILL pid, its process group and every descendant."""
    victims = {pid, *_children(pid)}
    for p in victims:
        try:
            os.kill(p, signal.SIGSTOP)   # no more forking while we collect
        except ProcessLookupError:
            pass
    victims |= set(_children(pid))
    try:
        os.killpg(pid, signal.SIGKILL)   # pexpect made pid a group leader
    except (ProcessLookupError, PermissionError):
        pass
    for p in victims:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Process:
    """A command on a pseudo-terminal in its own session and process group,
    whose output is collected into .text (carriage returns and ANSI escape
    sequences removed) and matched by regex."""

    def __init__(self, argv, name, cwd=REPO, env=None, dimensions=(25, 80)):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.text = ""          # all output so far
        self.pos = 0            # where the next expect() starts looking
        self._raw = ""
        self.exit_status = None
        self.child = pexpect.spawn(self.argv[0], self.argv[1:], cwd=str(cwd), env=env,
                                   encoding="utf-8", codec_errors="replace",
                                   dimensions=dimensions, echo=False)
        # pexpect sleeps 50 ms before every send by default; type_line
        # already waits for each echo, so the sleep only slows typing down.
        self.child.delaybeforesend = None
        _live.add(self)

    @property
    def shell_command(self):
        return " ".join(shlex.quote(a) for a in self.argv)

    def _take(self, data):
        self._raw += data
        # Keep an incomplete escape sequence for the next chunk.
        cut = self._raw.rfind("\x1b")
        keep = ""
        if cut >= 0 and not ANSI_RE.match(self._raw, cut) and len(self._raw) - cut < 16:
            self._raw, keep = self._raw[:cut], self._raw[cut:]
        self.text += ANSI_RE.sub("", self._raw).replace("\r", "")
        self._raw = keep

    def poll(self, timeout):
        """Read what arrives within timeout seconds; False once the process has exited."""
        if self.exit_status is not None:
            return False
        try:
            self._take(self.child.read_nonblocking(65536, timeout=max(timeout, 0)))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            self.child.close(force=True)
            status = self.child.exitstatus
            self.exit_status = status if status is not None else -(self.child.signalstatus or 0)
            return False
        return True

    def death(self):
        """Why the kernel is dead, from its output, or None.  Every process
        here shows Aurora's console (QEMU's or Bochs's serial line, make)."""
        m = DEATH_RE.search(self.text) or BROKEN_RE.search(self.text)
        return f"the kernel stopped: '{m.group(0).strip()}'" if m else None

    def _dead_message(self, what):
        return f"{self.name}: {what}\n  last lines of output:\n{tail(self.text)}"

    def expect(self, regex, timeout=10, allow_death=False):
        """Wait for regex (re.M) in the output after the last match; return
        the match.  Fails at once if the kernel dies or the process exits
        (unless allow_death), and with MISSING '<regex>' after timeout s."""
        pattern = re.compile(regex, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = pattern.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            broken = BROKEN_RE.findall(self.text)
            if broken:
                self.poll(0.5)   # the rest of the boot's report, for the log
                raise BrokenInvariant("\n".join(BROKEN_RE.findall(self.text)))
            if not allow_death:
                dying = self.death()
                if dying:
                    self.poll(0.5)   # the rest of the report, for the log
                    raise GradeError(self._dead_message(dying))
                if self.exit_status is not None:
                    raise GradeError(self._dead_message(self.exit_message()))
            left = deadline - time.monotonic()
            if left <= 0:
                raise GradeError(f"MISSING '{regex}' (after {timeout} s)\n"
                                 f"  last lines of output:\n{tail(self.text)}")
            if not self.poll(min(left, 0.2)) and self.exit_status is not None:
                if allow_death:
                    m = pattern.search(self.text, self.pos)
                    if m:
                        self.pos = m.end()
                        return m
                    raise GradeError(f"MISSING '{regex}' ({self.exit_message()})\n"
                                     f"  last lines of output:\n{tail(self.text)}")

    def exit_message(self):
        return f"exited with status {self.exit_status}"

    def wait_exit(self, timeout=10):
        """Wait for the process to exit; its exit status."""
        deadline = time.monotonic() + timeout
        while self.exit_status is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise GradeError(f"{self.name} did not exit within {timeout} s\n"
                                 f"  last lines of output:\n{tail(self.text)}")
            self.poll(min(left, 0.2))
        return self.exit_status

    def send(self, data):
        self.child.send(data)

    def kill(self):
        if self in _live:
            _live.discard(self)
            kill_tree(self.child.pid)
            try:
                self.poll(0)
                self.child.close(force=True)
            except (OSError, pexpect.ExceptionPexpect):
                pass


@atexit.register
def kill_all():
    """Never leave an emulator behind, even after Ctrl-C or an error."""
    for proc in list(_live):
        proc.kill()


def _on_signal(signum, frame):
    kill_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _on_signal)


# --- the machine ----------------------------------------------------------

# Invariants a boot found broken: a structure of an earlier stage (an
# earlier lab) that later code would build on.  Once one boot has said so,
# the tests after it fail with that one line instead of booting again into
# the same breakage (conftest.py).
broken_at_boot = []


@contextlib.contextmanager
def _noting_broken_boot(machine):
    try:
        yield
    except BrokenInvariant as e:
        broken_at_boot.append(f"{e} (found by the boot of {machine.name})")
        raise


def ovmf_firmware():
    for path in OVMF_CANDIDATES:
        if os.path.exists(path):
            return path
    return None


def qemu_argv(mem, uefi, iso):
    """QEMU as the graders run it: COM1 on its standard input and output."""
    argv = ["qemu-system-x86_64", "-display", "none", "-no-reboot",
            "-m", mem, "-cpu", "qemu64",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-cdrom", iso, "-monitor", "none",
            # signal=off: a Ctrl-C typed at the guest's shell is a key for
            # its terminal, not a SIGINT that ends QEMU.
            "-chardev", "stdio,id=com1,signal=off", "-serial", "chardev:com1"]
    if uefi:
        firmware = ovmf_firmware()
        if not firmware:
            raise GradeError("no OVMF firmware found (Debian package ovmf), tried "
                             + ", ".join(OVMF_CANDIDATES))
        argv += ["-bios", firmware]
    return argv


class Machine(Process):
    """Aurora in QEMU (TCG), its COM1 on our pseudo-terminal; or, given
    argv, under any command that puts COM1 on its terminal (make
    qemu-nox-gdb, tools/bochs-run.py)."""

    def __init__(self, name, mem="128M", uefi=False, iso=GRADE_ISO, extra=(), argv=None):
        super().__init__(argv or qemu_argv(mem, uefi, iso) + list(extra), name)
        self.mem = mem

    def exit_message(self):
        s = self.exit_status
        if s == EXIT_POWEROFF:
            return "QEMU exited: the kernel powered off (status 99)"
        if s == EXIT_HALTED:
            return "QEMU exited: the kernel halted (status 127)"
        if s == 0 or s == -signal.SIGTERM:
            return (f"QEMU exited (status {s}): a triple fault or a reset "
                    "(QEMU runs with -no-reboot, so a reset ends it)")
        return f"QEMU exited with status {s}"

    # -- the monitor --

    PROMPT = PROMPT

    def wait_prompt(self, timeout=30):
        return self.expect(re.escape(self.PROMPT) + r"\Z", timeout)

    def boot(self, timeout=30):
        """Wait for the banner and the first prompt."""
        with _noting_broken_boot(self):
            self.expect(r"^Aurora kernel booting", timeout)
            self.wait_prompt(timeout)
        return self

    # The command that checks every invariant (kernel/include/invariants.h).
    CHECK_COMMAND = "check"

    def at_prompt(self):
        return self.exit_status is None and self.text.endswith(self.PROMPT)

    def check_invariants(self, lab):
        """Run the checkers of labs 1..lab's invariants now (BrokenInvariant
        if one fails); later labs' may be stubs in a student's tree."""
        command = f"{self.CHECK_COMMAND} {lab}"
        need(r"^invariants: ok$", self.run(command, 60), command)

    def type_line(self, line, echo_timeout=1.0, retries=5):
        """Type line one character at a time, each only once its echo of the
        previous came back; a character whose echo never comes is sent again
        (an emulated UART can drop characters).  Then Enter."""
        for ch in line:
            for attempt in range(retries):
                start = len(self.text)
                self.send(ch)
                deadline = time.monotonic() + echo_timeout
                while ch not in self.text[start:] and time.monotonic() < deadline:
                    if not self.poll(0.05):
                        self.expect(re.escape(ch), 0)   # reports the death
                if ch in self.text[start:]:
                    break
            else:
                raise GradeError(f"typing '{line}': no echo of {ch!r} after {retries} tries\n"
                                 f"  last lines of output:\n{tail(self.text)}")
        self.pos = len(self.text)
        self.send("\r")
        self.expect(r"\n", 5)

    def run(self, command, timeout=10):
        """Type a command at the prompt (it must be showing) and return its
        output, up to the next prompt."""
        self.type_line(command)
        start = self.pos
        m = self.wait_prompt(timeout)
        return self.text[start:m.start()]

    def command(self, command, timeout=10):
        """Type a command whose output ends the session (no prompt comes back)."""
        self.type_line(command)
        return self.text[self.pos:]

    def free_frames(self):
        """Free frames as `mem` reports them."""
        return parse_mem(self.run("mem"))["free"]


SHELL_PROMPT = "$ "

# Why a boot did not reach the shell, from the serial log: the first cause
# that matches, each pointing at the code to look at.
NO_SHELL_CAUSES = [
    (r"^\*\*\* kernel panic: cannot start (\S+): (\w+)",
     "exec of init ({1}) failed with {2}: look at exec (kernel/exec/, lab 4 exercise 1)"),
    (r"^\*\*\* process 1 \(init\): (.*)$",
     "init crashed before the shell started: {1}"),
    (r"^init: fork: (.*)$",
     "init's fork failed: {1} (kernel/proc/process.c, kernel/mm/uvm.c)"),
    (r"^\*\*\* process \d+ \(init\): (.*)$",
     "init's child crashed between fork and exec: {1}; fork's copy of init's "
     "address space is wrong (copy-on-write: kernel/mm/uvm.c, lab 4 exercise 2)"),
    (r"^init: /bin/sh: (.*)$",
     "exec of /bin/sh failed: {1} (kernel/exec/, lab 4 exercise 1)"),
    (r"^\*\*\* process \d+ \(sh\): (.*)$",
     "the shell crashed before its first prompt: {1}"),
    (r"init: starting /bin/sh[\s\S]*^init: starting /bin/sh",
     "the shell exits as soon as it starts (init keeps starting another)"),
    (r"^\*\*\* (kernel panic: .*)$", "{1}"),
]


def no_shell_reason(text):
    for regex, reason in NO_SHELL_CAUSES:
        m = re.search(regex, text, re.M)
        if m:
            return reason.format(m.group(0), *m.groups())
    if "init: starting /bin/sh" not in text:
        return "init never said it was starting the shell"
    return "no prompt from the shell"


class Shell(Machine):
    """Aurora booted to its shell (lab 4 on): like Machine, with the
    shell's prompt."""

    PROMPT = SHELL_PROMPT
    CHECK_COMMAND = "kcheck"

    def boot(self, timeout=30):
        """Wait for the shell's first prompt; if it never comes, say why
        as far as the serial log tells (no_shell_reason)."""
        with _noting_broken_boot(self):
            try:
                self.expect(r"^Aurora kernel booting", timeout)
                self.expect(r"init: starting /bin/sh", timeout)
                self.wait_prompt(timeout)
            except GradeError as e:
                raise GradeError(f"the boot did not reach the shell: {no_shell_reason(self.text)}"
                                 f"\n{e}") from None
        return self

    def run(self, command, timeout=10):
        """As Machine.run; when the command does not finish in time, what
        its processes are doing (Ctrl-T), e.g. "blocked in read"."""
        try:
            return super().run(command, timeout)
        except GradeError as e:
            if self.exit_status is not None or self.death():
                raise
            raise GradeError(f"'{command}' did not finish within {timeout} s; "
                             f"{self.foreground_status()}\n{e}") from None

    def foreground_status(self):
        """Ctrl-T's answer: a line per process of the foreground job."""
        start = self.pos = len(self.text)
        self.send("\x14")
        try:
            self.expect(r"^status: .*\n", 5)
        except GradeError:
            return "and the kernel does not answer Ctrl-T (stuck with interrupts off?)"
        self.poll(0.3)
        lines = re.findall(r"^status: (.*)$", self.text[start:], re.M)
        return "its processes: " + "; ".join(dict.fromkeys(lines))

    def alive(self, where):
        """Check the kernel and the shell still answer."""
        out = self.run("echo still here")
        need(r"^still here$", out, f"the shell after {where}")

    def meminfo(self):
        out = self.run("meminfo")
        m = need(r"^free_frames=(\d+) total_frames=(\d+) heap_bytes=(\d+) processes=(\d+)$",
                 out, "meminfo")
        return dict(zip(("free", "total", "heap", "processes"), map(int, m.groups())))

    def power_off(self, timeout=60):
        """sync, then poweroff: QEMU must exit with the power-off status
        within timeout s; else it is killed and the test fails."""
        need(r"^status=0$", self.run("sync; echo status=$?", timeout), "sync")
        self.command("poweroff")
        try:
            status = self.wait_exit(timeout)
        except GradeError:
            self.kill()
            raise
        check(status == EXIT_POWEROFF, f"poweroff: {self.exit_message()}", self.text)


_no_shell = {}      # a kind of boot -> why the first boot of that kind did not reach the shell


def boot_shell(processes, iso, name, kind=None, uefi=False, extra=(), timeout=30):
    """A Shell at its prompt (appended to processes).  Once a boot of one
    kind (by default: of that name) has failed to reach the shell, later
    boots of that kind fail at once instead of each waiting out the timeout."""
    kind = kind or name
    if kind in _no_shell:
        pytest.fail(f"not run: an earlier test's boot failed: {_no_shell[kind].splitlines()[0]}",
                    pytrace=False)
    m = Shell(name, iso=iso, uefi=uefi, extra=extra)
    processes.append(m)
    try:
        return m.boot(timeout)
    except GradeError as e:
        _no_shell[kind] = str(e)
        raise


class Bochs(Machine):
    """Aurora in Bochs, started as `make bochs` does (tools/bochs-run.py):
    COM1 on our pseudo-terminal, so it is typed at like QEMU."""

    def __init__(self, iso):
        super().__init__("bochs", iso=iso, argv=["/usr/bin/python3", "tools/bochs-run.py", iso])

    def exit_message(self):
        return (f"tools/bochs-run.py exited with status {self.exit_status} "
                "(Bochs's messages are in build/bochs/bochs.out)")


def need_bochs(request):
    """Skip the test when Bochs is not installed, or fail under --bochs."""
    if not shutil.which("bochs"):
        if request.config.getoption("--bochs"):
            raise GradeError("--bochs: Bochs is not installed (Debian packages bochs, "
                             "bochsbios, vgabios, bochs-term)")
        pytest.skip("Bochs is not installed")


def parse_mem(out):
    """The numbers in `mem`'s report (kernel/mm/physmem.c)."""
    def need(regex):
        m = re.search(regex, out, re.M)
        if not m:
            raise GradeError(f"MISSING '{regex}' in the output of mem:\n{tail(out)}")
        return m

    region = re.compile(r"^\s+([0-9a-f]{16})-([0-9a-f]{16})\s+\d+ KiB\s+(.+?)\s*$", re.M)
    map_part, _, rest = out.partition("Reserved by the kernel:")
    m = need(r"^frames: (\d+) managed, (\d+) free, (\d+) allocated")
    orders = need(r"^free blocks by order:((?: \d+:\d+)+)\s*$").group(1)
    return {
        "regions": [(int(a, 16), int(b, 16) + 1, kind) for a, b, kind in region.findall(map_part)],
        "reserved": [(int(a, 16), int(b, 16) + 1, what) for a, b, what in region.findall(rest)],
        "usable": int(need(r"^usable memory: (\d+) bytes").group(1)),
        "managed": int(m.group(1)), "free": int(m.group(2)), "allocated": int(m.group(3)),
        "free_blocks": {int(k): int(v) for k, v in re.findall(r"(\d+):(\d+)", orders)},
        "invariants_ok": re.search(r"^allocator invariants: ok$", out, re.M) is not None,
    }


def need(regex, text, what):
    """The match of regex (re.M) in text, or a MISSING failure naming what printed it."""
    m = re.search(regex, text, re.M)
    if not m:
        raise GradeError(f"MISSING '{regex}' in the output of {what}:\n{tail(text)}")
    return m


def check(condition, message, output=""):
    """Fail with message (and the output's last lines) unless condition."""
    if not condition:
        raise GradeError(message + (f"\n  output:\n{tail(output)}" if output else ""))


PAGE_SIZES = {"4 KiB": 4096, "2 MiB": 2 << 20, "1 GiB": 1 << 30, "4K": 4096, "2M": 2 << 20,
              "1G": 1 << 30}
PERM = r"([r-][w-][x-]) (user|kernel)"


def parse_vmwalk(out):
    """`vmwalk <va>` (kernel/mm/cmd_vm.c): the levels it read, as (name,
    index, entry), and where va leads: mapped (phys, page_size, perm, user)
    or not, and at which level the walk stopped."""
    levels = [(name, int(index), int(entry, 16)) for name, index, entry in re.findall(
        r"^\s+(PML4|PDPT|PD|PT)\s*\[\s*(\d+)\] at 0x[0-9a-f]+: ([0-9a-f]{16})\b", out, re.M)]
    hit = re.search(r"^([0-9a-f]{16}) -> physical (0x[0-9a-f]+|0), (4 KiB|2 MiB|1 GiB) page, "
                    + PERM + "$", out, re.M)
    if hit:
        return {"va": int(hit.group(1), 16), "levels": levels, "mapped": True,
                "phys": int(hit.group(2), 16), "page_size": PAGE_SIZES[hit.group(3)],
                "perm": hit.group(4), "user": hit.group(5) == "user"}
    miss = need(r"^([0-9a-f]{16}): not mapped \((PML4|PDPT|PD|PT) entry not present\)$", out,
                "vmwalk (neither '<va> -> physical ...' nor '<va>: not mapped ...')")
    return {"va": int(miss.group(1), 16), "levels": levels, "mapped": False,
            "stopped_at": miss.group(2)}


def parse_showmappings(out):
    """`showmappings <from> <to>`: its ranges, each a dict with start, end
    (exclusive), pa, page_size, perm ('rw-') and user."""
    need(r"^Mappings in \[", out, "showmappings")
    return [{"start": int(a, 16), "end": int(b, 16) + 1, "pa": int(pa, 16),
             "page_size": PAGE_SIZES[size], "perm": perm, "user": who == "user"}
            for a, b, pa, size, perm, who in re.findall(
                r"^\s+([0-9a-f]{16})-([0-9a-f]{16}) -> ([0-9a-f]{16})\s+\d+ KiB\s+(4K|2M|1G) pages\s+"
                + PERM + r"\s*$", out, re.M)]


# --- the build and the kernel's symbols ------------------------------------

def _make(command):
    r = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        raise GradeError(f"'{shlex.join(command)}' failed (status {r.returncode}):\n"
                         + r.stdout[-6000:])
    return r.stdout


def build_kernel():
    """make build/grade-monitor.iso CMDLINE="grade monitor"; fails with make's output."""
    return _make(BUILD_COMMAND)


def iso_path(cmdline):
    """The grading ISO whose kernel command line is cmdline: build/grade.iso
    for "grade", build/grade-sched-rr.iso for "grade sched=rr"."""
    return BUILD / (re.sub(r"[^A-Za-z0-9]+", "-", cmdline).strip("-") + ".iso")


_isos = {}          # cmdline -> ISO built this session


def build_iso(cmdline):
    """Build (once per session) an ISO booting the kernel with cmdline; its path.
    build_kernel() makes the one for MONITOR_CMDLINE."""
    if cmdline not in _isos:
        iso = iso_path(cmdline)
        _make(["make", str(iso.relative_to(REPO)), f"CMDLINE={cmdline}"])
        _isos[cmdline] = iso
    return _isos[cmdline]


class Elf:
    """Symbols and section headers of build/kernel.elf, read with nm and readelf."""

    def __init__(self, path=KERNEL_ELF):
        self.path = path
        self.symbols = {}       # name -> (address, size or None)
        out = subprocess.run(["nm", "-S", str(path)], check=True, capture_output=True,
                             text=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 4:
                self.symbols[f[3]] = (int(f[0], 16), int(f[1], 16))
            elif len(f) == 3:
                self.symbols.setdefault(f[2], (int(f[0], 16), None))
        self.sections = {}      # name -> (address, size)
        out = subprocess.run(["readelf", "-SW", str(path)], check=True, capture_output=True,
                             text=True).stdout
        for m in re.finditer(r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]{16})\s+[0-9a-f]+\s+([0-9a-f]+)",
                             out, re.M):
            self.sections[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))

    def address(self, name):
        if name not in self.symbols:
            raise GradeError(f"no symbol {name} in {self.path}")
        return self.symbols[name][0]

    def function_containing(self, addr):
        """The sized symbol whose [address, address + size) holds addr."""
        for name, (start, size) in self.symbols.items():
            if size and start <= addr < start + size:
                return name
        return None


# --- disk images (lab 5 on) ---------------------------------------------------
#
# A test that boots Aurora on a disk gets an image of its own (a copy of a
# pristine build/disk.img, or one made with mke2fs), never the student's.
# debugfs reads and writes files in it from the host; e2fsck checks it, as
# a Process of the test, so that its output is in the test's log.

E2FSCK_TIMEOUT = 300
# e2fsck's exit statuses: 0 nothing to fix, 1 and 2 errors corrected, 4 and
# up: errors left, or e2fsck itself failed.
E2FSCK_CORRECTED = 2


def e2fsprogs(tool):
    """The path of mke2fs, e2fsck or debugfs (in /sbin, which a user's PATH
    may lack)."""
    for path in (shutil.which(tool), f"/usr/sbin/{tool}", f"/sbin/{tool}"):
        if path and os.path.exists(path):
            return path
    raise GradeError(f"{tool} not found: install Debian's e2fsprogs")


def _host_tool(argv, timeout=300, env=None):
    """Run a host command; its stdout and stderr (bytes, text).  Fails
    with its messages if it fails or takes over timeout s."""
    try:
        r = subprocess.run([str(a) for a in argv], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise GradeError(f"'{shlex.join(map(str, argv))}' took over {timeout} s") from None
    err = r.stderr.decode(errors="replace")
    if r.returncode != 0:
        raise GradeError(f"'{shlex.join(map(str, argv))}' failed (status {r.returncode}):\n{err}")
    return r.stdout, err


def build_disk_image(path):
    """A pristine disk image at path: a copy of build/grade-disk.img, which
    the Makefile makes as it makes build/disk.img and nothing boots.  Not
    build/disk.img itself: it keeps what Aurora wrote to it."""
    _make(["make", "build/grade-disk.img"])
    shutil.copyfile(BUILD / "grade-disk.img", path)
    return path


# The features and shape tools/mkdisk.py gives build/disk.img, whatever
# the host's mke2fs.conf says.
EXT2_FEATURES = "none,ext_attr,resize_inode,dir_index,filetype,sparse_super,large_file"


def make_ext2(image, size_kib, tree, processes=None, block_size=1024, options=()):
    """mke2fs an ext2 image of size_kib KiB holding a copy of the directory
    tree; options are more of mke2fs's (-O extent adds a feature)."""
    _host_tool([e2fsprogs("mke2fs"), "-q", "-F", "-t", "ext2", "-b", block_size,
                "-I", "256", "-i", "4096", "-O", EXT2_FEATURES, "-d", tree, *options,
                image, f"{size_kib}k"], env=dict(os.environ, MKE2FS_CONFIG="/dev/null"))
    return Disk(image, processes)


class Disk:
    """An ext2 image file, read and written on the host with debugfs and
    checked with e2fsck.  Each e2fsck run is a Process appended to
    processes (the test's: its output goes into the test's log)."""

    def __init__(self, path, processes=None):
        self.path = Path(path)
        self.processes = [] if processes is None else processes

    def drive(self):
        """QEMU's arguments attaching the image as the Makefile's DISK is:
        the first IDE disk."""
        return ["-drive", f"file={self.path},format=raw,if=ide,index=0"]

    def debugfs(self, request, writable=False, harmless=None):
        """Run one debugfs request; its output (bytes).  debugfs says what
        went wrong on stderr but exits 0: anything there but its banner
        (and lines matching the regex harmless) fails."""
        out, err = _host_tool([e2fsprogs("debugfs"), *(["-w"] if writable else []),
                               "-R", request, self.path])
        errors = [line for line in err.splitlines() if line and not line.startswith("debugfs ")
                  and not (harmless and re.search(harmless, line))]
        if errors:
            raise GradeError(f"debugfs -R '{request}' {self.path.name}:\n" + "\n".join(errors))
        return out

    def read(self, path):
        """The bytes of the file at path, as Linux reads them."""
        return self.debugfs(f"cat {path}")

    def dump(self, path, host_file):
        self.debugfs(f"dump {path} {host_file}")

    def dump_tree(self, host_dir):
        """Copy every file of the image into host_dir (which must exist).
        Only root can give the copies the image's owners: not an error."""
        self.debugfs(f"rdump / {host_dir}", harmless=r"while changing ownership")

    def write(self, host_file, path):
        """Copy host_file into the image as path (which must not exist)."""
        self.debugfs(f"write {host_file} {path}", writable=True)

    def mkdir(self, path):
        self.debugfs(f"mkdir {path}", writable=True)

    def symlink(self, path, target):
        self.debugfs(f"symlink {path} {target}", writable=True)

    def set_inode_field(self, path, field, value):
        self.debugfs(f"set_inode_field {path} {field} {value}", writable=True)

    def block_of(self, path, index=0):
        """The disk block holding block index of the file at path."""
        return int(self.debugfs(f"bmap {path} {index}").split()[0])

    def block_size(self):
        out = self.debugfs("stats").decode()
        return int(re.search(r"^Block size:\s+(\d+)$", out, re.M).group(1))

    def names(self, path):
        """The names in directory path, "." and ".." left out."""
        out = self.debugfs(f"ls -p {path}").decode()
        return [f[5] for f in (line.split("/") for line in out.splitlines())
                if len(f) > 5 and f[5] not in ("", ".", "..")]

    def fsck(self, repair=False):
        """e2fsck -f, -n (change nothing) or -y (repair); its exit status
        and output."""
        option = "-fy" if repair else "-fn"
        p = Process([e2fsprogs("e2fsck"), option, self.path], f"e2fsck {option}")
        self.processes.append(p)
        return p.wait_exit(E2FSCK_TIMEOUT), p.text

    def check_clean(self, after):
        """e2fsck -fn must find nothing to fix."""
        status, out = self.fsck()
        check(status == 0, f"e2fsck -fn after {after} found the file system damaged "
              f"(exit status {status}); its report:\n{tail(out, 60)}")

    def repair(self, after):
        """e2fsck -fy must repair what there is to repair, and a second
        e2fsck -fn then find nothing."""
        status, out = self.fsck(repair=True)
        check(status <= E2FSCK_CORRECTED, f"e2fsck -fy after {after} could not repair the "
              f"file system (exit status {status}); its report:\n{tail(out, 60)}")
        self.check_clean(f"{after} and e2fsck -fy")


# --- one grader at a time --------------------------------------------------

def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("", port))
        except OSError as e:
            return e.errno == errno.EADDRINUSE
    return False


def free_gdb_port():
    """The port a gdb test gives QEMU: the Makefile's GDBPORT if it is free,
    else the next free one.  A student's `make qemu-gdb` left running in
    another terminal holds GDBPORT; no grader has a reason to stop it."""
    port = GDBPORT
    while port_in_use(port):
        port += 1
    return port


def claim_instance():
    """Refuse to run beside another grader in this tree.  Returns the lock's
    file, to be kept open for the session."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    lock = open(RESULTS / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise GradeError(f"another grader is running in {REPO} (it holds {RESULTS}/.lock)")
    return lock
