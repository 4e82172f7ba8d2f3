"""Lab 3 grader: the timer tick and preemption, CFS's weighted fairness,
wakeup latency and placement, round robin (a kernel booted with sched=rr),
and threads that exit, are joined and leave nothing behind.

QEMU runs under TCG, maybe on a loaded machine, so every measurement is over
a window of a few seconds of the kernel's clock while the monitor sleeps
(`sleep <ms>`), compares runtime DELTAS between two `ps` snapshots (so that
when each thread started does not matter), and has wide tolerances: each
test's docstring says which.

What must be exact is checked exactly, by the scheduler's audit
(kernel/sched/sched_audit.c): the framework around the student's code checks
every charge, every change of min_vruntime and every wakeup as it happens,
and `schedstat` says 'scheduler invariants: BROKEN: <the first broken rule>'
if one was ever broken; it also reports how old the tick found slices it
ended or extended, which late ticks cannot make wrong."""
import re
import time

import pytest

import aurora
from aurora import check, need

pytestmark = pytest.mark.lab(3)

RR_CMDLINE = "grade monitor sched=rr"
WINDOW_MS = 3000            # how long a measurement runs (kernel time)
# Linux's nice-to-weight table (sched_nice_to_weight), the nice values we use.
WEIGHT = {-5: 3121, 0: 1024, 5: 335}
SHARE_TOLERANCE = (0.8, 1.25)   # measured / expected ratio of two runtime deltas
RR_QUANTUM_MS = 4
SLEEPER_PERIOD_MS = 10


@pytest.fixture
def boot_rr(kernel, processes):
    """boot_rr(): a Machine booted with sched=rr, at its first prompt (the ISO
    is built once per session)."""
    iso = aurora.build_iso(RR_CMDLINE)

    def start(timeout=30):
        m = aurora.Machine(f"qemu ({RR_CMDLINE})", iso=iso)
        processes.append(m)
        return m.boot(timeout)
    return start


# --- the monitor's reports -----------------------------------------------------

PS_RE = re.compile(r"^\s*(\d+) (\S+)\s+(ready|running|blocked|dead)\s+(-?\d+)\s+(\d+)"
                   r"\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", re.M)
PS_FIELDS = ("name", "state", "nice", "weight", "runtime_us", "vruntime_us", "wait_us",
             "switches", "maxlat_us")


def ps(m, where):
    """`ps`: {tid: {name, state, nice, weight, runtime_us, ...}}."""
    out = m.run("ps")
    need(r"^\s*tid name\s+state\s+nice weight runtime_us vruntime_us\s+wait_us switches "
         r"maxlat_us$", out, f"ps {where}")
    threads = {}
    for tid, name, state, *numbers in PS_RE.findall(out):
        threads[int(tid)] = dict(zip(PS_FIELDS, [name, state, *map(int, numbers)]))
    check(0 in threads and 1 in threads, f"ps {where}: MISSING the idle thread (tid 0) or the "
          "monitor (tid 1)", out)
    return threads


def schedstat(m, where):
    """`schedstat`'s numbers; fails unless it says 'scheduler invariants: ok'."""
    out = m.run("schedstat")
    what = f"schedstat {where}"
    clock = need(r"^clock: (\d+) ms since boot, (\d+) timer ticks, (\d+) context switches$",
                 out, what)
    need(r"^scheduler invariants: ok$", out, what)
    return {"policy": need(r"^policy: (\w+)$", out, what).group(1),
            "clock_ms": int(clock.group(1)), "ticks": int(clock.group(2)),
            "timer": int(need(r"^interrupts: timer (\d+),", out, what).group(1)),
            "queued": int(need(r"^queued: (\d+) ", out, what).group(1)),
            "min_vruntime_us": int(need(r"min_vruntime (\d+) us$", out, what).group(1)),
            **slices(out, what)}


def slices(out, what):
    """schedstat's slices line: how many slices ticks ended and extended
    (with others waiting), the shortest ended and the longest extended."""
    m = need(r"^slices: (\d+) ended by a tick, the shortest after (\d+) us; (\d+) went on, "
             r"the longest after (\d+) us$", out, what)
    return dict(zip(("slices_ended", "shortest_ended_us", "slices_extended",
                     "longest_extended_us"), map(int, m.groups())))


