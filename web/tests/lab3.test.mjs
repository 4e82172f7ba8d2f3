// The lab 3 page in a real browser: every bar of the Gantt chart, every
// statistic, every node of the run-queue tree it shows must be what the
// kernel's own scheduler (sched.c, sched_cfs.c, sched_rr.c, rbtree.c driven
// by sched_sim.c, in the page's wasm module) did.  Ends with the line
// "N passed, M failed".
//
//   node web/tests/lab3.test.mjs        (after `make web`; or `make test-web`)

import assert from 'node:assert/strict';
import { harness, waitReady, screenshot, inNewPage, assertIndexLinks, assertSameQuestion, WEB_DIR, STEP_TIMEOUT }
  from './harness.mjs';

const { test, run } = harness();

// A fixed workload: two CPU hogs of different weight, an interactive task, a
// favoured late arrival with a sleep.
const TASKS = '0:0:20;0:5:15;2:0:1,4,1,4,1;6:-5:6,3,4';
const FIXED = `policy=cfs&tick=1&tasks=${TASKS}&pos=0`;

// --- the truth: read from the module (read-only calls) ----------------------

// The trace, each event's kind named by sim_event_name ("run"), and the
// policy by its name ("cfs").
function moduleTrace(page) {
  return page.evaluate(() => {
    const M = window.aurora.module, ev = [];
    for (let i = 0; i < M._lab3_event_count(); i++)
      ev.push({ kind: M.UTF8ToString(M._lab3_event_name(M._lab3_event_kind(i))), tid: M._lab3_event_tid(i),
        prev: M._lab3_event_prev(i), step: M._lab3_event_step(i), time: M._lab3_event_time(i),
        reason: M._lab3_event_reason(i) });
    return { events: ev, pos: M._lab3_pos(), total: M._lab3_total(), now: M._lab3_now(),
      policy: M.UTF8ToString(M._lab3_policy_name()) };
  });
}

// Wait until the module runs under the policy named `name`.
function waitPolicy(page, name) {
  return page.waitForFunction((n) => window.aurora.module.UTF8ToString(window.aurora.module._lab3_policy_name()) === n, name);
}

function moduleStats(page) {
  return page.evaluate(() => {
    const M = window.aurora.module, out = [];
    for (let t = 0; t < M._lab3_ntasks(); t++)
      out.push({ runtime: M._lab3_task_runtime(t), wait: M._lab3_task_wait(t), response: M._lab3_task_response(t),
        turnaround: M._lab3_task_turnaround(t), switches: M._lab3_task_switches(t), vruntime: M._lab3_task_vruntime(t) });
    return out;
  });
}

// The tree as the C code holds it, in order.
function moduleTree(page) {
  return page.evaluate(() => {
    const M = window.aurora.module, out = [];
    M._lab3_tree();
    const visit = (i) => {
      if (i < 0) return;
      visit(M._lab3_node_left(i));
      out.push({ tid: M._lab3_node_tid(i), red: M._lab3_node_red(i), vruntime: M._lab3_node_vruntime(i) });
      visit(M._lab3_node_right(i));
    };
    if (M._lab3_tree() > 0) visit(0);
    return { nodes: out, leftmost: M._lab3_leftmost(), rootRed: M._lab3_tree() > 0 ? M._lab3_node_red(0) : null };
  });
}

// Segments per task from the raw trace, up to step pos: a timeline of state
// changes, cut into [start, end) pieces of non-zero length.
function expectedBars(events, pos, now) {
  const changes = {};		// tid -> [[time, state]]
  const state = {};
  const to = (tid, time, s) => { (changes[tid] ||= []).push([time, s]); state[tid] = s; };
  for (const e of events.filter((x) => x.step <= pos)) {
    if (e.kind === 'arrive' || e.kind === 'wake') to(e.tid, e.time, 'wait');
    else if (e.kind === 'sleep') to(e.tid, e.time, 'sleep');
    else if (e.kind === 'exit') to(e.tid, e.time, 'gone');
    else if (e.kind === 'run') {
      if (e.prev >= 0 && state[e.prev] === 'run') to(e.prev, e.time, 'wait');
      to(e.tid, e.time, 'run');
    }
  }
  const bars = [];
  for (const [tid, list] of Object.entries(changes)) {
    list.push([now, 'gone']);
    for (let k = 0; k + 1 < list.length; k++) {
      const [start, kind] = list[k], end = list[k + 1][0];
      if (kind !== 'gone' && end > start) bars.push({ tid: Number(tid), kind, start, end });
    }
  }
  return bars.sort(byStart);
}

