#!/usr/bin/python3
"""
Students' trees, made from the full one (docs/instructors.md).

  handout.py tree N DIR    write lab N's tree to DIR
  handout.py branches      make or update the git branches lab1 .. labN

Lab N's tree holds the solutions of labs < N; each solution of a lab >= N
is replaced by its stub under a "LAB n: your code here" comment.  The graders
and tests of labs > N are left out (tools/handout-files says which files
belong to which lab).  Both commands read the committed tree and refuse to
run while the work tree has changes.

A marked region is three marker lines, line comments in the file's language:

    // LAB n SOLUTION BEGIN (exercise: what to do)
    ...the solution...
    // LAB n SOLUTION STUB
    // ...the stub, commented out...
    // LAB n SOLUTION END
"""
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = "tools/handout-files"
STAMP = ".aurora-handout"
INSTRUCTORS = "instructors"

# The comment leader of each language that may hold markers.
LEADERS = {".c": "//", ".h": "//", ".S": "//", ".s": "//", ".js": "//", ".mjs": "//",
           ".py": "#", ".mk": "#", "Makefile": "#"}

LOOKS_LIKE_MARKER = re.compile(r"\bLAB\b.*\bSOLUTION\b|\bSOLUTION\s+(BEGIN|STUB|END)\b")
MARKER = re.compile(r"^(?P<indent>\s*)(?P<leader>//|#) LAB (?P<lab>[1-9]\d*) SOLUTION "
                    r"(?:(?P<begin>BEGIN) \((?P<exercise>[^()]+)\)|(?P<stub>STUB)|(?P<end>END))\s*$")


class MarkerError(Exception):
    """A file's markers break the convention; the message names file and line."""


@dataclass
class Region:
    lab: int
    exercise: str
    indent: str
    begin: int            # line indices (0-based) of the three markers
    stub: int
    end: int


def leader_of(path):
    name = Path(path).name
    return LEADERS.get(name) or LEADERS.get(Path(path).suffix)


def parse_regions(path, lines):
    """The marked regions of a file, checked: balanced, not nested, one
    lab per region, stub lines commented out, in a language we know."""
    leader = leader_of(path)
    regions, open_region = [], None

    def fail(i, why):
        raise MarkerError(f"{path}:{i + 1}: {why}: {lines[i].strip()!r}")

    for i, line in enumerate(lines):
        if not LOOKS_LIKE_MARKER.search(line):
            if open_region and open_region["stub"] is not None and line.strip() \
                    and not line.lstrip().startswith(leader):
                fail(i, f"a stub line must be commented out with '{leader}'")
            continue
        m = MARKER.match(line)
        if not leader:
            fail(i, "markers are not understood in this kind of file")
        if not m or m["leader"] != leader:
            fail(i, "unknown marker (see docs/instructors.md for the three kinds)")
        lab = int(m["lab"])
        if m["begin"]:
            if open_region:
                fail(i, "BEGIN inside another region (regions do not nest)")
            open_region = dict(lab=lab, exercise=m["exercise"], indent=m["indent"],
                               begin=i, stub=None)
            continue
        if not open_region:
            fail(i, "marker outside a region (no BEGIN before it)")
        if lab != open_region["lab"]:
            fail(i, f"the region began as lab {open_region['lab']}")
        if m["stub"]:
            if open_region["stub"] is not None:
                fail(i, "a second STUB in one region")
            open_region["stub"] = i
        else:
            if open_region["stub"] is None:
                fail(i, "END without a STUB before it")
            regions.append(Region(end=i, **open_region))
            open_region = None
    if open_region:
        raise MarkerError(f"{path}:{open_region['begin'] + 1}: region never ENDs")
    return regions


def uncomment(line, leader):
    """'\\t// x = 1;' -> '\\tx = 1;': the leader and one space go."""
    indent = line[:len(line) - len(line.lstrip())]
    body = line.lstrip()[len(leader):]
    return indent + (body[1:] if body.startswith(" ") else body)