def spawn(m, workload, nice=0, ms=None):
    """`spawn workload nice [ms]`; the new thread's tid."""
    command = f"spawn {workload} {nice}" + (f" {ms}" if ms is not None else "")
    out = m.run(command)
    return int(need(r"^spawned tid (\d+) \(%s, nice %d\)$" % (workload, nice), out,
                    command).group(1))


class Window:
    """Snapshots (ps, then schedstat) before and after the monitor sleeps ms."""

    def __init__(self, m, ms=WINDOW_MS):
        self.m, self.ms = m, ms
        self.before, self.stat0 = ps(m, f"before sleep {ms}"), schedstat(m, f"before sleep {ms}")
        m.run(f"sleep {ms}", timeout=ms / 1000 * 4 + 10)
        self.after, self.stat1 = ps(m, f"after sleep {ms}"), schedstat(m, f"after sleep {ms}")
        self.clock_ms = self.stat1["clock_ms"] - self.stat0["clock_ms"]
        check(self.clock_ms >= ms, f"the kernel's clock advanced {self.clock_ms} ms while the "
              f"monitor ran 'sleep {ms}'", m.text)

    def thread(self, tid):
        for snapshot in (self.before, self.after):
            check(tid in snapshot, f"ps does not list tid {tid}", self.m.text)
        return self.after[tid]

    def delta(self, tid, field):
        self.thread(tid)
        return self.after[tid][field] - self.before[tid][field]

    def describe(self, *tids):
        return "; ".join(f"tid {t} ({self.after[t]['name']}, nice {self.after[t]['nice']}): "
                         f"+{self.delta(t, 'runtime_us')} us run, +{self.delta(t, 'switches')} "
                         f"switches" for t in tids) + f"; clock +{self.clock_ms} ms"


def spinners(m, *nices):
    return [spawn(m, "spin", nice) for nice in nices]


def share_ratio(window, a, b):
    """runtime delta of a / runtime delta of b; both must have run."""
    run_a, run_b = window.delta(a, "runtime_us"), window.delta(b, "runtime_us")
    check(run_a > 0 and run_b > 0, "a spinner did not run at all during the window: "
          + window.describe(a, b), window.m.text)
    return run_a / run_b


def check_ratio(ratio, expected, what, window, a, b):
    low, high = (expected * t for t in SHARE_TOLERANCE)
    check(low <= ratio <= high, f"{what}: runtime ratio {ratio:.2f}, expected {expected:.2f} "
          f"(accepted {low:.2f}-{high:.2f}): {window.describe(a, b)}", window.m.text)


# --- the tick and preemption -------------------------------------------------------

@pytest.mark.points(5)
def test_timer_ticks_at_1000_hz(boot):
    """The boot line announces a 1000 Hz tick, and schedstat's timer interrupt
    count grows by ~1000 per second of the kernel's clock over a 3 s window
    (accepted: 300-1500 per second: under TCG on a loaded machine, ticks due
    while QEMU is not running merge into one; a wrong divisor gives ~60 or
    ~16000)."""
    m = boot()
    need(r"^clock: TSC \d+ MHz, APIC timer \d+ kHz \(/16\), tick 1000 Hz$", m.text, "the boot")
    w = Window(m)
    rate = (w.stat1["timer"] - w.stat0["timer"]) / (w.clock_ms / 1000)
    check(300 <= rate <= 1500, f"timer interrupts: {w.stat1['timer'] - w.stat0['timer']} in "
          f"{w.clock_ms} ms of the kernel's clock = {rate:.0f}/s, expected ~1000/s "
          "(accepted 300-1500)", m.text)
    check(w.stat1["ticks"] > w.stat0["ticks"], "schedstat's timer ticks do not grow", m.text)


@pytest.mark.points(5)
def test_monitor_answers_beside_spinners(boot):
    """With two spinners running, ps, schedstat, mem and kmstat each come back
    (typed, echoed and answered) within 5 s of wall time (unloaded: < 1 s)."""
    m = boot()
    spinners(m, 0, 0)
    for command in ("ps", "schedstat", "mem", "kmstat", "ps"):
        start = time.monotonic()
        m.run(command, timeout=5)
        took = time.monotonic() - start
        check(took < 5, f"'{command}' took {took:.1f} s with two spinners running", m.text)
    need(r"^scheduler invariants: ok$", m.run("schedstat"), "schedstat beside two spinners")