function byStart(a, b) { return a.tid - b.tid || a.start - b.start || a.kind.localeCompare(b.kind); }

// --- what the page shows -----------------------------------------------------

function shownBars(page) {
  return page.$$eval('#gantt rect.bar', (rs) => rs.map((r) => ({ tid: Number(r.dataset.tid), kind: r.dataset.kind,
    start: Number(r.dataset.start), end: Number(r.dataset.end) }))).then((b) => b.sort(byStart));
}

function shownStats(page) {
  return page.$$eval('#stats tr', (trs) => trs.map((tr) => Object.fromEntries(
    [...tr.querySelectorAll('td[data-k]')].map((td) => [td.dataset.k, Number(td.dataset.ns)]))));
}

function shownTree(page) {
  return page.$$eval('#tree g.rb-node', (gs) => gs
    .map((g) => ({ k: Number(g.dataset.inorder), tid: Number(g.dataset.tid), red: Number(g.dataset.red),
      vruntime: Number(g.dataset.vruntime), next: g.classList.contains('next'), depth: Number(g.dataset.depth) }))
    .sort((a, b) => a.k - b.k));
}

async function shownAll(page) {
  return { pos: await page.textContent('#pos'), bars: await shownBars(page), stats: await shownStats(page),
    tree: await shownTree(page), ok: await page.getAttribute('#invariant', 'data-ok') };
}

// The chart and the statistics on screen against the module at this step.
async function assertChartShown(page) {
  const t = await moduleTrace(page);
  const bars = await shownBars(page);
  assert.deepEqual(bars, expectedBars(t.events, t.pos, t.now), `Gantt bars vs the C trace at step ${t.pos}`);
  const stats = await moduleStats(page);
  assert.deepEqual(await shownStats(page), stats, `statistics shown vs sim_task_stats at step ${t.pos}`);
  // every task's run bars add up to the runtime the C code charged
  stats.forEach((s, tid) => {
    const ran = bars.filter((b) => b.tid === tid && b.kind === 'run').reduce((a, b) => a + b.end - b.start, 0);
    assert.equal(ran, s.runtime, `T${tid}: run bars vs sum_runtime`);
  });
  return { t, bars, stats };
}

async function assertTreeShown(page) {
  const truth = await moduleTree(page), shown = await shownTree(page);
  assert.equal(shown.length, truth.nodes.length, 'node count');
  assert.deepEqual(shown.map(({ tid, red, vruntime }) => ({ tid, red, vruntime })), truth.nodes, 'in-order tids, colours, vruntimes');
  for (let k = 1; k < shown.length; k++) assert.ok(shown[k - 1].vruntime <= shown[k].vruntime, 'in-order vruntimes ascend');
  if (shown.length) {
    assert.deepEqual(shown.filter((n) => n.next).map((n) => n.tid), [truth.leftmost], 'the leftmost is drawn as next');
    assert.equal(shown.find((n) => n.depth === 0).red, truth.rootRed, 'the root\u2019s colour');
  }
  return shown;
}

async function goHash(page, query) {
  await page.evaluate((q) => { location.hash = q; }, query);
  const pos = new URLSearchParams(query).get('pos');
  await page.waitForFunction((p) => document.getElementById('pos').textContent.startsWith(p + ' /'), pos);
}

async function setSpeed(page, v) {
  await page.fill('#speed', String(v));
  await page.dispatchEvent('#speed', 'input');
}