def strip_solutions(path, text, lab):
    """The file as lab `lab`'s handout has it."""
    lines = text.split("\n")
    leader = leader_of(path)
    out, last = [], 0
    for r in parse_regions(path, lines):
        out += lines[last:r.begin]
        if r.lab < lab:
            out += lines[r.begin + 1:r.stub]
        else:
            out.append(f"{r.indent}{leader} LAB {r.lab}: your code here ({r.exercise})")
            out += [uncomment(line, leader) for line in lines[r.stub + 1:r.end]]
        last = r.end + 1
    return "\n".join(out + lines[last:])


# --- which files ----------------------------------------------------------------

def read_manifest(repo=REPO):
    """[(lab or INSTRUCTORS, pattern)] from tools/handout-files."""
    rules = []
    for n, line in enumerate((repo / MANIFEST).read_text().splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2 or not (words[0] == INSTRUCTORS or words[0].isdigit()):
            raise MarkerError(f"{MANIFEST}:{n}: expected 'N PATTERN' or "
                              f"'{INSTRUCTORS} PATTERN': {line!r}")
        rules.append((words[0] if words[0] == INSTRUCTORS else int(words[0]), words[1]))
    return rules


def first_lab(path, rules):
    """The first lab whose handout holds path (1 for most), or None for none."""
    for owner, pattern in rules:
        if fnmatch.fnmatchcase(path, pattern):
            return None if owner == INSTRUCTORS else owner
    return 1


def git(*args, repo=REPO, **kw):
    return subprocess.run(["git", "-C", str(repo), *args], check=True,
                          capture_output=True, text=True, **kw).stdout


def tracked_files(repo=REPO):
    return sorted(git("ls-files", "-z", repo=repo).split("\0")[:-1])


def lab_numbers(repo=REPO):
    """The labs there are: one handout text each, labs/labN-*.md."""
    labs = sorted(int(m[1]) for p in (repo / "labs").glob("lab*-*.md")
                  if (m := re.match(r"lab(\d+)-", p.name)))
    if labs != list(range(1, len(labs) + 1)):
        raise MarkerError(f"labs/ should hold lab1-*.md .. labN-*.md, found labs {labs}")
    return labs


def handout_files(lab, repo=REPO):
    """{path: (text or bytes, executable)} of lab `lab`'s tree."""
    rules = read_manifest(repo)
    files = {}
    for path in tracked_files(repo):
        first = first_lab(path, rules)
        if first is None or first > lab:
            continue
        full = repo / path
        data = full.read_bytes()
        if leader_of(path) or LOOKS_LIKE_MARKER.search(data.decode("utf-8", "replace")):
            data = strip_solutions(path, data.decode(), lab).encode()
        files[path] = (data, os.access(full, os.X_OK))
    return files


def marked_files(repo=REPO):
    """[(path, lines, regions)] of the files with markers that reach a
    student's tree (the instructors' own files may quote markers)."""
    rules = read_manifest(repo)
    found = []
    for path in tracked_files(repo):
        text = (repo / path).read_text(errors="replace")
        if LOOKS_LIKE_MARKER.search(text) and first_lab(path, rules) is not None:
            lines = text.split("\n")
            found.append((path, lines, parse_regions(path, lines)))
    return found


def check_markers(repo=REPO):
    """Every region is well formed and names a lab that exists; raises
    MarkerError on the first that is not."""
    labs = lab_numbers(repo)
    for path, _, regions in marked_files(repo):
        for r in regions:
            if r.lab not in labs:
                raise MarkerError(f"{path}:{r.begin + 1}: lab {r.lab} has no handout "
                                  f"in labs/")


def require_clean(repo=REPO):
    if git("status", "--porcelain", repo=repo).strip():
        raise MarkerError("the work tree has uncommitted changes: handouts are made "
                          "from what is committed, so commit or stash first")


# --- the two commands -----------------------------------------------------------

def write_tree(files, out):
    out.mkdir(parents=True, exist_ok=True)
    for path, (data, executable) in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o755 if executable else 0o644)