@pytest.mark.points(6)
def test_spinners_preempted_both_progress(boot):
    """Two nice-0 spinners, 3 s while the monitor sleeps: each runs at least
    25% of the clock (fair: 50%), and each is switched to at least 20 times a
    second (CFS slices are ~3 ms: ~160/s), so the tick preempts them."""
    m = boot()
    a, b = spinners(m, 0, 0)
    w = Window(m)
    for tid in (a, b):
        run_ms = w.delta(tid, "runtime_us") / 1000
        check(run_ms >= 0.25 * w.clock_ms, f"spinner tid {tid} ran {run_ms:.0f} ms of "
              f"{w.clock_ms} ms (expected ~50%, at least 25%): {w.describe(a, b)}", m.text)
        switches = w.delta(tid, "switches")
        check(switches >= 20 * w.clock_ms / 1000, f"spinner tid {tid} was switched to "
              f"{switches} times in {w.clock_ms} ms (expected at least 20/s): the timer does "
              f"not preempt it? {w.describe(a, b)}", m.text)


# --- CFS -----------------------------------------------------------------------------

@pytest.mark.points(8)
@pytest.mark.parametrize("nice", [0, 5, -5])
def test_cfs_nice_0_vs_nice_shares_by_weight(boot, nice):
    """Spinners of nice 0 and `nice` (CFS, 3 s): ps shows the weights 1024
    and WEIGHT[nice], and their runtime deltas are in the ratio of the weights
    (1, 1024/335 = 3.06, 3121/1024 = 3.05), accepted within x0.8-x1.25."""
    m = boot()
    a, b = spinners(m, 0, nice)
    w = Window(m)
    check(w.stat1["policy"] == "cfs", f"schedstat says policy: {w.stat1['policy']}, expected "
          "cfs (the default)", m.text)
    for tid, n in ((a, 0), (b, nice)):
        check(w.thread(tid)["weight"] == WEIGHT[n], f"ps: tid {tid} (nice {n}) has weight "
              f"{w.thread(tid)['weight']}, expected {WEIGHT[n]}", m.text)
    check_ratio(share_ratio(w, a, b), WEIGHT[0] / WEIGHT[nice], f"nice 0 vs nice {nice}",
                w, a, b)


@pytest.mark.points(8)
def test_cfs_vruntime_is_runtime_scaled_by_weight(boot):
    """Spinners of nice 0 and 5 (CFS, 3 s): the audit saw every charge grow
    vruntime by exactly runtime x 1024 / weight, remainder kept (schedstat's
    invariants are ok; one charge off by a fraction of a ns breaks them), ps
    agrees to within its rounding to microseconds (2 us + 1024 / weight), and
    min_vruntime grows."""
    m = boot()
    a, b = spinners(m, 0, 5)
    w = Window(m)
    for tid, nice in ((a, 0), (b, 5)):
        run, vrun = w.delta(tid, "runtime_us"), w.delta(tid, "vruntime_us")
        want, rounding = run * WEIGHT[0] / WEIGHT[nice], 2 + WEIGHT[0] / WEIGHT[nice]
        check(run > 0 and abs(vrun - want) <= rounding,
              f"tid {tid} (nice {nice}): vruntime +{vrun} us for +{run} us of runtime, "
              f"expected +{want:.0f} us (runtime x 1024/{WEIGHT[nice]}, +-{rounding:.0f})",
              m.text)
    check(w.stat1["min_vruntime_us"] > w.stat0["min_vruntime_us"],
          f"min_vruntime stayed at {w.stat0['min_vruntime_us']} us while two spinners ran",
          m.text)


@pytest.mark.points(6)
def test_cfs_min_vruntime_never_decreases(boot):
    """Spinners of nice 0 and 5 while sleepers of periods 1, 2 and 3 ms
    (nice -5, 0, 5) keep waking behind them: ten schedstats 100 ms apart
    never show min_vruntime lower than the one before, and the audit, which
    checks it at every change in between, saw it never go back."""
    m = boot()
    spinners(m, 0, 5)
    for nice, period in ((-5, 1), (0, 2), (5, 3)):
        spawn(m, "sleeper", nice, period)
    last = 0
    for i in range(10):
        now = schedstat(m, f"with sleepers waking (sample {i + 1})")["min_vruntime_us"]
        check(now >= last, f"min_vruntime went back from {last} us to {now} us between two "
              "schedstats", m.text)
        last = now
        m.run("sleep 100", timeout=10)


