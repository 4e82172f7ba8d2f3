#!/usr/bin/python3
"""Run lab 5's grader tests with Linux's ext2 in place of Aurora's kernel:
the proof that what they expect is what a correct file system does.

Each test's image is loop-mounted and Aurora's own shell and programs run
in a chroot on it (they are static Linux binaries), with the host's /dev
bound on /dev (another file system, as Aurora's is); "power off" is sync,
exit and unmount.  The tests of what only Aurora says (refusing a disk,
mounting one read-only: Linux knows huge_file) are left out, and so are
its invariants.  Needs root (mount, chroot).

    sudo tools/lab5-on-linux.py [words]    # only the tests whose names hold a word
"""
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "grade"))
import aurora  # noqa: E402
import test_lab5  # noqa: E402

NEEDS_AURORA = ("refused", "read_only")


class LinuxShell(aurora.Shell):
    """Aurora's shell in a chroot on the loop-mounted image."""

    def __init__(self, disk):
        self.root = Path(tempfile.mkdtemp(prefix="aurora-lab5-linux-"))
        subprocess.run(["mount", "-o", "loop", disk.path, self.root], check=True)
        subprocess.run(["mount", "--bind", "/dev", self.root / "dev"], check=True)
        super().__init__(f"Linux's ext2 on {disk.path.name}",
                         argv=["chroot", self.root, "/bin/sh"])
        self.wait_prompt(10)

    def check_invariants(self, lab):
        """Aurora's invariants: not Linux's."""

    def power_off(self, timeout=60):
        aurora.need(r"^status=0$", self.run("sync; echo status=$?", timeout), "sync")
        self.command("exit")
        self.wait_exit(10)
        self.unmount()

    def kill(self):
        super().kill()
        self.unmount()

    def unmount(self):
        if self.root.exists():
            subprocess.run(["umount", self.root / "dev"], check=True)
            subprocess.run(["umount", self.root], check=True)
            self.root.rmdir()


def boot_disk(processes, disk, kind="disk"):
    sh = LinuxShell(disk)
    processes.append(sh)
    return sh


def arguments(test, system, scratch, processes):
    """What the test's fixtures would give it."""
    names = test.__code__.co_varnames[:test.__code__.co_argcount]
    given = {"system": system, "scratch": scratch, "kernel": None, "processes": processes}
    if "disk" in names or "shell" in names:
        given["disk"] = test_lab5.copy_image(system, scratch, processes)
    if "shell" in names:
        given["shell"] = boot_disk(processes, given["disk"])
    return [given[n] for n in names]


def run(name, system):
    processes = []
    with tempfile.TemporaryDirectory(prefix="aurora-lab5-") as scratch:
        try:
            getattr(test_lab5, name)(*arguments(getattr(test_lab5, name), system,
                                                Path(scratch), processes))
            print(f"{name} ... OK")
            return True
        except AssertionError as e:
            print(f"{name} ... FAIL\n{e}")
            for p in processes:
                print(f"===== {p.name}\n{p.text}")
            return False
        finally:
            for p in processes:
                p.kill()


def main(words):
    test_lab5.boot_disk = boot_disk
    names = [n for n in dir(test_lab5) if n.startswith("test_")
             and not any(w in n for w in NEEDS_AURORA)
             and (not words or any(w in n for w in words))]
    with tempfile.TemporaryDirectory(prefix="aurora-lab5-") as d:
        system = test_lab5.System(Path(d))
        failed = [n for n in names if not run(n, system)]
    print(f"{len(names) - len(failed)} of {len(names)} passed on Linux")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