def clear_old_handout(out):
    """Make room in out, which must be empty or a handout we wrote."""
    if not out.exists() or not any(out.iterdir()):
        return
    if not (out / STAMP).exists():
        raise MarkerError(f"{out} is not empty and holds no {STAMP}: not overwriting it")
    subprocess.run(["rm", "-rf", "--", str(out)], check=True)


def make_tree(lab, out, repo=REPO):
    require_clean(repo)
    check_markers(repo)
    if lab not in lab_numbers(repo):
        raise MarkerError(f"there is no lab {lab}")
    files = handout_files(lab, repo)
    out = Path(out).resolve()
    clear_old_handout(out)
    write_tree(files, out)
    head = git("rev-parse", "HEAD", repo=repo).strip()
    (out / STAMP).write_text(f"lab {lab} handout, made from commit {head}\n")
    print(f"lab {lab}: {len(files)} files in {out}")


def git_tree_of(files, repo):
    """Write files as a git tree object; its id."""
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(files, Path(tmp) / "tree")
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(tmp) / "index"))
        git("--work-tree", str(Path(tmp) / "tree"), "add", "--all", "--force", ".",
            repo=repo, env=env)
        return git("write-tree", repo=repo, env=env).strip()


def branch_commit(name, repo):
    found = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "-q",
                            f"refs/heads/{name}"], capture_output=True, text=True)
    return found.stdout.strip() or None


def is_ancestor(a, b, repo):
    return subprocess.run(["git", "-C", str(repo), "merge-base", "--is-ancestor", a, b]
                          ).returncode == 0


def update_branch(lab, tree, previous, repo, env):
    """Point lab<lab> at a commit with this tree that has `previous` (the
    lab before, or None) in its history.  An existing branch is built on,
    never rewritten, so students who merged it can merge the new one."""
    name = f"lab{lab}"
    old = branch_commit(name, repo)
    if old and git("rev-parse", f"{old}^{{tree}}", repo=repo).strip() == tree \
            and (previous is None or is_ancestor(previous, old, repo)):
        print(f"{name}: up to date ({old[:12]})")
        return old
    parents = [old] if old else []
    if previous and not (old and is_ancestor(previous, old, repo)):
        parents.append(previous)
    message = f"Lab {lab}: the students' tree\n\nMade by `make lab-branches` from " \
              f"{git('rev-parse', '--short', 'HEAD', repo=repo).strip()}.\n"
    args = ["commit-tree", tree, "-m", message]
    for p in parents:
        args += ["-p", p]
    new = git(*args, repo=repo, env=env).strip()
    git("update-ref", f"refs/heads/{name}", new, *([old] if old else []), repo=repo)
    print(f"{name}: {'updated' if old else 'created'} ({new[:12]})")
    return new


def make_branches(repo=REPO):
    require_clean(repo)
    check_markers(repo)
    # The commits take their author and dates from HEAD, so the same HEAD
    # always yields the same commits.
    fmt = git("log", "-1", "--format=%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd", "--date=raw",
              repo=repo).strip().split("\0")
    env = dict(os.environ, GIT_AUTHOR_NAME=fmt[0], GIT_AUTHOR_EMAIL=fmt[1],
               GIT_AUTHOR_DATE=fmt[2], GIT_COMMITTER_NAME=fmt[3],
               GIT_COMMITTER_EMAIL=fmt[4], GIT_COMMITTER_DATE=fmt[5])
    previous = None
    for lab in lab_numbers(repo):
        previous = update_branch(lab, git_tree_of(handout_files(lab, repo), repo),
                                 previous, repo, env)


def main(argv):
    try:
        if len(argv) == 3 and argv[0] == "tree" and argv[1].isdigit():
            make_tree(int(argv[1]), argv[2])
        elif argv == ["branches"]:
            make_branches()
        else:
            print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
            return 2
    except MarkerError as e:
        print(f"handout: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
