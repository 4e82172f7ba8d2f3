#!/usr/bin/env python3
"""
make check-graders: prove that each lab's grader catches the mistakes
students make.  Every mistake in tools/mistakes/labN.py is planted, one at
a time, in a copy of the full tree; its catchers (the host unit tests, or
tests of lab N's grader) run in order until one fails.  A mistake no
catcher fails is a hole in the grader, and the run fails.

  check-graders.py [--lab N] [--only WORDS] [--jobs J] [--list]

Before planting anything it checks the catalogue: every exercise region
("LAB N SOLUTION BEGIN (exercise: ...)") and every behaviour a lab lists
needs at least MIN_PER_TARGET mistakes, and each mistake's text must occur
exactly once in its file.  Each worker has a copy of the tree of its own
(under build/check-graders), which starts from this tree's build so that a
mistake costs one file's compile.
"""
import argparse
import importlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "check-graders"
MIN_PER_TARGET = 3
REGION_RE = re.compile(r"LAB (\d+) SOLUTION BEGIN \(exercise: (.*)\)")
# Not copied into a worker's tree: big, and not needed to build a kernel,
# run the host unit tests or grade.
SKIPPED_BUILD = {"check-graders", "emcache", "handouts", "web", "bench", "robustness"}
sys.path.insert(0, str(REPO / "tools"))


def catalogue():
    """{lab: module} of tools/mistakes/labN.py."""
    labs = {}
    for path in sorted((REPO / "tools/mistakes").glob("lab*.py")):
        labs[int(path.stem[3:])] = importlib.import_module(f"mistakes.{path.stem}")
    return labs


