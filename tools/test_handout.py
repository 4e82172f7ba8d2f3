"""
Tests of the students' trees (tools/handout.py), run by `make check-handouts`:
the marker convention in each language, what each lab's tree holds and
lacks, the git branches, and, the slow part, that every lab's tree builds,
boots, passes the graders of the labs before it and fails its own.
"""
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import handout  # noqa: E402

REPO = handout.REPO
LABS = handout.lab_numbers()
HANDOUTS = REPO / "build" / "handouts"
GRADER_TIMEOUT = 20 * 60    # one lab's grader, seconds; they take 1-3 minutes


# --- the marker convention -----------------------------------------------------

C_FILE = """int f(void)
{
	// LAB 2 SOLUTION BEGIN (exercise: return the answer)
	int answer = 6 * 7;
	return answer;
	// LAB 2 SOLUTION STUB
	// return -1;	/* not yet */
	// LAB 2 SOLUTION END
}
"""


def test_earlier_lab_keeps_the_solution_without_markers():
    assert handout.strip_solutions("f.c", C_FILE, 3) == \
        "int f(void)\n{\n\tint answer = 6 * 7;\n\treturn answer;\n}\n"


def test_this_lab_gets_the_stub_under_a_your_code_here_comment():
    assert handout.strip_solutions("f.c", C_FILE, 2) == \
        "int f(void)\n{\n\t// LAB 2: your code here (exercise: return the answer)\n" \
        "\treturn -1;\t/* not yet */\n}\n"


@pytest.mark.parametrize("path,leader", [("a.S", "//"), ("a.js", "//"), ("a.mjs", "//"),
                                         ("a.py", "#"), ("Makefile", "#"), ("a.mk", "#")])
def test_every_language_strips(path, leader):
    text = (f"x\n  {leader} LAB 1 SOLUTION BEGIN (exercise: y)\n  solve\n"
            f"  {leader} LAB 1 SOLUTION STUB\n  {leader} stub\n  {leader} LAB 1 SOLUTION END\nz\n")
    assert handout.strip_solutions(path, text, 1) == \
        f"x\n  {leader} LAB 1: your code here (exercise: y)\n  stub\nz\n"
    assert handout.strip_solutions(path, text, 2) == "x\n  solve\nz\n"


