#!/usr/bin/python3
"""
make bench: Aurora and Linux, the same benchmark binary (user/musl/bench.c),
the same QEMU with the same flags, alternately; one table of the results
(docs/benchmarks.md says how to read it).

  bench.py --aurora ISO --disk IMAGE [--linux ISO DISK_ISO] [--browser IMAGE]
           [--rounds N] [--quick]

Each round boots Aurora, types `musl-bench` at its shell, and boots Linux,
whose /init is musl-bench: the memory rows.  Then each again with a fresh
copy of the ext2 IMAGE as its IDE disk, for the ext2 rows: Aurora mounts it
as / and is typed `musl-bench -d /tmp`; DISK_ISO's /init mounts it at /mnt
and works in /mnt/tmp.  The time of a loop is taken here, on the host,
from the arrival of its begin and end markers on the serial line; the
guest's clock_gettime figure is shown beside it.  Boot time is from
starting QEMU to Aurora's first shell prompt, or to Linux's /init printing
its first line.  --quick runs each benchmark a few iterations once: the
smoke test of make test, which checks that every row comes out.

With --browser, each round also boots the browser kernel under Node
(web/os/aurora-node.mjs) from a fresh copy of IMAGE, the browser's disk,
whose musl-bench carries its WebAssembly build, and types `musl-bench`:
the memory rows, its /tmp being on that disk.  With --chromium too, it
does the same in headless Chromium (web/os/aurora-chromium.mjs: the
desktop page, with a fresh profile, so its disk is a fresh copy of the
site's image).
"""
import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "grade"))
import aurora  # noqa: E402  (the graders' QEMU driver: kills QEMU on every exit)

MEMORY = "256M"
BOOT_TIMEOUT = 90
LINE_TIMEOUT = 120          # the longest one loop may take to size and run
BENCHMARKS = ["getpid", "pipe-pingpong", "fork-exit-wait", "read-4k-cached",
              "mmap-touch-1m", "kmalloc-kfree"]
DISK_BENCHMARKS = ["ext2-read-4k-cached", "ext2-create-fsync-unlink",
                   "ext2-seq-write-16m", "ext2-seq-read-16m"]
DISK_DIR = "/tmp"               # on the disk: Aurora's root is the disk
REPO = Path(__file__).resolve().parent.parent
BROWSER = "Browser (Node)"
BROWSER_RUNNER = ["node", "--no-experimental-fetch", str(REPO / "web" / "os" / "aurora-node.mjs"),
                  "--cmdline", "root=disk0 nochecks"]
CHROMIUM = "Browser (Chromium)"
CHROMIUM_RUNNER = ["node", str(REPO / "web" / "os" / "aurora-chromium.mjs")]
AURORA_ROOT_ON_DISK = "rootfs: ext2 on ata0 mounted at /"
# Benchmarks a kernel may skip: Linux has no aurora_kmalloc_bench.
OPTIONAL = {"Linux": {"kmalloc-kfree"}}
SHELL_PROMPT = "$ "
LINE = r"^(BENCH|bench:) ([^\n]*)\n"     # one whole line of the protocol


class BenchError(Exception):
    pass


class TimedMachine(aurora.Machine):
    """A Machine that notes when each chunk of output arrived."""

    def __init__(self, name, iso, extra, argv=None):
        self.arrivals = []          # (length of text after the chunk, time)
        self.started = time.monotonic()
        super().__init__(name, mem=MEMORY, iso=iso, extra=extra, argv=argv)

    def _take(self, data):
        super()._take(data)
        self.arrivals.append((len(self.text), time.monotonic()))

    def arrival(self, pos):
        """When the output up to pos had arrived."""
        for end, when in self.arrivals:
            if end >= pos:
                return when
        return time.monotonic()

    def next_line(self, timeout):
        m = self.expect(LINE, timeout)
        return m.group(1), m.group(2), self.arrival(m.end())


