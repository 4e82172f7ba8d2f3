"""Lab 1 grader: debugging the kernel with gdb through QEMU's gdb stub
(test_lab4_gdb.py follows the recipe for a user program with these helpers).

Starts `make qemu-nox-gdb` (QEMU -S -gdb tcp::GDBPORT) and runs gdb with the
repository's .gdbinit, which connects, handles the real-mode start and the
switch to long mode (a hardware breakpoint first), and loads the symbols.
The kernel's tests run gdb in batch mode.
"""
import os
import re
import subprocess

import pytest

import aurora
from aurora import GradeError

pytestmark = pytest.mark.lab(1)

GDB_COMMANDS = ["kstart", "hbreak physmem_init", "continue", "bt", "info registers rip"]


def qemu_gdb_argv(cmdline, port):
    """`make qemu-nox-gdb` booting the grading ISO for cmdline (already
    built), waiting for gdb on port."""
    iso = aurora.iso_path(cmdline).relative_to(aurora.REPO)
    return ["make", "qemu-nox-gdb", f"ISO={iso}", f"CMDLINE={cmdline}", f"GDBPORT={port}"]


def gdb_env(port):
    """gdb's environment: .gdbinit connects to $GDBPORT when it is set."""
    return dict(os.environ, GDBPORT=str(port))


def wait_for_gdb(qemu, port):
    qemu.expect(r"-gdb tcp::%d\b" % port, 30)


@pytest.fixture
def gdb_session(kernel, processes):
    """gdb's output after stopping in physmem_init (the kernel is in long mode)."""
    port = aurora.free_gdb_port()
    qemu = aurora.Process(qemu_gdb_argv(aurora.MONITOR_CMDLINE, port),
                          f"make qemu-nox-gdb (gdb port {port})")
    processes.append(qemu)
    wait_for_gdb(qemu, port)
    cmd = ["gdb", "-batch", "-nx", "-x", ".gdbinit"]
    for c in GDB_COMMANDS:
        cmd += ["-ex", c]
    try:
        r = subprocess.run(cmd, cwd=aurora.REPO, env=gdb_env(port), stdout=subprocess.PIPE,
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