BROKEN = {
    "never ends": "// LAB 1 SOLUTION BEGIN (exercise: e)\nx\n// LAB 1 SOLUTION STUB\n",
    "nested": "// LAB 1 SOLUTION BEGIN (exercise: e)\n// LAB 2 SOLUTION BEGIN (exercise: f)\n",
    "no stub": "// LAB 1 SOLUTION BEGIN (exercise: e)\nx\n// LAB 1 SOLUTION END\n",
    "two stubs": "// LAB 1 SOLUTION BEGIN (exercise: e)\n// LAB 1 SOLUTION STUB\n"
                 "// LAB 1 SOLUTION STUB\n// LAB 1 SOLUTION END\n",
    "no begin": "x\n// LAB 1 SOLUTION END\n",
    "other lab": "// LAB 1 SOLUTION BEGIN (exercise: e)\n// LAB 2 SOLUTION STUB\n"
                 "// LAB 2 SOLUTION END\n",
    "unknown kind": "// LAB 1 SOLUTION START (exercise: e)\n",
    "no exercise": "// LAB 1 SOLUTION BEGIN\n",
    "wrong leader": "# LAB 1 SOLUTION BEGIN (exercise: e)\n",
    "stub not commented": "// LAB 1 SOLUTION BEGIN (exercise: e)\nx\n// LAB 1 SOLUTION STUB\n"
                          "return 0;\n// LAB 1 SOLUTION END\n",
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_region_is_a_clear_error(kind):
    with pytest.raises(handout.MarkerError, match=r"^f\.c:\d+: "):
        handout.strip_solutions("f.c", BROKEN[kind], 1)


def test_markers_in_an_unknown_language_are_an_error():
    with pytest.raises(handout.MarkerError, match="not understood"):
        handout.strip_solutions("notes.md", "// LAB 1 SOLUTION BEGIN (exercise: e)\n", 1)


def test_the_tree_is_well_marked():
    handout.check_markers()


# --- what each lab's tree holds ----------------------------------------------------

def solution_lines_only(lab):
    """Lines (stripped) that only the solutions of labs >= lab contain: not
    code anywhere else in the tree, nor stubs, nor earlier labs' solutions."""
    marked = {path: (lines, regions) for path, lines, regions in handout.marked_files()}
    secret, visible = set(), set()
    for path in handout.tracked_files():
        lines, regions = marked.get(path) or \
            ((REPO / path).read_text(errors="replace").split("\n"), [])
        hidden = {i for r in regions if r.lab >= lab for i in range(r.begin, r.stub)}
        for i, line in enumerate(lines):
            (secret if i in hidden else visible).add(line.strip())
    return {s for s in secret - visible if len(s) >= 8}


@pytest.fixture(scope="module")
def trees():
    return {lab: handout.handout_files(lab) for lab in LABS}


@pytest.mark.parametrize("lab", LABS)
def test_no_solution_text_in_the_tree(trees, lab):
    secret = solution_lines_only(lab)
    assert secret, "the solutions of this lab and later have no lines of their own?"
    for path, (data, _) in trees[lab].items():
        text = data.decode("utf-8", "replace")
        leaked = [line.strip() for line in text.split("\n") if line.strip() in secret]
        assert not leaked, f"lab {lab}'s {path} holds solution text: {leaked[:3]}"
        assert not handout.LOOKS_LIKE_MARKER.search(text), f"lab {lab}'s {path} has a marker"


@pytest.mark.parametrize("lab", LABS)
def test_only_the_graders_and_tests_handed_out_so_far(trees, lab):
    files = trees[lab]
    rules = handout.read_manifest()
    for later in LABS[lab:]:
        assert f"grade/test_lab{later}.py" not in files
    assert f"grade/test_lab{lab}.py" in files
    for path in files:
        first = handout.first_lab(path, rules)
        assert first is not None and first <= lab, f"{path} is not lab {lab}'s"
    assert "tools/handout.py" not in files and "docs/instructors.md" not in files


@pytest.mark.parametrize("lab", LABS)
def test_each_of_this_labs_exercises_has_a_your_code_here(trees, lab):
    wanted = {(path, r.exercise) for path, _, regions in handout.marked_files()
              for r in regions if r.lab == lab}
    found = {(path, m[1]) for path, (data, _) in trees[lab].items()
             for m in re.finditer(rf"LAB {lab}: your code here \(([^()]+)\)", data.decode("utf-8", "replace"))}
    assert wanted and wanted == found


# --- make handout and make lab-branches, in a clone ----------------------------------

def run(*args, cwd, check=True):
    return subprocess.run(args, cwd=cwd, check=check, capture_output=True, text=True)


@pytest.fixture
def clone(tmp_path):
    """A repository holding this one's tracked files as they are now, committed."""
    path = tmp_path / "aurora"
    path.mkdir()
    for rel in handout.tracked_files():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes((REPO / rel).read_bytes())
        (path / rel).chmod((REPO / rel).stat().st_mode)
    run("git", "init", "-q", "-b", "main", cwd=path)
    run("git", "add", "-A", cwd=path)
    commit(path, "the tree under test")
    return path


def commit(repo, message):
    run("git", "-c", "user.name=Aurora tests", "-c", "user.email=tests@aurora.invalid",
        "commit", "-qam", message, cwd=repo)


def make(clone, *targets, check=True):
    return run("make", "--no-print-directory", *targets, cwd=clone, check=check)


def branches(clone):
    return {lab: run("git", "rev-parse", f"lab{lab}", cwd=clone).stdout.strip() for lab in LABS}


def test_lab_branches_stack_and_are_idempotent(clone):
    make(clone, "lab-branches")
    first = branches(clone)
    for lab in LABS:
        parents = run("git", "rev-list", "--parents", "-n1", first[lab], cwd=clone).stdout.split()[1:]
        assert parents == ([first[lab - 1]] if lab > 1 else []), f"lab{lab}'s parents"
        listed = run("git", "ls-tree", "-r", "--name-only", first[lab], cwd=clone).stdout.split()
        assert sorted(listed) == sorted(handout.handout_files(lab))
    make(clone, "lab-branches")
    assert branches(clone) == first


def test_lab_branches_build_on_what_was_published(clone):
    make(clone, "lab-branches")
    published = branches(clone)
    (clone / "kernel/boot/main.c").write_text((clone / "kernel/boot/main.c").read_text() + "\n")
    commit(clone, "a fix")
    make(clone, "lab-branches")
    for lab, old in published.items():
        new = branches(clone)[lab]
        assert new != old
        run("git", "merge-base", "--is-ancestor", old, new, cwd=clone)   # a student can merge


def test_handout_refuses_a_dirty_tree_and_foreign_directories(clone):
    (clone / "README.md").write_text("changed\n")
    for target in (["handout", "LAB=1"], ["lab-branches"]):
        result = make(clone, *target, check=False)
        assert result.returncode != 0 and "uncommitted changes" in result.stderr
    run("git", "checkout", "README.md", cwd=clone)
    foreign = clone / "build" / "mine"
    foreign.mkdir(parents=True)
    (foreign / "notes").write_text("keep me\n")
    result = make(clone, "handout", "LAB=1", f"HANDOUT_DIR={foreign}", check=False)
    assert result.returncode != 0 and (foreign / "notes").exists()


def test_handout_is_idempotent(clone):
    out = clone / "build" / "h"
    snapshots = []
    for _ in range(2):
        make(clone, "handout", "LAB=2", f"HANDOUT_DIR={out}")
        snapshots.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert snapshots[0] == snapshots[1]
    assert {str(p) for p in snapshots[0]} == set(handout.handout_files(2)) | {handout.STAMP}


# --- every lab's tree builds, boots and grades as it should ------------------------

def run_logged(args, cwd, log):
    """Run args in their own process group, output to log; the exit status.
    A run over GRADER_TIMEOUT is killed, QEMU and all."""
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            return proc.wait(GRADER_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"{' '.join(args)} took over {GRADER_TIMEOUT} s (log: {log})")


def score(log):
    found = re.findall(r"^Score: (\d+)/(\d+)", Path(log).read_text(), re.M)
    return tuple(map(int, found[-1])) if found else None


def tail(log, n=40):
    return "\n".join(Path(log).read_text().splitlines()[-n:])


@pytest.mark.parametrize("lab", LABS)
def test_tree_passes_earlier_graders_and_fails_its_own(trees, lab):
    tree = HANDOUTS / f"lab{lab}"
    handout.clear_old_handout(tree)
    handout.write_tree(trees[lab], tree)
    (tree / handout.STAMP).write_text(f"lab {lab} handout, from the work tree\n")
    logs = HANDOUTS / f"lab{lab}-logs"
    logs.mkdir(exist_ok=True)

    build = logs / "build.log"
    assert run_logged(["make", "-j2", "build/kernel.elf"], tree, build) == 0, \
        f"lab {lab}'s tree does not build:\n{tail(build)}"
    for earlier in range(1, lab):
        log = logs / f"grade-lab{earlier}.log"
        status = run_logged(["make", "grade", f"LAB={earlier}"], tree, log)
        print(f"lab {lab}'s tree, lab {earlier}'s grader: {score(log)}")
        assert status == 0, f"lab {lab}'s tree fails lab {earlier}'s grader:\n{tail(log)}"
    log = logs / f"grade-lab{lab}.log"
    status = run_logged(["make", "grade", f"LAB={lab}", "ARGS=-x"], tree, log)
    got = score(log)
    print(f"lab {lab}'s tree, its own grader: {got}")
    assert status != 0 and got and got[0] < got[1], \
        f"lab {lab}'s tree, with its exercises undone, should fail its grader:\n{tail(log)}"