const runSequence = (events) => events.filter((e) => e.kind === 'run').map((e) => `${e.time}:${e.tid}`);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// --- the tests --------------------------------------------------------------

await run(async ({ browser, page, base, pageErrors }) => {
  await test('the page loads and runs the C scheduler', async () => {
    await page.goto(`${base}/lab3.html#${FIXED}`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    assert.match(await page.textContent('#status'), /sched/);
    const t = await moduleTrace(page);
    assert.equal(t.pos, 0);
    assert.ok(t.total > 40, `a real run: ${t.total} steps`);
    assert.equal(await page.textContent('#pos'), `0 / ${t.total}`);
    assert.deepEqual(pageErrors, []);
  });

  await test('the index page links lab 3', () => assertIndexLinks(browser, base, 'lab3.html'));

  let cfsFinal;
  await test('played to the end: every bar and statistic shown = the C trace and sim_task_stats', async () => {
    await setSpeed(page, 6);
    await page.click('#btn-play');
    const total = (await moduleTrace(page)).total;
    await page.waitForFunction((t) => document.getElementById('pos').textContent === `${t} / ${t}`, total,
      { timeout: STEP_TIMEOUT * 2 });
    const { t, bars, stats } = await assertChartShown(page);
    // at the end every task has exited: waits and turnarounds add up too
    stats.forEach((s, tid) => {
      const waited = bars.filter((b) => b.tid === tid && b.kind === 'wait').reduce((a, b) => a + b.end - b.start, 0);
      assert.equal(waited, s.wait, `T${tid}: wait bars vs wait_time`);
      const arrive = t.events.find((e) => e.kind === 'arrive' && e.tid === tid).time;
      const exit = t.events.find((e) => e.kind === 'exit' && e.tid === tid).time;
      assert.equal(exit - arrive, s.turnaround, `T${tid}: turnaround`);
    });
    assert.equal(await page.$$eval('#gantt .mark.exit', (m) => m.length), stats.length, 'an exit mark per task');
    // the averages row
    const avg = await page.$$eval('#stats-avg td[data-k]', (tds) => Object.fromEntries(tds.map((td) => [td.dataset.k, Number(td.dataset.ns)])));
    assert.equal(avg.wait, mean(stats.map((s) => s.wait)));
    assert.equal(avg.turnaround, mean(stats.map((s) => s.turnaround)));
    assert.equal(await page.getAttribute('#invariant', 'data-ok'), '1');
    cfsFinal = { events: t.events, stats };
  });

  await test('the drawn tree = the C run queue\u2019s red-black tree at several steps', async () => {
    const { steps, fullest } = await page.evaluate(() => {
      const M = window.aurora.module, s = [];
      let best = 0;
      for (let i = 0; i <= M._lab3_total(); i++) {
        if (M._lab3_step_queued(i) >= 2) s.push(i);
        if (M._lab3_step_queued(i) > M._lab3_step_queued(best)) best = i;
      }
      return { steps: s, fullest: best };
    });
    assert.ok(steps.length >= 4, 'steps with a tree of two or more');
    const picks = [steps[0], fullest, steps[Math.floor(steps.length / 2)], steps[steps.length - 1]];
    let sawRed = false, sawThree = false;
    for (const s of picks.concat([0])) {
      await goHash(page, `policy=cfs&tick=1&tasks=${TASKS}&pos=${s}`);
      const shown = await assertTreeShown(page);
      await assertChartShown(page);
      sawRed ||= shown.some((n) => n.red);
      sawThree ||= shown.length >= 3;
      assert.equal(await page.getAttribute('#invariant', 'data-ok'), '1', `invariants at step ${s}`);
    }
    assert.ok(sawThree, 'a tree of three or more nodes came up');
    assert.ok(sawRed, 'red nodes came up');
  });

  await test('step back restores exactly what the step before showed', async () => {
    const s = 12;
    await goHash(page, `policy=cfs&tick=1&tasks=${TASKS}&pos=${s}`);
    const before = await shownAll(page), truth = await moduleStats(page);
    for (let k = 0; k < 3; k++) await page.click('#btn-fwd');
    assert.equal((await moduleTrace(page)).pos, s + 3);
    assert.notDeepEqual((await shownAll(page)).bars, before.bars, 'stepping forward changes the chart');
    await page.click('#btn-back');
    await page.keyboard.press('ArrowLeft');
    await page.click('#btn-back');
    assert.deepEqual(await shownAll(page), before, 'the same chart, stats and tree');
    assert.deepEqual(await moduleStats(page), truth, 'the same C state');
    await assertTreeShown(page);
  });

  await test('switching to round robin re-runs the same workload and the chart follows the C code', async () => {
    await page.click('#btn-end');
    await page.click('#pol-rr');
    await waitPolicy(page, 'rr');
    await page.keyboard.press('End');
    const { t, stats } = await assertChartShown(page);
    assert.equal(t.policy, 'rr');
    assert.notDeepEqual(runSequence(t.events), runSequence(cfsFinal.events), 'RR runs tasks in another order');
    assert.match(await page.textContent('#rq-title'), /FIFO/);
    // the comparison panel: both policies' averages, from the C stats
    const cmp = await page.$$eval('#compare tbody tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.k,
      Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.policy, Number(td.dataset.ns)]))])));
    assert.equal(cmp.wait.cfs, mean(cfsFinal.stats.map((s) => s.wait)), 'CFS average wait');
    assert.equal(cmp.wait.rr, mean(stats.map((s) => s.wait)), 'RR average wait');
    assert.equal(cmp.turnaround.cfs, mean(cfsFinal.stats.map((s) => s.turnaround)), 'CFS average turnaround');
    assert.equal(cmp.turnaround.rr, mean(stats.map((s) => s.turnaround)), 'RR average turnaround');
    // the FIFO drawn = the C list, at a step with a queue
    const s = await page.evaluate(() => { const M = window.aurora.module; let i = 0; while (M._lab3_step_queued(i) < 2) i++; return i; });
    await goHash(page, `policy=rr&tick=1&tasks=${TASKS}&pos=${s}`);
    const q = await page.evaluate(() => { const M = window.aurora.module, n = M._lab3_queue(), o = []; for (let i = 0; i < n; i++) o.push(M._lab3_queue_tid(i)); return o; });
    assert.deepEqual(await page.$$eval('#tree .rr-item', (li) => li.map((x) => Number(x.dataset.tid))), q);
    await assertChartShown(page);
    // and back: CFS again, the same trace as before
    await page.click('#pol-cfs');
    await waitPolicy(page, 'cfs');
    assert.deepEqual((await moduleTrace(page)).events, cfsFinal.events, 'CFS gives the same trace again');
    await assertChartShown(page);
  });

  await test('the URL reproduces exactly what was on screen, served and from disk', async () => {
    await goHash(page, `policy=cfs&tick=1&tasks=${TASKS}&pos=17`);
    await page.click('#btn-fwd');
    const want = await shownAll(page);
    const hash = page.url().split('#')[1];
    assert.match(hash, /pos=18/);
    for (const url of [page.url(), `file://${WEB_DIR}/lab3.html#${hash}`]) {
      await inNewPage(browser, url, async (p) => {
        assert.deepEqual(await shownAll(p), want);
        await assertTreeShown(p);
      });
    }
  });

  await test('the exercise: which task runs next? checked against the C code\u2019s pick, right and wrong', async () => {
    for (const seed of [1, 2, 3]) {
      await page.fill('#ex-seed', String(seed));
      await page.click('#ex-new');
      await page.waitForSelector('#ex-form:not([hidden])');
      const q = await page.evaluate(() => window.aurora.question());
      const t = await moduleTrace(page);
      assert.equal(t.pos, q.step, 'the page stops at the question');
      assert.equal(await page.$$eval('#tree g.rb-node.next', (g) => g.length), 0, '"next" is hidden while asking');
      const pick = t.events.find((e) => e.step === t.pos + 1 && e.kind === 'run').tid;
      const tree = await moduleTree(page);
      assert.equal(pick, tree.leftmost, 'the C code ran the leftmost task');
      await page.fill('#ex-answer', `T${(pick + 1) % 4}`);
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.wrong');
      await page.fill('#ex-answer', String(pick));
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.correct');
      assert.match(await page.textContent('#ex-result'), new RegExp(`leftmost.*T${pick}`));
      await assertSameQuestion(browser, page);
    }
  });

  await test('invariants turn red when the C state is broken, green again on the next step', async () => {
    const s = await page.evaluate(() => { const M = window.aurora.module; let i = 0; while (M._lab3_step_queued(i) < 3) i++; return i; });
    // the names of the broken invariants, as lab3_invariant_name gives them
    const broken = () => page.$$eval('#inv-list li[data-ok="0"]', (li) => li.map((x) => x.firstChild.textContent));
    const RB = 'red-black properties (rb_check)', SCHED = 'run queue consistent (sched_check)';
    const MIN_V = 'min_vruntime never decreases';
    for (const [kind, names] of [[0, [RB, SCHED]], [1, [RB, SCHED]], [2, [MIN_V]]]) {
      await goHash(page, `policy=cfs&tick=1&tasks=${TASKS}&pos=${s}`);
      await page.waitForSelector('#invariant.ok');
      await page.selectOption('#tamper-kind', String(kind));
      await page.click('#btn-tamper');
      await page.waitForSelector('#invariant.bad');
      assert.deepEqual(await broken(), names, `tamper ${kind}`);
      if (kind === 0) assert.equal((await assertTreeShown(page)).find((n) => n.depth === 0).red, 1, 'the red root is drawn');
      if (kind === 2) assert.equal(await page.$$eval('#gantt path.minv.bad', (p) => p.length), 1, 'the min_vruntime line turns red');
      await page.click('#btn-fwd');
      await page.waitForSelector('#invariant.ok');
      await page.click('#btn-back');
      await page.waitForSelector('#invariant.ok');
    }
  });

  await test('the workload editor: add a task, run it, the URL holds it; bad input is refused', async () => {
    await goHash(page, `policy=cfs&tick=1&tasks=${TASKS}&pos=0`);
    await page.click('#wl-add');
    const row = '#wl-rows tr:last-child';
    await page.fill(`${row} .wl-arrival`, '4');
    await page.fill(`${row} .wl-nice`, '-3');
    await page.fill(`${row} .wl-phases`, '5, 2, 5');
    await page.click('#wl-apply');
    await page.waitForFunction(() => window.aurora.module._lab3_ntasks() === 5);
    assert.match(decodeURIComponent(page.url()), /tasks=0:0:20;0:5:15;2:0:1,4,1,4,1;6:-5:6,3,4;4:-3:5,2,5&/);
    await page.click('#btn-end');
    const { stats } = await assertChartShown(page);
    assert.equal(stats[4].runtime, 10e6, 'the new task ran its 10 ms');
    await page.click(`${row} .wl-del`);
    await page.fill('#wl-rows tr:first-child .wl-nice', '42');
    await page.click('#wl-apply');
    assert.match(await page.textContent('#wl-error'), /nice/);
    assert.equal(await page.evaluate(() => window.aurora.module._lab3_ntasks()), 5, 'nothing ran');
  });

  await test('no errors in the page; screenshot saved', async () => {
    assert.deepEqual(pageErrors, []);
    await page.goto(`${base}/lab3.html`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    await page.fill('#ex-seed', '4');
    await page.click('#ex-new');
    await page.fill('#ex-answer', 'T1');
    await page.click('#ex-submit');
    await page.waitForSelector('#ex-result:not(:empty)');
    await screenshot(page, 'lab3.png');
    assert.deepEqual(pageErrors, []);
  });
});