def exercise_regions():
    """{lab: [the exercise words of each region]} from the sources."""
    out = subprocess.run(["git", "grep", "-h", "SOLUTION BEGIN", "--", "kernel", "user"],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout
    regions = {}
    for lab, words in REGION_RE.findall(out):
        regions.setdefault(int(lab), []).append(words)
    return regions


def catalogue_problems(labs, regions):
    """Why the catalogue cannot be used as it is (empty: it can)."""
    problems = []
    for lab, module in labs.items():
        targets = [f"exercise: {w}" for w in regions.get(lab, [])]
        targets += [f"behaviour: {b}" for b in module.BEHAVIOURS]
        problems += target_problems(lab, module.MISTAKES, targets)
        problems += [text_problem(lab, m) for m in module.MISTAKES if text_problem(lab, m)]
    return problems


def target_problems(lab, mistakes, targets):
    problems = [f"lab {lab}: '{m.name}' aims at '{m.target}', which lab {lab} does not have"
                for m in mistakes if m.target not in targets]
    for target in targets:
        n = sum(m.target == target for m in mistakes)
        if n < MIN_PER_TARGET:
            problems.append(f"lab {lab}: {n} mistakes aim at '{target}' "
                            f"(at least {MIN_PER_TARGET} needed)")
    return problems


def text_problem(lab, m):
    path = REPO / m.file
    count = path.read_text().count(m.old) if path.exists() else -1
    if count != 1:
        return (f"lab {lab}: '{m.name}': its text occurs {max(count, 0)} times in {m.file} "
                "(it must occur exactly once)")
    if not m.catchers:
        return f"lab {lab}: '{m.name}' names no catcher"
    return None


# --- a worker's tree ---------------------------------------------------------

def make_tree(name):
    """A copy of this tree (tracked and new files) and of its build."""
    tree = WORK / name
    shutil.rmtree(tree, ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for f in filter(None, files):
        if (REPO / f).is_file():
            (tree / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / f, tree / f)
    for entry in (REPO / "build").iterdir():
        if entry.name in SKIPPED_BUILD:
            continue
        if entry.is_dir():
            shutil.copytree(entry, tree / "build" / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, tree / "build" / entry.name)
    return tree


HUNG = -1


def run(tree, argv, timeout):
    """(exit status, output) of argv in tree, in a session of its own so
    that a timeout kills everything it started (HUNG)."""
    p = subprocess.Popen(argv, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        return HUNG, f"{out}\n(no result within {timeout} s)"


# --- one mistake -----------------------------------------------------------------

def first_failure(output):
    """The first line that says why a test failed, for the report."""
    for pattern in (r"^E\s+(\S.*)$", r"^(FAIL \S.*)$", r"^(tests/\S+: .* failed.*)$",
                    r"^(.*error:.*)$"):
        m = re.search(pattern, output, re.M)
        if m:
            return m.group(1)[:160]
    return "(no message)"


def catcher_command(lab, catcher):
    if catcher == "unit":
        return ["make", "--no-print-directory", "test-unit-host"]
    return ["make", "--no-print-directory", "grade", f"LAB={lab}", f"ARGS=-x -k '{catcher}'"]


def try_catchers(tree, lab, m):
    """(catcher, message) of the first catcher that fails, else (None, why)."""
    status, out = run(tree, ["make", "--no-print-directory", "-j2", "build/kernel.elf"], 300)
    if status != 0:
        return None, f"the mistake does not compile: {first_failure(out)}"
    for catcher in m.catchers:
        status, out = run(tree, catcher_command(lab, catcher), 600)
        if status == HUNG:
            return None, f"{catcher} hung: a grader must fail within its timeouts"
        if status != 0:
            if catcher != "unit" and not re.search(r"\.\.\. FAIL", out):
                return None, f"{catcher}: the grader did not run: {first_failure(out)}"
            return catcher, first_failure(out)
    return None, "no catcher failed"


def plant(tree, lab, m):
    """Plant m in tree, run its catchers, take it out again."""
    path = tree / m.file
    original = path.read_text()
    path.write_text(original.replace(m.old, m.new, 1))
    try:
        return try_catchers(tree, lab, m)
    finally:
        path.write_text(original)


# --- the run ---------------------------------------------------------------------

def worker(name, todo, results, lock):
    tree = make_tree(name)
    while True:
        try:
            lab, m = todo.get_nowait()
        except queue.Empty:
            return
        start = time.monotonic()
        caught_by, message = plant(tree, lab, m)
        line = report_line(lab, m, caught_by, message, time.monotonic() - start)
        with lock:
            results.append((caught_by is not None, line))
            print(line, flush=True)


def report_line(lab, m, caught_by, message, seconds):
    head = f"lab {lab}  {m.target}: {m.name}  [{m.file}, {seconds:.0f} s]"
    if caught_by:
        return f"caught      {head}\n            by {caught_by}: {message}"
    return f"NOT CAUGHT  {head}\n            {message}"


def chosen(labs, args):
    words = (args.only or "").lower()
    return [(lab, m) for lab, module in labs.items() for m in module.MISTAKES
            if words in f"{m.name} {m.target} {m.file}".lower()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lab", type=int)
    ap.add_argument("--only", help="the mistakes whose name, target or file contain these words")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--list", action="store_true", help="list the mistakes, plant none")
    args = ap.parse_args()
    labs = {lab: module for lab, module in catalogue().items()
            if args.lab is None or lab == args.lab}
    problems = catalogue_problems(labs, exercise_regions())
    for p in problems:
        print(f"catalogue: {p}")
    todo = chosen(labs, args)
    if args.list or problems:
        for lab, m in todo:
            print(f"lab {lab}  {m.target}: {m.name}  ({', '.join(m.catchers)})")
        return 1 if problems else 0
    return plant_all(todo, args.jobs)


def plant_all(todo, jobs):
    start = time.monotonic()
    q, results, lock = queue.Queue(), [], threading.Lock()
    for item in todo:
        q.put(item)
    print(f"check-graders: {len(todo)} mistakes, {jobs} at a time", flush=True)
    threads = [threading.Thread(target=worker, args=(f"tree{i}", q, results, lock))
               for i in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    missed = [line for caught, line in results if not caught]
    print(f"check-graders: {len(results) - len(missed)} of {len(results)} mistakes caught "
          f"in {time.monotonic() - start:.0f} s")
    for line in missed:
        print(line)
    return 1 if missed or len(results) != len(todo) else 0


if __name__ == "__main__":
    sys.exit(main())
