"""The shell at a terminal, on this Linux host: job control, line editing,
Tab completion and variables, checked against Linux's terminal and signals
(Aurora's kernel follows them, so the same scenarios serve a grader that
types at Aurora's console in QEMU).

A scenario is a list of steps (send, expect): the keys to type, then a
regular expression the shell's output must show within TIMEOUT seconds
(it is searched from where the last step's match ended).  The patterns do
not rely on re.DOTALL.  Run by `make test-user-host`; by hand:

    SH_UNDER_TEST=build/user/bin/sh /usr/bin/python3 -m pytest user/test_sh_pty.py
"""
import glob
import os
import re
import signal
import time
from pathlib import Path

import pexpect
import pytest

SH = os.environ.get("SH_UNDER_TEST", str(Path(__file__).parent.parent / "build/user/bin/sh"))
TIMEOUT = 3         # seconds for every step: `sleep 100` must never be waited out
SETTLE = 0.5        # before Ctrl-C or Ctrl-Z: typed before the job has the terminal, the
                    # key would be input to the shell's line editor, not a signal

NL = r"\r+\n"       # the editor echoes \r\n, which the terminal's ONLCR makes \r\r\n
PROMPT = r"\$ "
CTRL_C, CTRL_Z, CTRL_D, CTRL_U = "\x03", "\x1a", "\x04", "\x15"
UP, TAB = "\x1b[A", "\t"
JOB = r"\[1\] \d+" + NL     # "[1] 4242": a job started in the background


def run(command, output=""):
    """Type command and Enter; expect its echo, the output (a pattern whose
    lines each end in NL) and the next prompt."""
    return command + "\r", re.escape(command) + NL + output + PROMPT


def start(command, output=""):
    """Type command and Enter; expect its echo and output, but no prompt: it goes on."""
    return command + "\r", re.escape(command) + NL + output


def job(state, text):
    """A line of `jobs` for job 1, the current one."""
    return r"\[1\]\+ +" + state + " +" + re.escape(text) + NL


INTERRUPTED = (CTRL_C, r"\^C" + NL + PROMPT)     # the terminal echoes ^C; the prompt is back