@pytest.mark.points(6)
def test_cfs_napper_gains_no_more_than_its_share(boot):
    """A nice-5 napper (runs 2 ms, sleeps 1 ms, again and again) beside a
    nice-0 spinner, 3 s: it asks for about 2/3 of the CPU, but sleeping
    briefly and often earns it no more than its weight's share, 335/1024 of
    the spinner's runtime (accepted up to x1.25), and the audit saw no
    wakeup move its vruntime back."""
    m = boot()
    (spinner,) = spinners(m, 0)
    napper = spawn(m, "napper", 5, 2)
    w = Window(m)
    ratio, fair = share_ratio(w, napper, spinner), WEIGHT[5] / WEIGHT[0]
    check(ratio <= fair * SHARE_TOLERANCE[1], f"the napper ran {ratio:.2f} x the spinner's "
          f"runtime, its share is {fair:.2f} (accepted up to {fair * SHARE_TOLERANCE[1]:.2f}): "
          f"waking gains it more than its share? {w.describe(napper, spinner)}", m.text)


@pytest.mark.points(6)
def test_cfs_slices_have_lower_and_upper_bounds(boot):
    """Two nice-0 spinners (CFS, 3 s): the audit saw every tick that ended a
    slice (with others waiting) find it at least 2 ms old (the 6 ms target
    latency shared by three: both spinners and the monitor), and every tick
    that let one go on find it younger than 3 ms (shared by two).  How late
    the ticks come cannot move either bound."""
    m = boot()
    a, b = spinners(m, 0, 0)
    w = Window(m)
    stat = w.stat1
    check(stat["slices_ended"] - w.stat0["slices_ended"] >= w.clock_ms / 20,
          f"ticks ended {stat['slices_ended'] - w.stat0['slices_ended']} slices in "
          f"{w.clock_ms} ms (expected ~300/s, at least 50/s): {w.describe(a, b)}", m.text)
    check(stat["shortest_ended_us"] >= 2000, f"a tick ended a slice after "
          f"{stat['shortest_ended_us']} us, expected at least 2000 us (6 ms x 1024 / 3072)",
          m.text)
    check(stat["longest_extended_us"] < 3000, f"a tick let a slice go on after "
          f"{stat['longest_extended_us']} us, expected less than 3000 us (6 ms x 1024 / 2048)",
          m.text)


@pytest.mark.points(6)
def test_run_queue_stays_a_red_black_tree(boot):
    """Eight spinners of different nice values queue at once; schedstat
    checks the run queue's red-black properties five times as they run."""
    m = boot()
    spinners(m, 0, 3, -3, 7, -7, 1, -1, 5)
    for i in range(5):
        schedstat(m, f"with eight spinners (check {i + 1})")
        m.run("sleep 100", timeout=10)


@pytest.mark.points(6)
def test_cfs_new_thread_starts_at_min_vruntime(boot):
    """A spinner spawned after another has run alone for 2 s starts at
    min_vruntime: over the next 2 s the two share equally (x0.8-x1.25),
    instead of the newcomer running alone to catch up."""
    m = boot()
    (old,) = spinners(m, 0)
    m.run("sleep 2000", timeout=20)
    (new,) = spinners(m, 0)
    w = Window(m, 2000)
    check_ratio(share_ratio(w, new, old), 1.0, "a new spinner vs one that ran 2 s", w, new, old)


def sleeper_beside_spinners(m):
    """Two nice-0 spinners and a sleeper (period 10 ms); the sleeper's tid and the window."""
    a, b = spinners(m, 0, 0)
    sleeper = spawn(m, "sleeper", 0, SLEEPER_PERIOD_MS)
    return sleeper, (a, b), Window(m)


