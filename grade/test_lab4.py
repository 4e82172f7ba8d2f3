"""Lab 4 grader: user processes and system calls, driven through Aurora's
shell.  The kernel boots (command line "grade") to /bin/init, which starts
/bin/sh on the console; each test types command lines at the "$ " prompt.

The test programs (user/bin/t_*.c) check many details from inside and end
with "t_NAME: N passed, M failed"; a test here passes only if that line
says 0 failed and the kernel is still there afterwards."""
import re

import pytest

import aurora
from aurora import check, need

pytestmark = pytest.mark.lab(4)

CMDLINE = "grade"
BOOT_TIMEOUT = 30           # seconds to the first prompt (about 2 s under TCG)
SHELL_PROMPT = aurora.SHELL_PROMPT
MOTD = (aurora.REPO / "user/etc/motd").read_text()


def boot_shell(processes, uefi=False):
    """A Shell at its prompt; once a boot has failed to reach the shell,
    later tests fail at once (aurora.boot_shell)."""
    return aurora.boot_shell(processes, aurora.build_iso(CMDLINE),
                             "qemu (shell, UEFI)" if uefi else "qemu (shell)",
                             kind="shell", uefi=uefi, timeout=BOOT_TIMEOUT)


@pytest.fixture
def shell(kernel, processes):
    """A Shell at its first prompt (the ISO is built once per session)."""
    return boot_shell(processes)


def run_test_program(sh, command, timeout=60):
    """Run a t_* program; fail unless it reports no failures."""
    out = sh.run(command, timeout)
    name = command.split()[0]
    m = need(r"^%s: (\d+) passed, (\d+) failed$" % re.escape(name), out, command)
    failed = re.findall(r"^FAIL .*$", out, re.M)
    check(int(m.group(2)) == 0 and int(m.group(1)) > 0,
          f"{command}: {m.group(2)} checks failed: " + "; ".join(failed[:3]), out)
    return out


def words(text):
    return len(text.split())


# --- the shell ------------------------------------------------------------------

@pytest.mark.points(5)
def test_boots_to_shell(shell):
    """init starts the shell; a program runs with its arguments."""
    out = shell.run("echo hello   'big world'")
    need(r"^hello big world$", out, "echo")


@pytest.mark.points(5)
def test_uefi_boots_to_shell(kernel, processes):
    """The same ISO boots to the shell on UEFI firmware, and programs run."""
    shell = boot_shell(processes, uefi=True)
    out = shell.run("echo on uefi | wc -w")
    need(r"^\s*2\s*$", out, "echo on uefi | wc -w, booted with OVMF")


@pytest.mark.points(5)
def test_bochs_boots_to_shell(request, kernel, processes):
    """Bochs runs init and the shell: ring 3, SYSCALL and SYSRET, FXSAVE
    on a second CPU model.  (The shell's prompt is the proof that init
    forked and executed it.)"""
    aurora.need_bochs(request)
    b = aurora.Bochs(aurora.build_iso(CMDLINE))
    processes.append(b)
    b.expect(r"^Aurora kernel booting \(command line \"grade\"\)$", 60)
    # Not anchored: Bochs's serial line hands the guest a 0 byte as it
    # starts, which the terminal echoes as ^@ (as Linux's would).
    b.expect(r"init: starting /bin/sh$", 120)
    b.expect(re.escape(SHELL_PROMPT), 60)


