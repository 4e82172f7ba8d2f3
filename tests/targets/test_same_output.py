"""
The same user-level tests on both targets: each command below runs in the
shell of the x86_64 kernel under QEMU and of the browser kernel under Node,
both booted from the browser's disk image (build/browser/aurora.img, whose
programs carry both builds), and what each prints must be the same, line
for line.  One boot of each target serves every command, in order, so the
process ids agree too.

    make test-targets       (or: /usr/bin/python3 -m pytest tests/targets)
"""
import difflib
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
def both(tmp_path_factory):
    aurora._make(["make", "build/browser/aurora.img", "browser-kernel"])
    tmp = tmp_path_factory.mktemp("targets")
    processes = []
    try:
        yield {"qemu": outputs(qemu_shell(processes, image_copy(tmp, "qemu"))),
               "node": outputs(node_shell(processes, image_copy(tmp, "node")))}
    finally:
        for p in processes:
            p.kill()


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[c for c, _ in COMMANDS])
def test_same_lines(both, index):
    qemu, node = both["qemu"][index], both["node"][index]
    if qemu != node:
        diff = difflib.unified_diff(qemu.splitlines(), node.splitlines(), "qemu (x86_64)",
                                    "node (wasm)", lineterm="")
        pytest.fail(f"'{COMMANDS[index][0]}' prints differently:\n" + "\n".join(diff),
                    pytrace=False)