@pytest.mark.points(8)
def test_cfs_sleeper_wakes_promptly(boot):
    """A sleeper (10 ms period) beside two spinners, 3 s: it wakes about
    every 10 ms (switches delta 0.5-1.1 x clock / 10 ms; the 1 ms tick rounds
    each sleep up, late ticks more), its average wakeup latency (wait delta / switches delta)
    is below 150 us (this CFS: ~5 us; without wakeup preemption it often
    waits out the rest of a spinner's slice: ~370 us), and its worst (maxlat)
    below 4 ms (this CFS: ~100 us; without wakeup preemption ~3 ms)."""
    m = boot()
    sleeper, spin, w = sleeper_beside_spinners(m)
    wakeups = w.delta(sleeper, "switches")
    expected = w.clock_ms / SLEEPER_PERIOD_MS
    check(0.5 * expected <= wakeups <= 1.1 * expected, f"the sleeper ran {wakeups} times in "
          f"{w.clock_ms} ms, expected ~{expected:.0f} (accepted {0.5 * expected:.0f}-"
          f"{1.1 * expected:.0f}): {w.describe(sleeper, *spin)}", m.text)
    average = w.delta(sleeper, "wait_us") / wakeups
    check(average < 150, f"the sleeper waited {average:.0f} us on average from wakeup to "
          f"running (expected < 150 us: a woken sleeper preempts a spinner)", m.text)
    worst = w.thread(sleeper)["maxlat_us"]
    check(worst < 4000, f"the sleeper's worst wakeup latency (maxlat) is {worst} us, "
          "expected < 4000 us", m.text)


@pytest.mark.points(6)
def test_cfs_woken_sleeper_placed_near_min_vruntime(boot):
    """A sleeper (10 ms period) beside two spinners, after 3 s: its vruntime
    is within 20 ms of the smaller spinner's (each wakeup places it at least
    at min_vruntime - target_latency / 2 = -3 ms; min_vruntime moves ~5 ms
    during one sleep).  Unplaced, it would lag by about 1.5 s."""
    m = boot()
    sleeper, spin, w = sleeper_beside_spinners(m)
    lowest = min(w.thread(t)["vruntime_us"] for t in spin)
    lag = lowest - w.thread(sleeper)["vruntime_us"]
    check(lag <= 20000, f"the sleeper's vruntime is {lag} us behind the spinners' (expected at "
          "most 20000 us: a woken task is placed near min_vruntime)", m.text)


# --- round robin -----------------------------------------------------------------------

@pytest.mark.points(3)
def test_rr_selected_by_command_line(boot_rr):
    """Booted with sched=rr, schedstat says 'policy: rr' and the quantum is 4000 us."""
    m = boot_rr()
    out = m.run("schedstat")
    need(r"^policy: rr$", out, "schedstat (booted with sched=rr)")
    need(r"; rr: quantum 4000 us$", out, "schedstat (booted with sched=rr)")
    need(r"^scheduler invariants: ok$", out, "schedstat (booted with sched=rr)")


@pytest.mark.points(8)
def test_rr_ignores_nice(boot_rr):
    """Round robin, spinners of nice 0 and 5, 3 s: they share equally
    (runtime ratio within 0.8-1.25), whatever their weights."""
    m = boot_rr()
    a, b = spinners(m, 0, 5)
    w = Window(m)
    check_ratio(share_ratio(w, a, b), 1.0, "round robin, nice 0 vs nice 5", w, a, b)


@pytest.mark.points(7)
def test_rr_slices_are_the_quantum(boot_rr):
    """Round robin, two spinners, 3 s: the audit saw every tick that ended a
    slice find it at least the 4 ms quantum old and every tick that let one
    go on find it younger (exact, however late the ticks); and each spinner
    ran about the quantum per switch to it, ended at the first tick after it
    (~4.4 ms; ticks TCG delivers late lengthen it): runtime delta / switches
    delta within 3.5-7 ms."""
    m = boot_rr()
    a, b = spinners(m, 0, 0)
    w = Window(m)
    quantum_us = RR_QUANTUM_MS * 1000
    check(w.stat1["shortest_ended_us"] >= quantum_us > w.stat1["longest_extended_us"],
          f"slices: a tick ended one after {w.stat1['shortest_ended_us']} us and let one go on "
          f"after {w.stat1['longest_extended_us']} us; the quantum is {quantum_us} us", m.text)
    for tid in (a, b):
        switches = w.delta(tid, "switches")
        check(switches > 0, f"spinner tid {tid} was never switched to: {w.describe(a, b)}",
              m.text)
        slice_ms = w.delta(tid, "runtime_us") / 1000 / switches
        check(3.5 <= slice_ms <= 7, f"spinner tid {tid} ran {slice_ms:.2f} ms per slice, "
              f"expected ~{RR_QUANTUM_MS} ms (accepted 3.5-7): {w.describe(a, b)}", m.text)