def scenarios(home):
    """Every scenario, for a shell whose $HOME is home and whose current
    directory is writable."""
    return {
        "ctrl_c_ends_the_foreground_job": [
            start("sleep 100"),
            INTERRUPTED,
            run("echo status=$?", "status=130" + NL),
        ],
        "ctrl_c_drops_the_rest_of_the_line": [
            start("sleep 100; echo not-run"),
            INTERRUPTED,
        ],
        "ctrl_z_stops_the_job_and_fg_continues_it": [
            start("sleep 100"),
            (CTRL_Z, r"\^Z" + NL + job("Stopped", "sleep 100") + PROMPT),
            run("jobs", job("Stopped", "sleep 100")),
            start("fg", "sleep 100" + NL),
            INTERRUPTED,
            run("jobs"),
        ],
        "a_background_job_survives_ctrl_c_at_the_prompt": [
            run("sleep 100 &", JOB),
            INTERRUPTED,
            run("jobs", job("Running", "sleep 100 &")),
            start("fg %1", "sleep 100" + NL),
            INTERRUPTED,
        ],
        "bg_continues_a_stopped_pipeline": [
            start("sleep 100 | cat"),
            (CTRL_Z, job("Stopped", "sleep 100 | cat") + PROMPT),
            run("bg", r"\[1\]\+ sleep 100 \| cat &" + NL),
            run("jobs", job("Running", "sleep 100 | cat &")),
            start("fg", r"sleep 100 \| cat" + NL),
            INTERRUPTED,
        ],
        "how_jobs_ended_is_reported": [
            run("sleep 0.2 &", JOB),
            run("sleep 1", job("Done", "sleep 0.2")),
            run("false &", JOB),
            run("sleep 1", job("Exit 1", "false")),
            run("sleep 100 &", JOB),
            run("kill -9 $!; sleep 1", job("Killed", "sleep 100")),
            run("sh -c 'kill -15 $$'", "Terminated" + NL),
        ],
        "up_arrow_recalls_the_previous_command": [
            run("echo recalled", "recalled" + NL),
            (UP, r"echo recalled"),
            ("\r", NL + "recalled" + NL + PROMPT),
            run("history", r" +1  echo recalled" + NL + r" +2  history" + NL),
        ],
        "tab_completes_a_command_and_a_path": [
            run("mkdir tab-dir"),
            run("echo hi > tab-dir/tab-file"),
            ("ech" + TAB, "echo "),
            ("tab-works\r", NL + "tab-works" + NL + PROMPT),
            ("cat tab-d" + TAB, "tab-dir/"),
            ("tab-f" + TAB, "tab-file "),
            ("\r", NL + "hi" + NL + PROMPT),
            ("ex" + TAB, NL + "exit  export" + NL),        # two matches: listed
            (CTRL_U, PROMPT + r"\x1b\[K"),
        ],
        "variables_and_the_environment": [
            run("echo home=$HOME", "home=" + re.escape(home) + NL),
            run("export GREETING=hello"),
            run("sh -c 'echo child sees $GREETING'", "child sees hello" + NL),
            run("unset GREETING"),
            run("sh -c 'echo child sees [$GREETING]'", r"child sees \[\]" + NL),
            run("LOCAL=1; echo ${LOCAL}x", "1x" + NL),
            run("sh -c 'echo child sees [$LOCAL]'", r"child sees \[\]" + NL),
            run("export LOCAL"),
            run("sh -c 'echo child sees [$LOCAL]'", r"child sees \[1\]" + NL),
            run("ONCE=2 sh -c 'echo child sees [$ONCE]'; echo [$ONCE]",
                r"child sees \[2\]" + NL + r"\[\]" + NL),
        ],
        "help_lists_the_builtins": [
            run("help", "".join(r"  %s [^\n]*\n[\s\S]*" % name for name in
                                ("cd", "export", "unset", "jobs", "fg", "bg", "history", "exit"))),
        ],
        "a_shell_in_a_shell_gives_the_terminal_back": [
            run("sh"),
            start("sleep 100"),
            INTERRUPTED,
            run("exit", "exit" + NL),
            start("sleep 100"),
            INTERRUPTED,
        ],
    }


def play(sh, steps):
    for send, expect in steps:
        if send in (CTRL_C, CTRL_Z):
            time.sleep(SETTLE)
        sh.send(send)
        try:
            sh.expect(expect, timeout=TIMEOUT)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pytest.fail(f"after typing {send!r}, no {expect!r} within {TIMEOUT} s; "
                        f"the output since the last step:\n{sh.before!r}")


def kill_session(sid):
    """Kill what a failed scenario left running in the shell's session."""
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            session = int(Path(stat).read_text().rsplit(")", 1)[1].split()[3])
            if session == sid:
                os.kill(int(stat.split("/")[2]), signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            pass        # it ended meanwhile


@pytest.fixture
def sh(tmp_path):
    """The shell on a new terminal (pexpect makes it a session leader whose
    controlling terminal that is), at its first prompt."""
    child = pexpect.spawn(SH, [], cwd=str(tmp_path), encoding="utf-8", dimensions=(24, 80),
                          env={"PATH": str(Path(SH).parent), "HOME": str(tmp_path),
                               "TERM": "dumb"})
    try:
        child.expect(PROMPT, timeout=TIMEOUT)
        yield child
    finally:
        kill_session(child.pid)
        child.close(force=True)


@pytest.mark.parametrize("name", sorted(scenarios("")))
def test_scenario(sh, tmp_path, name):
    play(sh, scenarios(str(tmp_path))[name])


@pytest.mark.parametrize("keys, status", [("exit 3\r", 3), ("false\r" + CTRL_D, 1)])
def test_exit_and_end_of_input(sh, keys, status):
    """exit n, and Ctrl-D on an empty line, end the shell with the status."""
    sh.send(keys)
    sh.expect(pexpect.EOF, timeout=TIMEOUT)
    sh.close()
    assert sh.exitstatus == status
