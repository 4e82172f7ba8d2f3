"""Lab 4 grader, second part: signals, the terminal and job control, driven
through the shell as a student types at it.  One boot serves every test
here (they leave the shell at its prompt); each test's log is that whole
session.

Keys go in as a terminal sends them: Ctrl-C is \\x03, Ctrl-Z \\x1a, the up
arrow ESC [ A.  A program the test interrupts first prints a line, so the
key is sent only once the program runs, never after a guessed delay."""
import re
import subprocess
import time

import pytest

import aurora
from aurora import check, need

pytestmark = pytest.mark.lab(4)

CMDLINE = "grade"
BOOT_TIMEOUT = 30
AT_ONCE = 5             # seconds: "the prompt returns at once"
CTRL_C, CTRL_D, CTRL_T, CTRL_Z, UP = "\x03", "\x04", "\x14", "\x1a", "\x1b[A"
PROMPT = re.escape(aurora.SHELL_PROMPT) + r"\Z"

# A foreground job that says when it runs, then waits long: Ctrl-C or
# Ctrl-Z must end or stop it, or the test times out.
WAITER = "sh -c 'echo waiting; sleep 100'"


@pytest.fixture(scope="module")
def sessions(kernel):
    """The module's shell, once booted: {"shell": Shell}."""
    held = {}
    yield held
    if "shell" in held:
        held["shell"].kill()


def answers(sh):
    """Is sh at a prompt that runs a command?"""
    try:
        need(r"^ready\r?$", sh.run("echo ready", AT_ONCE), "echo")
        return True
    except aurora.GradeError:
        return False


@pytest.fixture
def shell(sessions, request):
    """The module's shell at its prompt; booted anew if an earlier test left
    it stuck, so that one failure does not fail the tests after it.  Its
    output is this test's log (conftest.py shows a test's processes)."""
    sh = sessions.get("shell")
    if sh is None or not answers(sh):
        if sh is not None:
            sh.kill()
        sh = sessions["shell"] = aurora.Shell("qemu (shell)", iso=aurora.build_iso(CMDLINE))
        sh.boot(BOOT_TIMEOUT)
    request.node._aurora_processes = [sh]
    yield sh


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


@pytest.mark.points(5)
def test_ctrl_t_says_what_the_job_waits_in(shell):
    """Ctrl-T prints a line per process of the foreground job: a cat with
    nothing to read is "blocked in read" (what the graders report for a
    command that hangs).  Asked again until the job has reached its read,
    for up to 30 s: on a busy host, echo's exit (and its invariant checks)
    can take seconds under TCG."""
    start_waiter(shell, "sh -c 'echo waiting; cat'")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        start = len(shell.text)
        shell.send(CTRL_T)
        shell.expect(r"^status: .*\n", AT_ONCE)
        shell.poll(0.2)
        status = re.findall(r"^status: (.*)$", shell.text[start:], re.M)
        if any(re.fullmatch(r"pid \d+ \(cat\): blocked in read", s) for s in status):
            break
    check(any(re.fullmatch(r"pid \d+ \(cat\): blocked in read", s) for s in status),
          f"Ctrl-T while cat waits for input: {status}; expected 'pid N (cat): blocked in "
          "read'", shell.text)
    shell.send(CTRL_D)
    shell.expect(PROMPT, AT_ONCE)


@pytest.mark.points(10)
def test_ctrl_z_stops_and_fg_resumes(shell):
    """Ctrl-Z stops the foreground job (SIGTSTP) and the prompt returns;
    `fg` continues it in the foreground, where it reads the terminal: cat
    copies a typed line back, and Ctrl-D ends it."""
    job = "sh -c 'echo waiting; cat'"
    start_waiter(shell, job)
    start = len(shell.text)
    shell.send(CTRL_Z)
    shell.expect(PROMPT, AT_ONCE)
    need(r"Stopped", shell.text[start:], "the shell's report of the stop")
    out = shell.run("jobs")
    need(r"Stopped", out, "jobs lists the stopped job")
    shell.type_line("fg")
    shell.expect(re.escape(job) + r"\r?$", 5)
    shell.type_line("resumed")
    shell.expect(r"^resumed\r?$", 10)          # cat's copy, after the echo
    shell.send(CTRL_D)
    shell.expect(PROMPT, AT_ONCE)


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
    out = shell.run("kill $!") + shell.run("jobs")
    need(r"Terminated.*sleep 100", out, "the shell's report of the killed job")


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