# --- exit, join and leaks ------------------------------------------------------------------

def kill(m, target):
    """`kill target`: {tid: exit code} of the threads it killed and joined."""
    out = m.run(f"kill {target}", timeout=20)
    killed = {int(t): int(c) for t, c in
              re.findall(r"^killed tid (\d+) \(exit code (-?\d+)\)$", out, re.M)}
    check(killed or target == "all", f"MISSING '^killed tid {target} \\(exit code -?\\d+\\)$' "
          f"in the output of kill {target}", out)
    return killed


@pytest.mark.points(6)
def test_burst_exits_by_itself_with_code_0(boot):
    """A burst of 30 ms beside a spinner is 'dead' in ps 1 s later, having
    run 30-45 ms; kill joins it with exit code 0 and the spinner with -1;
    ps lists neither afterwards."""
    m = boot()
    (spinner,) = spinners(m, 0)
    burst = spawn(m, "burst", 0, 30)
    m.run("sleep 1000", timeout=20)
    t = ps(m, "1 s after spawning a 30 ms burst")
    check(burst in t and t[burst]["state"] == "dead", f"ps: the burst thread (tid {burst}) is "
          f"not 'dead' 1 s after it was spawned to run 30 ms", m.text)
    check(30000 <= t[burst]["runtime_us"] <= 45000, f"ps: the 30 ms burst ran "
          f"{t[burst]['runtime_us']} us (expected 30000-45000)", m.text)
    for tid, code in ((burst, 0), (spinner, -1)):
        killed = kill(m, tid)
        check(killed == {tid: code}, f"kill {tid}: {killed}, expected 'killed tid {tid} "
              f"(exit code {code})'", m.text)
    t = ps(m, "after kill")
    check(burst not in t and spinner not in t, "ps still lists a killed and joined thread",
          m.text)
    schedstat(m, "after kill")


def memory(m, where):
    """Free frames (mem) and kmalloc's live blocks and bytes (kmstat)."""
    out = m.run("kmstat")
    live = need(r"^kmalloc: (\d+) live blocks, (\d+) bytes requested", out, f"kmstat {where}")
    need(r"^heap invariants: ok$", out, f"kmstat {where}")
    return {"free frames": m.free_frames(), "live blocks": int(live.group(1)),
            "live bytes": int(live.group(2))}


def check_nothing_leaked(m, before, what):
    after = memory(m, f"after {what}")
    check(after == before, f"after {what}: {after}, but {before} before", m.text)
    stat = schedstat(m, f"after {what}")
    check(stat["queued"] == 0, f"after {what}: schedstat says {stat['queued']} tasks queued, "
          "expected 0", m.text)


@pytest.mark.points(8)
def test_kill_all_returns_memory(boot):
    """Spawn two spinners, a sleeper and a burst, then `kill all`: each is
    joined (spinners and sleeper exit -1, the finished burst 0), and free
    frames, kmalloc's live blocks and bytes are exactly as before the spawns."""
    m = boot()
    before = memory(m, "before spawning")
    a, b = spinners(m, 0, 5)
    sleeper = spawn(m, "sleeper", 0, 5)
    burst = spawn(m, "burst", 0, 5)
    m.run("sleep 500", timeout=20)
    killed = kill(m, "all")
    want = {a: -1, b: -1, sleeper: -1, burst: 0}
    check(killed == want, f"kill all: {killed}, expected {want} (tid: exit code)", m.text)
    check_nothing_leaked(m, before, "kill all")


@pytest.mark.points(8)
def test_many_bursts_leak_nothing(boot):
    """40 threads created and exited (4 rounds of 10 bursts of 2 ms, each
    round collected by `kill all`, every exit code 0): free frames and
    kmalloc's live blocks and bytes end exactly as they began."""
    m = boot()
    before = memory(m, "before spawning")
    for r in range(4):
        tids = [spawn(m, "burst", 0, 2) for _ in range(10)]
        m.run("sleep 200", timeout=20)
        killed = kill(m, "all")
        want = {tid: 0 for tid in tids}
        check(killed == want, f"round {r + 1}: kill all joined {killed}, expected {want} "
              "(tid: exit code)", m.text)
    check_nothing_leaked(m, before, "40 bursts")
