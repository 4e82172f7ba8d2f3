"""Lab 4 grader, second part: signals, the terminal and job control, driven
through the shell as a student types at it.  One boot serves every test
here (they leave the shell at its prompt); each test's log is that whole
session.

Keys go in as a terminal sends them: Ctrl-C is \\x03, Ctrl-Z \\x1a, the up
arrow ESC [ A.  A program the test interrupts first prints a line, so the
key is sent only once the program runs, never after a guessed delay."""
import re
import subprocess

import pytest

import aurora
from aurora import check, need

pytestmark = pytest.mark.lab(4)

CMDLINE = "grade"
BOOT_TIMEOUT = 30
AT_ONCE = 5             # seconds: "the prompt returns at once"
CTRL_C, CTRL_Z, UP = "\x03", "\x1a", "\x1b[A"
PROMPT = re.escape(aurora.SHELL_PROMPT) + r"\Z"

# A foreground job that says when it runs, then waits long: Ctrl-C or
# Ctrl-Z must end or stop it, or the test times out.
WAITER = "sh -c 'echo waiting; sleep 100'"


@pytest.fixture(scope="module")
def session(kernel):
    sh = aurora.Shell("qemu (shell)", iso=aurora.build_iso(CMDLINE))
    try:
        yield sh.boot(BOOT_TIMEOUT)
    finally:
        sh.kill()


@pytest.fixture
def shell(session, processes):
    """The module's shell, at its prompt; its output is this test's log."""
    processes.append(session)
    yield session
    session.alive("after the test")


def start_waiter(sh, command=WAITER):
    sh.type_line(command)
    sh.expect(r"^waiting\r?$", 10)


@pytest.mark.points(10)
def test_ctrl_c_ends_the_foreground_job(shell):
    """Ctrl-C sends SIGINT to the foreground group: the job ends and the
    prompt is back at once; the shell itself is not hit."""
    start_waiter(shell)
    shell.send(CTRL_C)
    shell.expect(PROMPT, AT_ONCE)
    out = shell.run("echo $?")
    need(r"^130$", out, "the exit status of a job ended by SIGINT (128 + 2)")


@pytest.mark.points(10)
def test_ctrl_z_stops_and_fg_resumes(shell):
    """Ctrl-Z stops the foreground job (SIGTSTP) and the prompt returns;
    `fg` continues it in the foreground, where it reads the terminal."""
    start_waiter(shell, "sh -c 'echo waiting; read line; echo got $line'")
    shell.send(CTRL_Z)
    out = shell.text[shell.pos:]
    shell.expect(PROMPT, AT_ONCE)
    need(r"Stopped", shell.text[shell.pos - len(out):], "the shell's report of the stop")
    out = shell.run("jobs")
    need(r"Stopped", out, "jobs lists the stopped job")
    shell.type_line("fg")
    shell.type_line("resumed")
    shell.expect(r"^got resumed\r?$", 10)
    shell.expect(PROMPT, 10)


@pytest.mark.points(10)
def test_background_job_survives_ctrl_c(shell):
    """A job started with & is in its own group, not the terminal's
    foreground: Ctrl-C at the prompt does not reach it."""
    out = shell.run("sleep 100 &")
    need(r"^\[\d+\] \d+", out, "the shell's report of a background job")
    shell.send(CTRL_C)
    shell.expect(PROMPT, AT_ONCE)
    out = shell.run("jobs")
    need(r"Running.*sleep 100", out, "the background job after Ctrl-C")
    shell.run("kill %1")
    shell.run("jobs")


@pytest.mark.points(5)
def test_history_recalls_the_previous_command(shell):
    """The up arrow brings back the last line; Enter runs it again."""
    out = shell.run("echo recall-me")
    need(r"^recall-me\r?$", out, "echo")
    start = len(shell.text)
    shell.send(UP)
    shell.expect(r"echo recall-me", 5)
    shell.send("\r")
    shell.expect(PROMPT, 10)
    need(r"^recall-me\r?$", shell.text[start:], "the recalled command's output")


def linux_lines(program):
    """What a static test program prints when run on this Linux host."""
    path = aurora.BUILD / "user/bin" / program
    done = subprocess.run([str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout.splitlines()


@pytest.mark.points(15)
def test_musl_signals_same_as_on_linux(shell):
    """musl-signals (handlers, SA_SIGINFO, masks, sigaltstack, SIGSEGV to a
    handler, FPU kept, EINTR and SA_RESTART, SIGCHLD, SIGPIPE, stop and
    continue, process groups, a forged rt_sigreturn frame) prints on Aurora
    exactly the lines it prints on Linux; and the forged frame is refused by
    the kernel's check, not by luck."""
    expected = linux_lines("musl-signals")
    out = shell.run("musl-signals", 60)
    kernel_reports = [l for l in out.splitlines() if l.startswith("*** ")]
    got = [l.rstrip("\r") for l in out.splitlines() if not l.startswith("*** ")]
    check(got == expected, "musl-signals differs from Linux:\n"
          + "\n".join(f"  linux: {e!r}\n  aurora: {g!r}" for e, g in zip(expected, got) if e != g)
          + f"\n  ({len(expected)} lines on Linux, {len(got)} on Aurora)", out)
    check(any("rt_sigreturn with a bad frame" in l for l in kernel_reports),
          "no kernel report of the forged rt_sigreturn frame", out)