@pytest.mark.points(10)
def test_pipelines(shell):
    """Two- and three-stage pipelines carry data between processes."""
    out = shell.run("cat /etc/motd | wc")
    counts = need(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s*$", out, "cat /etc/motd | wc")
    expected = (MOTD.count("\n"), words(MOTD), len(MOTD.encode()))
    check(tuple(map(int, counts.groups())) == expected,
          f"cat /etc/motd | wc: got {counts.groups()}, expected {expected}", out)
    out = shell.run("echo one two three | grep two | wc -w")
    need(r"^\s*3\s*$", out, "echo one two three | grep two | wc -w")


@pytest.mark.points(10)
def test_redirections(shell):
    """>, >>, < and 2> open the right files on the right descriptors."""
    shell.run("echo first > /tmp/f")
    shell.run("echo second >> /tmp/f")
    out = shell.run("cat < /tmp/f")
    need(r"^first\r?\nsecond$", out, "cat < /tmp/f after > and >>")
    out = shell.run("wc -l < /tmp/f")
    need(r"^\s*2\s*$", out, "wc -l < /tmp/f")
    shell.run("ls /no/such/dir 2> /tmp/err")
    out = shell.run("cat /tmp/err")
    need(r"no/such/dir", out, "ls's error message, redirected with 2>")


@pytest.mark.points(5)
def test_exit_status(shell):
    """$? is the last command's exit status, as wait4 reported it."""
    for command, status in (("true", 0), ("false", 1), ("sh -c 'exit 42'", 42),
                            ("no-such-command", 127)):
        out = shell.run(f"{command}; echo status=$?")
        need(r"^status=%d$" % status, out, f"{command}; echo $?")


# --- processes --------------------------------------------------------------------

@pytest.mark.points(10)
def test_fork_exec_wait(shell):
    """fork, execve and wait4 return what POSIX says: each child reaped once
    with its status, signals and break inherited, close-on-exec honoured,
    a failed execve harmless (t_fork)."""
    run_test_program(shell, "t_fork")


@pytest.mark.points(10)
def test_copy_on_write(shell):
    """After fork, parent and child do not see each other's writes, and only
    written pages are copied (t_cow measures frames with aurora_meminfo)."""
    run_test_program(shell, "t_cow")


@pytest.mark.points(5)
def test_pipes(shell):
    """Pipe order, end of file, EPIPE, a 64 KiB transfer, dup2, and end of
    file only after the last of several writers closes (t_pipe)."""
    run_test_program(shell, "t_pipe")


@pytest.mark.points(5)
def test_orphans_reaped(shell):
    """A child whose parent exits becomes init's, and init reaps it."""
    shell.run("sh -c 'sleep 1 &'")
    out = shell.run("ps")
    orphan = need(r"^\s*(\d+)\s+(\d+)\s+\S+\s+\S+\s+sleep\s*$", out, "the orphaned sleep in ps")
    check(orphan.group(2) == "1", f"the orphan's parent is {orphan.group(2)}, not init (1)", out)
    shell.run("sleep 2")
    out = shell.run("ps")
    check(not re.search(r"\bsleep\s*$", out, re.M), "the orphan is still listed after it "
          "exited: init did not reap it", out)
    check(not re.search(r"^\s*\d+\s+\d+\s+Z\b", out, re.M), "a zombie is left", out)


# --- robustness ----------------------------------------------------------------------

@pytest.mark.points(15)
def test_hostile_arguments(shell):
    """Bad pointers, bad descriptors, huge lengths and unknown numbers, to
    every system call: each gets its error and the kernel survives; even
    SIGKILL to init does not end the system.  Buffers that run into an
    unmapped page give Linux's partial counts and lose no byte (t_partial);
    descriptors and memory stop at Linux's limits (t_limits)."""
    run_test_program(shell, "t_hostile", timeout=120)
    shell.alive("t_hostile")
    run_test_program(shell, "t_partial")
    run_test_program(shell, "t_limits")
    shell.run("kill -9 1")
    shell.alive("kill -9 1 (init must not die)")


@pytest.mark.points(10)
def test_fork_bomb(shell):
    """A fork bomb ends with an error, not a hang or a panic; afterwards
    forks work and the memory comes back."""
    before = shell.meminfo()
    out = shell.run("t_forkbomb", timeout=120)
    need(r"^fork failed after \d+ children: E(AGAIN|NOMEM)$", out, "t_forkbomb")
    need(r"^t_forkbomb: recovered$", out, "t_forkbomb")
    shell.alive("the fork bomb")
    after = shell.meminfo()
    check(after["processes"] == before["processes"],
          f"{after['processes']} processes after the fork bomb, {before['processes']} before")
    check(after["free"] >= before["free"] - 16,
          f"the fork bomb lost {before['free'] - after['free']} frames", out)


@pytest.mark.points(5)
def test_out_of_memory(shell):
    """A program that touches more memory than there is is killed; the
    kernel lives on and gets every frame back (t_oom)."""
    out = run_test_program(shell, "t_oom", timeout=180)
    need(r"\*\*\* process \d+ \(t_oom\): .*no memory left.* killed by signal 11", out,
         "the kernel's report of the memory eater")
    shell.alive("running out of memory")


@pytest.mark.points(5)
def test_faulting_program_is_killed(shell):
    """A program that touches memory it has no right to is killed with a
    report naming it; the kernel and the shell carry on."""
    for kind in ("null", "write-ro", "exec-data", "kernel"):
        out = shell.run(f"t_fault {kind}")
        need(r"\*\*\* process \d+ \(t_fault\): .* killed by signal 11 \(SIGSEGV\)", out,
             f"the kernel's report of t_fault {kind}")
        need(r"^Segmentation fault", out, f"the shell's report of t_fault {kind}")
    shell.alive("the faults")


# --- capabilities ------------------------------------------------------------------------

@pytest.mark.points(10)
def test_sandbox(shell):
    """sandbox runs a command with only the capabilities it keeps: what was
    dropped is denied (and logged), the rest allowed."""
    out = shell.run("sandbox -k fs-read cat /etc/motd")
    check(MOTD.strip().splitlines()[0] in out, "sandbox -k fs-read cat /etc/motd: the file "
          "was not printed", out)
    out = shell.run("sandbox -k fs-read,proc sh -c 'echo x > /tmp/sandboxed'")
    need(r"caps: process \d+ \(sh\) denied open(at)?: needs fs-write", out,
         "the denied write's log line")
    out = shell.run("cat /tmp/sandboxed")
    check("x" not in out.split(), "the sandboxed write happened anyway", out)
    out = shell.run("sandbox cat /etc/motd")
    need(r"caps: process \d+ \(cat\) denied open(at)?: needs fs-read", out,
         "the denied read's log line")
    run_test_program(shell, "t_caps")


# --- a real toolchain ---------------------------------------------------------------------

@pytest.mark.points(10)
def test_musl_binaries(shell):
    """Static binaries from Debian's musl-gcc run unmodified."""
    out = shell.run("musl-hello")
    need(r"^hello from musl$", out, "musl-hello")
    out = shell.run("musl-forkpipe")
    need(r"^child said: .*hello from echo", out, "musl-forkpipe's pipe")
    need(r"^child exit status 0$", out, "musl-forkpipe's wait")


# --- leaks -------------------------------------------------------------------------------

@pytest.mark.points(5)
def test_no_leaks(shell):
    """Running processes, pipes and files twice leaves the second time's
    memory exactly where the first left it."""
    batch = ["t_fork", "cat /etc/motd | grep Aurora | wc", "echo x > /tmp/leak; rm /tmp/leak"]
    for command in batch:
        shell.run(command, 60)
    first = shell.meminfo()
    for command in batch:
        shell.run(command, 60)
    second = shell.meminfo()
    check(second["free"] == first["free"],
          f"free frames {first['free']} -> {second['free']}: frames leaked")
    check(second["heap"] == first["heap"],
          f"kernel heap {first['heap']} -> {second['heap']} bytes: heap leaked")
