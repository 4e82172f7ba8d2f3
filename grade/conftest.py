"""
pytest glue for Aurora's graders (the machinery is in aurora.py).

  --lab=N|all   run the tests marked @pytest.mark.lab(N) (all: every lab)
  --bochs       the Bochs boot test must run: a missing Bochs fails it
                instead of skipping it

After each test that passed, the kernel's invariants are checked on the
machines it left at a prompt; once a boot finds one broken, the tests after
it fail with that one line.

Each test carries @pytest.mark.points(n).  The run ends with a line per test
("name ... OK 5/5" or "FAIL 0/5"), then "Score: X/Y", and exits non-zero
below full marks.  JUnit XML goes to build/grade/results.xml (with each
test's points as a property), the serial log of each failed test to
build/grade/logs/<test>.log (and into the report); a passing test deletes
its stale log.
"""
import re

import pytest

import aurora


def pytest_addoption(parser):
    parser.addoption("--lab", default="all",
                     help="run lab N's tests (N = 1, 2, ...), or 'all' (default)")
    parser.addoption("--bochs", action="store_true",
                     help="require Bochs for the Bochs boot test (else it is skipped "
                          "when Bochs is not installed)")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    config.addinivalue_line("markers", "lab(n): the test belongs to lab n's grader")
    config.addinivalue_line("markers", "points(n): what the test is worth")
    # Before the junitxml plugin reads the option: results.xml by default.
    if not getattr(config.option, "xmlpath", None):
        aurora.RESULTS.mkdir(parents=True, exist_ok=True)
        config.option.xmlpath = str(aurora.RESULTS / "results.xml")


def _marker_arg(item, name, default=None):
    m = item.get_closest_marker(name)
    return m.args[0] if m and m.args else default


def pytest_collection_modifyitems(config, items):
    lab = config.getoption("--lab")
    if lab != "all" and not re.fullmatch(r"\d+", lab):
        raise pytest.UsageError(f"--lab={lab}: give a lab number or 'all'")
    keep, drop = [], []
    for item in items:
        item_lab = _marker_arg(item, "lab")
        if item_lab is None:
            raise pytest.UsageError(f"{item.nodeid} has no @pytest.mark.lab(n)")
        if _marker_arg(item, "points") is None:
            raise pytest.UsageError(f"{item.nodeid} has no @pytest.mark.points(n)")
        (keep if lab == "all" or int(lab) == int(item_lab) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    for item in keep:
        item.user_properties.append(("points", _marker_arg(item, "points")))


# --- fixtures ---------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def one_grader():
    """Refuse to start beside another grader in this tree."""
    try:
        lock = aurora.claim_instance()
    except aurora.GradeError as e:
        pytest.exit(str(e), returncode=2)
    yield
    aurora.kill_all()
    lock.close()


@pytest.fixture(scope="session")
def kernel():
    """Build the grading ISO once per session; the kernel's symbols (aurora.Elf)."""
    aurora.build_kernel()
    return aurora.Elf()


@pytest.fixture
def processes(request):
    """Processes the test started (aurora.Process); all killed on teardown,
    pass or fail.  Their output is the test's log."""
    procs = []
    request.node._aurora_processes = procs
    request.addfinalizer(lambda: [p.kill() for p in procs])
    return procs


@pytest.fixture(autouse=True)
def not_after_a_broken_boot():
    """Once a boot has found an invariant broken, every later test fails
    with that one line: booting into the same breakage again would only
    repeat it as crashes further on."""
    if aurora.broken_at_boot:
        pytest.fail(f"not run: {aurora.broken_at_boot[0]}", pytrace=False)


@pytest.fixture(autouse=True)
def invariants_hold_after(request, processes):
    """After a test that passed, the kernel's invariants are checked on
    every machine it left at a prompt (the monitor's check, the shell's
    kcheck): a test fails if it left a structure broken, even when all it
    looked at was right."""
    yield
    report = getattr(request.node, "aurora_call_report", None)
    if report is None or not report.passed:
        return
    for p in processes:
        if isinstance(p, aurora.Machine) and p.at_prompt():
            p.check_invariants(_marker_arg(request.node, "lab"))


@pytest.fixture
def boot(kernel, processes):
    """boot(mem="128M", uefi=False, timeout=30): a Machine at its first prompt."""
    def start(mem="128M", uefi=False, timeout=30, name=None):
        m = aurora.Machine(name or f"qemu -m {mem}{' (UEFI)' if uefi else ''}",
                           mem=mem, uefi=uefi)
        processes.append(m)
        return m.boot(timeout)
    return start


# --- logs, points and the score ----------------------------------------------

def _log_path(item):
    return aurora.LOGS / (re.sub(r"[^\w.-]+", "_", item.name) + ".log")


def _logs(item):
    parts = []
    for p in getattr(item, "_aurora_processes", []):
        parts.append(f"===== {p.name}: {p.shell_command}\n{p.text}"
                     + ("" if p.text.endswith("\n") else "\n")
                     + (f"===== {p.exit_message()}\n" if p.exit_status is not None else ""))
    return "".join(parts)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call":
        item.aurora_call_report = rep
    log = _logs(item)
    path = _log_path(item)
    if rep.failed and log:
        aurora.LOGS.mkdir(parents=True, exist_ok=True)
        path.write_text(log)
        rep.sections.append(("serial log (also in %s)" % path.relative_to(aurora.REPO), log))
    elif rep.when == "call" and rep.passed and path.exists():
        path.unlink()


_session = None


def pytest_sessionstart(session):
    global _session
    _session = session
    session.aurora_outcomes = {}


def pytest_runtest_logreport(report):
    outcomes = _session.aurora_outcomes
    outcomes.setdefault(report.nodeid, "OK")
    if report.failed:
        outcomes[report.nodeid] = "FAIL"
    elif report.skipped and outcomes[report.nodeid] == "OK":
        outcomes[report.nodeid] = "SKIP"


def _score(session):
    rows, got, total = [], 0, 0
    for item in session.items:
        points = _marker_arg(item, "points")
        result = session.aurora_outcomes.get(item.nodeid, "NOT RUN")
        earned = points if result == "OK" else 0
        rows.append(f"{item.name} ... {result} {earned}/{points}")
        got, total = got + earned, total + points
    return rows, got, total


def pytest_sessionfinish(session, exitstatus):
    aurora.kill_all()
    if getattr(session, "items", None) and exitstatus == 0:
        _, got, total = _score(session)
        if got < total:     # e.g. a skipped test: no marks, so not a pass
            session.exitstatus = 1


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """The points, after pytest's own summary, so that Score is the last line."""
    tr = config.pluginmanager.get_plugin("terminalreporter")
    if _session is None or tr is None or not getattr(_session, "items", None):
        return
    rows, got, total = _score(_session)
    tr.write_sep("=", "points")
    for row in rows:
        tr.write_line(row)
    tr.write_line(f"Score: {got}/{total}")
