"""
The same user-level tests on both targets: each command below runs in the
shell of the x86_64 kernel under QEMU and of the browser kernel under Node,
both booted from the browser's disk image (build/browser/aurora.img, whose
programs carry both builds), and what each prints must be the same, line
for line.  One boot of each target serves every command, in order, so the
process ids agree too.  Then Ctrl-C, typed at each, must end a foreground
job.

    make test-targets       (or: /usr/bin/python3 -m pytest tests/targets)
"""
import difflib
import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "grade"))
import aurora  # noqa: E402  (the graders' QEMU and terminal machinery)

BUILD = REPO / "build"
IMAGE = BUILD / "browser" / "aurora.img"
NODE_RUNNER = REPO / "web" / "os" / "aurora-node.mjs"
CMDLINE = "grade"
CTRL_C_TRIES = 10       # a second apart: sleep 30 must end well before its time

# (command, seconds it may take on the slower target)
COMMANDS = [
    # the test programs: fork, exec, wait, pipes, signals, capabilities,
    # the file system, and a fork bomb that must leave the kernel whole
    ("t_fork", 60),
    ("t_pipe", 60),
    ("t_libsignal", 60),
    ("t_caps", 60),
    ("t_errors", 60),
    ("t_fs /tmp/t_fs.dir", 120),
    ("t_forkbomb", 120),
    # the shell: pipelines, redirections, exit statuses, errors
    ("echo one two three | wc", 10),
    ("cat /etc/motd | wc -l; cksum /etc/motd", 10),
    ("cat /nosuch; echo status $?", 10),
    ("sh -c 'exit 3'; echo status $?", 10),
    ("mkdir -p /tmp/a/b && echo hi > /tmp/a/b/f && cat /tmp/a/b/f; ls -l /tmp/a/b", 10),
    ("rm -r /tmp/a; ls /tmp/a; echo status $?", 10),
    ("ls /bin | wc -l; ls -l /home/student", 10),
]


def image_copy(tmp_path, name):
    path = tmp_path / f"{name}.img"
    shutil.copyfile(IMAGE, path)
    return path


def qemu_shell(processes, image):
    return aurora.boot_shell(processes, aurora.build_iso(CMDLINE), "qemu",
                             extra=aurora.Disk(image).drive())


def node_shell(processes, image):
    argv = ["node", "--no-experimental-fetch", NODE_RUNNER, "--cmdline",
            f"{CMDLINE} root=disk0", image]
    shell = aurora.Shell("node", argv=argv)
    processes.append(shell)
    return shell.boot(60)


def outputs(shell):
    """Each command's output, as the shell printed it."""
    return [shell.run(command, timeout) for command, timeout in COMMANDS]


@pytest.fixture(scope="module")
def shells(tmp_path_factory):
    """Both kernels at their shell's prompt, each on its own copy of the image."""
    aurora._make(["make", "build/browser/aurora.img", "browser-kernel"])
    tmp = tmp_path_factory.mktemp("targets")
    processes = []
    try:
        yield {"qemu": qemu_shell(processes, image_copy(tmp, "qemu")),
               "node": node_shell(processes, image_copy(tmp, "node"))}
    finally:
        for p in processes:
            p.kill()


@pytest.fixture(scope="module")
def both(shells):
    return {target: outputs(shell) for target, shell in shells.items()}


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[c for c, _ in COMMANDS])
def test_same_lines(both, index):
    """The same lines, and none a failed check: a test program failing the
    same way on both kernels is a failure too."""
    qemu, node = both["qemu"][index], both["node"][index]
    failed = re.findall(r"^FAIL .*$", qemu + node, re.M)
    if failed:
        pytest.fail(f"'{COMMANDS[index][0]}' failed checks:\n" + "\n".join(failed), pytrace=False)
    if qemu != node:
        diff = difflib.unified_diff(qemu.splitlines(), node.splitlines(), "qemu (x86_64)",
                                    "node (wasm)", lineterm="")
        pytest.fail(f"'{COMMANDS[index][0]}' prints differently:\n" + "\n".join(diff),
                    pytrace=False)


@pytest.mark.parametrize("target", ["qemu", "node"])
def test_ctrl_c_ends_the_foreground_job(shells, both, target):
    """Typed at the terminal, Ctrl-C interrupts what runs in the foreground
    (the terminal's line discipline signals its group), and the shell
    answers again; after the compared commands, so as not to change them."""
    shell = shells[target]
    shell.type_line("sleep 30")
    # A Ctrl-C typed before the shell has started sleep reaches only the
    # shell, which ignores it: type it again until the prompt is back.
    for _ in range(CTRL_C_TRIES):
        shell.send("\x03")
        if back_at_prompt(shell):
            break
    else:
        pytest.fail(f"no prompt after {CTRL_C_TRIES} Ctrl-Cs:\n{aurora.tail(shell.text)}",
                    pytrace=False)
    aurora.need(r"^still here$", shell.run("echo still here"), "the shell after Ctrl-C")


def back_at_prompt(shell):
    try:
        shell.wait_prompt(1)
        return True
    except aurora.GradeError:
        return False