class Run:
    """The figures of one boot: per benchmark, host and guest ns per iteration."""

    def __init__(self, kernel, disk):
        self.kernel = kernel
        self.disk = disk            # booted on the disk: the ext2 rows
        self.host, self.guest = {}, {}
        self.skipped = {}
        self.boot_s = None
        self.version = ""


def read_results(m, run):
    begun = None
    while True:
        kind, text, when = m.next_line(LINE_TIMEOUT)
        if kind == "bench:":
            if text == "done":
                return
            if text.startswith("start "):
                run.version = text[len("start "):]
                continue
            raise BenchError(f"{run.kernel}: the benchmark failed: {text}")
        words = text.split()
        if len(words) < 3:
            raise BenchError(f"{run.kernel}: unexpected line 'BENCH {text}'")
        name = words[0]
        if words[1] == "skipped:":
            run.skipped[name] = " ".join(words[2:])
        elif words[2] == "begin":
            begun = (name, words[1], when)
        elif words[2] == "end" and begun and begun[:2] == (name, words[1]):
            n, guest_ns = int(words[3]), int(words[4])
            run.host.setdefault(name, []).append((when - begun[2]) * 1e9 / n)
            run.guest.setdefault(name, []).append(guest_ns / n)
            begun = None
        else:
            raise BenchError(f"{run.kernel}: unexpected line 'BENCH {text}'")


def measure(kernel, iso, ready, disk=None, command=None, runner=None):
    """Boot kernel from iso, on a fresh copy of the image disk if one is
    given, up to the regex `ready`: the boot time.  Then type command, if
    any, and read the benchmark's results.  With runner (a command line to
    which the disk copy is added), the kernel runs under it instead of QEMU."""
    run = Run(kernel, disk is not None and not runner)
    with tempfile.TemporaryDirectory(prefix="aurora-bench-") as scratch:
        copy = disk and shutil.copyfile(disk, Path(scratch) / "disk.img")
        drive = aurora.Disk(copy).drive() if copy and not runner else []
        m = TimedMachine(kernel, iso, drive, runner and runner + ([copy] if copy else []))
        try:
            booted = m.expect(ready, BOOT_TIMEOUT)
            run.boot_s = m.arrival(booted.end()) - m.started
            if booted.groups():
                run.version = booted.group(1)
            if command:
                m.type_line(command)
            read_results(m, run)
        except aurora.GradeError as e:
            raise BenchError(f"{kernel}: {e}") from None
        finally:
            m.kill()
    return run


def boot_aurora(iso, quick, disk=None):
    """On a disk, Aurora's root is the disk: it must say it mounted it."""
    ready = re.escape(SHELL_PROMPT) + r"\Z"
    command = "musl-bench -q" if quick else "musl-bench"
    if disk:
        ready = "^" + re.escape(AURORA_ROOT_ON_DISK) + r"\n(?s:.*)" + ready
        command += " -d " + DISK_DIR
    return measure("Aurora", iso, ready, disk, command)


def boot_browser(image, quick, chromium=False):
    """The browser kernel under Node, its root the browser's disk image;
    or in Chromium, on the page's own copy of it."""
    ready = re.escape(SHELL_PROMPT) + r"\Z"
    command = "musl-bench -q" if quick else "musl-bench"
    if chromium:
        return measure(CHROMIUM, None, ready, None, command, CHROMIUM_RUNNER)
    return measure(BROWSER, None, ready, image, command, BROWSER_RUNNER)


def boot_linux(iso, disk=None):
    """Linux runs the benchmark as /init: its first line ends the boot."""
    return measure("Linux", iso, r"^bench: start ([^\n]*)\n", disk)


def check_complete(run):
    """Every benchmark of the boot ran, or was skipped where skipping is
    expected."""
    for name in DISK_BENCHMARKS if run.disk else BENCHMARKS:
        if name in run.host:
            continue
        if name in run.skipped and name in OPTIONAL.get(run.kernel, ()):
            continue
        why = run.skipped.get(name, "no result")
        raise BenchError(f"{run.kernel}: {name}: {why}")


