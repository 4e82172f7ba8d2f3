#!/usr/bin/env python3
"""Run Aurora's fuzzer and stress program (user/bin/fuzz.c, user/bin/stress.c)
in QEMU with a fast timer tick, and fail on anything the kernel says is a
bug of its own (docs/concurrency.md).

    tools/robustness.py --calls N [--seed S] [--stress SECONDS] [--hz HZ] [--procs P]

The kernel boots with "grade hz=HZ", so the timer preempts HZ times a
second.  The programs run from the shell; each ends with "<prog>: OK" once
its calls are done and every frame and heap byte is back.  A kernel panic,
a "KERNEL BUG" report (a kernel-mode fault while serving a process, a lock
held across a switch, an "invariant broken" line after a process exit) or a
missing line fails the run at once, with the serial log's last lines.
The log is kept in build/robustness.log.  The last line is the plain
"N passed, M failed" summary.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "grade"))
import aurora  # noqa: E402

LOG = aurora.BUILD / "robustness.log"
BOOT_TIMEOUT = 60


def run_program(sh, command, name, timeout):
    """Run one program at the shell; its output, or GradeError."""
    start = time.monotonic()
    out = sh.run(command, timeout)
    aurora.need(rf"^{name}: OK$", out, command)
    print(f"{command}: OK in {time.monotonic() - start:.0f} s")
    for line in out.splitlines():
        if line.startswith(f"{name}: ") and line != f"{name}: OK":
            print("  " + line)
    return out


def jobs(args):
    """(command, name, timeout) for each program asked for."""
    todo = []
    if args.calls:
        todo.append((f"fuzz -s {args.seed} -n {args.calls} -p {args.procs}", "fuzz",
                     60 + args.calls // 200))
    if args.stress:
        todo.append((f"stress -p {args.procs} -t {args.stress}", "stress", 120 + 2 * args.stress))
    return todo


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=0, help="fuzzed system calls (0: no fuzzing)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--stress", type=int, default=0, help="seconds of stress (0: none)")
    p.add_argument("--procs", type=int, default=4, help="processes working at once")
    p.add_argument("--hz", type=int, default=10000, help="timer ticks per second")
    args = p.parse_args()
    iso = aurora.build_iso(f"grade hz={args.hz}")
    sh = aurora.Shell(f"qemu (hz={args.hz})", iso=iso)
    passed = failed = 0
    try:
        sh.boot(BOOT_TIMEOUT)
        for command, name, timeout in jobs(args):
            try:
                run_program(sh, command, name, timeout)
                passed += 1
            except aurora.GradeError as e:
                print(f"{command}: FAILED\n{e}")
                failed += 1
                if sh.death() or sh.exit_status is not None:
                    break
    except aurora.GradeError as e:
        print(f"boot: FAILED\n{e}")
        failed += 1
    finally:
        sh.kill()
        LOG.write_text(sh.text)
    print(f"serial log: {LOG.relative_to(aurora.REPO)}")
    print(f"robustness: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