# --- the table ---------------------------------------------------------------------

def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def spread(values):
    if not values:
        return "-", None
    med = statistics.median(values)
    return f"{human(min(values))} / {human(med)} / {human(max(values))}", med


NAME_WIDTH = max(map(len, BENCHMARKS + DISK_BENCHMARKS))


def table(runs, rounds, quick):
    kernels = [k for k in ("Aurora", "Linux", BROWSER, CHROMIUM) if any(r.kernel == k for r in runs)]
    versions = {r.kernel: r.version for r in runs}
    lines = [f"Benchmarks: {', '.join(f'{k} ({versions[k]})' for k in kernels)}; "
             f"QEMU TCG -m {MEMORY} -cpu qemu64, {rounds} round(s)"
             + (", quick (smoke test: not figures to quote)" if quick else ""),
             "Host-timed per iteration, min / median / max over every repeat of every round;",
             "guest: the guest clock's median.",
             ""]
    header = f"{'benchmark':<{NAME_WIDTH}}"
    for k in kernels:
        header += f" | {k + ' min / median / max':<34} {'guest':>9}"
    pair = kernels[:2] == ["Aurora", "Linux"]
    if pair:
        header += " | Aurora/Linux"
    lines += [header, "-" * len(header)]
    for name in BENCHMARKS + DISK_BENCHMARKS + ["boot"]:
        row, medians = f"{name:<{NAME_WIDTH}}", []
        for k in kernels:
            mine = [r for r in runs if r.kernel == k]
            if name == "boot":
                host = [r.boot_s * 1e9 for r in mine if not r.disk]
                guest = "-"
            else:
                host = [v for r in mine for v in r.host.get(name, [])]
                g = [v for r in mine for v in r.guest.get(name, [])]
                guest = human(statistics.median(g)) if g else "-"
            text, med = spread(host)
            if med is None:
                why = next((r.skipped[name] for r in mine if name in r.skipped), None)
                text = f"skipped: {why}" if why else "-"     # - : not a row it runs
            row += f" | {text:<34} {guest:>9}"
            medians.append(med)
        if pair:
            # A quick run's fastest rows can time at 0 ns on the host clock.
            row += f" | {medians[0] / medians[1]:.2f}" if None not in medians and medians[1] else " | -"
        lines.append(row)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--aurora", required=True, help="Aurora's ISO (boots to the shell)")
    parser.add_argument("--disk", required=True, help="the ext2 image a disk boot gets a copy of")
    parser.add_argument("--linux", nargs=2, metavar=("ISO", "DISK_ISO"),
                        help="ISOs booting Linux with musl-bench as /init, without and on the disk")
    parser.add_argument("--browser", metavar="IMAGE",
                        help="the browser's disk: also run the browser kernel under Node")
    parser.add_argument("--chromium", action="store_true",
                        help="with --browser: the browser kernel in headless Chromium too")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a few iterations: a smoke test")
    args = parser.parse_args()
    runs = []
    try:
        for r in range(args.rounds):
            print(f"round {r + 1}/{args.rounds}: Aurora", flush=True)
            runs.append(boot_aurora(args.aurora, args.quick))
            runs.append(boot_aurora(args.aurora, args.quick, args.disk))
            if args.linux:
                print(f"round {r + 1}/{args.rounds}: Linux", flush=True)
                runs.append(boot_linux(args.linux[0]))
                runs.append(boot_linux(args.linux[1], args.disk))
            if args.browser:
                print(f"round {r + 1}/{args.rounds}: {BROWSER}", flush=True)
                runs.append(boot_browser(args.browser, args.quick))
            if args.browser and args.chromium:
                print(f"round {r + 1}/{args.rounds}: {CHROMIUM}", flush=True)
                runs.append(boot_browser(args.browser, args.quick, chromium=True))
        for run in runs:
            check_complete(run)
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    print()
    print(table(runs, args.rounds, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
