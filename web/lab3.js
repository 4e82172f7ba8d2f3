/*
 * Lab 3's page: draws what the kernel's scheduler (kernel/sched/sched*.c and
 * rbtree.c, driven by sched_sim.c; compiled by emcc and loaded as AuroraLab3
 * from lab3-module.js) decides, and drives it.  No scheduling logic lives
 * here: every pick, vruntime, colour, min_vruntime and statistic comes from
 * the C code; this file turns the C trace into bars and words.
 *
 * The scenario: a workload (tasks with an arrival, a nice value and
 * alternating CPU bursts and sleeps, a timer tick), a policy and a step.
 * The bridge runs the workload to the end once, recording every event, and
 * puts the live simulator at any step from its snapshots (lab3_goto), so
 * stepping back is exact.
 */
'use strict';

(function () {
  const W = window.AuroraWeb;
  const $ = W.$;
  const SPEEDS = [1000, 500, 250, 120, 50, 15];	/* ms a step */
  const MS = 1e6;					/* ns */
  /* What each policy lab3_policy_key names is called in a sentence. */
  const POLICY_WORDS = { cfs: 'CFS', rr: 'round robin' };
  const COLORS = ['#2e86de', '#e4572e', '#29a36a', '#8e6cd8', '#f3a712', '#17a2b8', '#d6336c', '#6c757d',
    '#5c940d', '#a0522d', '#0b7285', '#c2255c', '#364fc7', '#e8590c', '#2b8a3e', '#862e9c'];
  const PRESETS = [
    ['mixed', 'A CPU hog, a lighter hog, an interactive task, a favoured one, a late low-priority one',
      '0:0:40;0:5:30;3:0:2,8,2,8,2,8,2;10:-5:15,10,10;20:10:10'],
    ['nice 0 vs 5', 'Two CPU hogs: shares follow the weights 1024 : 335',
      '0:0:40;0:5:40'],
    ['interactive', 'Short bursts and sleeps against two batch jobs',
      '0:0:30;0:0:30;1:0:1,5,1,5,1,5,1,5,1;2:-5:1,9,1,9,1'],
    ['late arrivals', 'Tasks arriving while others run: where does CFS place them?',
      '0:0:25;5:0:10;10:0:10;15:0:10;20:19:10'],
  ];

  let M = null;
  /* From the C code, on load: the names of its enums, and the policies'. */
  let EV = null;		/* enum sim_event_kind: { ARRIVE, RUN, SLEEP, WAKE, EXIT, IDLE } */
  let WHY = null;		/* enum sim_reason: { FROM_IDLE, SLICE_OVER, ... } */
  let STATE = null;		/* the bridge's task states: { NOT_ARRIVED, ..., EXITED } */
  let stateNames = [];		/* "not arrived", "runnable", ... */
  let POLICY = null;		/* the bridge's policy numbers: { CFS, RR } */
  let policyKeys = [];		/* "cfs", "rr": sched= on the kernel command line */
  let ctl = null;
  const sc = { policy: 0, tick: 1, tasks: [], pos: 0, ex: null };
  let total = 0;
  let trace = [];		/* the C trace: { kind, reason, tid, prev, step, time } */
  let stepTime = [];		/* the clock after each step */
  let byStep = [];		/* the events of each step */
  let stepMinV = [];		/* min_vruntime after each step */
  let compare = null;		/* final stats under each policy */
  let question = null;
  let showExercise = null;
  let ganttWidth = 900;		/* measured on start and on resize, not every step: that forces a layout */

  /* --- numbers and words --------------------------------------------------- */

  const trimNum = (x, digits) => x.toFixed(digits).replace(/\.?0+$/, '');
  const ms = (ns) => trimNum(ns / MS, 3) + ' ms';
  const msShort = (ns) => trimNum(ns / MS, 3);
  const tname = (tid) => 'T' + tid;

  const el = W.el;

  const SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function tip(node, text) { node.append(svg('title', {}, text)); return node; }

  /* --- the workload as text: "arrival:nice:burst,sleep,burst;..." in ms ------ */

  function parseNum(t, lo, hi) {
    const v = Number(String(t).trim());
    return String(t).trim() !== '' && Number.isFinite(v) && v >= lo && v <= hi ? v : null;
  }

  /* One task from its three fields; throws a readable error. */
  function parseTask(arrival, nice, phases, i) {
    const a = parseNum(arrival, 0, 10000);
    if (a === null) throw new Error(tname(i) + ': arrival must be 0 to 10000 ms');
    const n = parseNum(nice, -20, 19);
    if (n === null || !Number.isInteger(n)) throw new Error(tname(i) + ': nice must be an integer from -20 to 19');
    const ps = String(phases).split(/[\s,]+/).filter((x) => x !== '').map((x) => parseNum(x, 0.001, 10000));
    if (!ps.length || ps.some((x) => x === null))
      throw new Error(tname(i) + ': phases are ms from 0.001 to 10000, like "30,10,30"');
    if (ps.length > M._lab3_max_phases()) throw new Error(tname(i) + ': at most ' + M._lab3_max_phases() + ' phases');
    return { arrival: a, nice: n, phases: ps };
  }

  function parseTasks(text) {
    const parts = String(text).split(';').filter((x) => x.trim() !== '');
    if (!parts.length) throw new Error('no tasks');
    if (parts.length > M._lab3_max_tasks()) throw new Error('at most ' + M._lab3_max_tasks() + ' tasks');
    return parts.map((p, i) => {
      const f = p.split(':');
      if (f.length !== 3) throw new Error('task ' + i + ': "arrival:nice:phases"');
      return parseTask(f[0], f[1], f[2], i);
    });
  }

  const tasksText = (tasks) => tasks.map((t) => t.arrival + ':' + t.nice + ':' + t.phases.join(',')).join(';');

  /* --- the module ---------------------------------------------------------- */

  const toNs = (msValue) => Math.round(msValue * MS);

  function load() {
    M._lab3_workload_clear(toNs(sc.tick));
    for (const t of sc.tasks) {
      const tid = M._lab3_task_add(toNs(t.arrival), t.nice);
      for (const p of t.phases) M._lab3_phase_add(tid, toNs(p));
    }
  }

  /* Per-task numbers at the live step. */
  function taskStats(tid) {
    return {
      tid, state: M._lab3_task_state(tid), nice: M._lab3_task_nice(tid), weight: M._lab3_task_weight(tid),
      runtime: M._lab3_task_runtime(tid), wait: M._lab3_task_wait(tid), response: M._lab3_task_response(tid),
      turnaround: M._lab3_task_turnaround(tid), switches: M._lab3_task_switches(tid),
      vruntime: M._lab3_task_vruntime(tid), ran: M._lab3_task_ran(tid) === 1,
    };
  }

  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

  /* Averages over the tasks, at the live step (turnaround: exited ones only). */
  function averages(stats) {
    const done = stats.filter((s) => s.state === STATE.EXITED);
    return { wait: mean(stats.map((s) => s.wait)), turnaround: mean(done.map((s) => s.turnaround)),
      response: mean(stats.filter((s) => s.ran).map((s) => s.response)), done: done.length,
      switches: stats.reduce((a, s) => a + s.switches, 0) };
  }

  /* Run the workload under both policies for the comparison, then record the
   * chosen policy's trace. */
  function runAll() {
    load();
    compare = policyKeys.map((_, p) => {
      const steps = M._lab3_run(p);
      M._lab3_goto(steps);
      const stats = sc.tasks.map((_, tid) => taskStats(tid));
      return Object.assign(averages(stats), { end: M._lab3_now(), steps, truncated: M._lab3_truncated() === 1 });
    });
    total = M._lab3_run(sc.policy);
    trace = [];
    for (let i = 0; i < M._lab3_event_count(); i++)
      trace.push({ kind: M._lab3_event_kind(i), reason: M._lab3_event_reason(i), tid: M._lab3_event_tid(i),
        prev: M._lab3_event_prev(i), step: M._lab3_event_step(i), time: M._lab3_event_time(i) });
    stepTime = [];
    byStep = [];
    stepMinV = [];
    for (let s = 0; s <= total; s++) {
      stepTime.push(M._lab3_step_time(s));
      stepMinV.push(M._lab3_step_min_vruntime(s));
      byStep.push([]);
    }
    for (const e of trace) if (e.step <= total) byStep[e.step].push(e);
  }

  function goTo(pos) {
    sc.pos = M._lab3_goto(Math.max(0, Math.min(pos, total)));
  }

  /* A step worth landing on: the first with the fullest run queue. */
  function interestingStep() {
    let best = 0;
    for (let s = 0; s <= total; s++) if (M._lab3_step_queued(s) > M._lab3_step_queued(best)) best = s;
    return best;
  }

  /* The last step at or before time t. */
  function stepAtTime(t) {
    let s = 0;
    while (s < total && stepTime[s + 1] <= t) s++;
    return s;
  }

  /* --- the trace as bars ----------------------------------------------------- */

  /*
   * Intervals per task from the events up to step `pos`: run (on the CPU),
   * wait (runnable, queued) and sleep, each [start, end); open ones end at
   * `now`.  Also the arrival and exit times.
   */
  function intervals(pos, now) {
    const open = new Map();	/* tid -> { kind, start } */
    const bars = [], marks = [];
    const close = (tid, t) => {
      const o = open.get(tid);
      if (o && t > o.start) bars.push({ tid, kind: o.kind, start: o.start, end: t, why: o.why });
      open.delete(tid);
    };
    const begin = (tid, kind, t, why) => { close(tid, t); open.set(tid, { kind, start: t, why }); };
    for (const e of trace) {
      if (e.step > pos) break;
      if (e.kind === EV.ARRIVE) { marks.push({ tid: e.tid, kind: 'arrive', time: e.time }); begin(e.tid, 'wait', e.time); }
      else if (e.kind === EV.WAKE) begin(e.tid, 'wait', e.time);
      else if (e.kind === EV.SLEEP) begin(e.tid, 'sleep', e.time);
      else if (e.kind === EV.EXIT) { close(e.tid, e.time); marks.push({ tid: e.tid, kind: 'exit', time: e.time }); }
      else if (e.kind === EV.RUN) {
        if (e.prev >= 0 && open.has(e.prev) && open.get(e.prev).kind === 'run') begin(e.prev, 'wait', e.time);
        begin(e.tid, 'run', e.time, e.reason);
      }
    }
    for (const tid of [...open.keys()]) close(tid, now);
    return { bars, marks };
  }

  /* --- drawing: the Gantt chart ----------------------------------------------- */

  function niceStep(span, target) {
    const raw = span / target;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  function drawLegend() {
    const box = $('gantt-legend');
    const item = (cls, text) => { const s = el('span', 'key'); s.append(el('i', cls), text); box.append(s); };
    item('lg-run', 'running');
    item('lg-wait', 'runnable, waiting');
    item('lg-sleep', 'sleeping');
    item('lg-mark', 'arrives \u25B2 / exits \u25A0');
    item('lg-now', 'now');
  }

  function renderGantt() {
    const box = $('gantt');
    const now = M._lab3_now();
    const end = Math.max(stepTime[total] || 0, 1);
    const { bars, marks } = intervals(sc.pos, now);
    const n = sc.tasks.length;
    const left = 104, right = 64, top = 24, row = 28, barH = 16;
    const cfs = sc.policy === POLICY.CFS;
    const mvH = cfs ? 44 : 0;
    const width = ganttWidth;
    const height = top + n * row + (cfs ? mvH + 14 : 0) + 8;
    const plot = width - left - right;
    const x = (t) => left + (t / end) * plot;
    const s = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'gantt-svg' });

    for (let tid = 1; tid < n; tid += 2) s.append(svg('rect', { x: 0, y: top + tid * row, width: x(end), height: row, class: 'stripe' }));
    /* the time axis */
    const stepMs = niceStep(end / MS, 12);
    for (let t = 0; t <= end / MS + 1e-9; t += stepMs) {
      const xx = x(t * MS);
      s.append(svg('line', { x1: xx, x2: xx, y1: top - 4, y2: height - 6, class: 'grid' }));
      s.append(svg('text', { x: xx, y: top - 8, class: 'axis', 'text-anchor': 'middle' }, trimNum(t, 3)));
    }
    s.append(svg('text', { x: 4, y: top - 8, class: 'axis' }, 'ms'));
    /* the future, shaded */
    s.append(svg('rect', { x: x(now), y: top - 2, width: Math.max(0, x(end) - x(now)), height: n * row + 2, class: 'future' }));

    for (let tid = 0; tid < n; tid++) {
      const y = top + tid * row;
      const label = svg('text', { x: 6, y: y + row / 2 + 4, class: 'row-label' }, tname(tid));
      s.append(label);
      s.append(svg('text', { x: 46, y: y + row / 2 + 4, class: 'row-sub' }, 'nice ' + sc.tasks[tid].nice));
      s.append(svg('rect', { x: 34, y: y + row / 2 - 5, width: 6, height: 10, fill: COLORS[tid], rx: 1 }));
    }
    /* thousands of bars in a long run: one string, one parse */
    const g = svg('g', { class: 'bars' });
    const f = (v) => +v.toFixed(2);
    g.innerHTML = bars.map((b) => {
      const y = top + b.tid * row;
      const [yy, h] = b.kind === 'run' ? [y + (row - barH) / 2, barH] : b.kind === 'wait'
        ? [y + (row - barH) / 2 + 3, barH - 6] : [y + row / 2 - 1.5, 3];
      return `<rect class="bar ${b.kind}" x="${f(x(b.start))}" y="${yy}" width="${f(Math.max(x(b.end) - x(b.start), 0.8))}" ` +
        `height="${h}"${b.kind === 'sleep' ? '' : ` fill="${COLORS[b.tid]}"`} data-tid="${b.tid}" data-kind="${b.kind}" ` +
        `data-start="${b.start}" data-end="${b.end}"/>`;
    }).join('');
    g.addEventListener('mousemove', (ev) => {
      const d = ev.target.dataset;
      if (!d || d.kind === undefined) return;
      const what = { run: 'ran', wait: 'waited, runnable,', sleep: 'slept' }[d.kind];
      $('gantt-hover').textContent = tname(d.tid) + ' ' + what + ' from ' + ms(Number(d.start)) + ' to ' + ms(Number(d.end)) +
        ' (' + ms(d.end - d.start) + ')';
    });
    g.addEventListener('mouseleave', () => { $('gantt-hover').textContent = ''; });
    s.append(g);
    for (const m of marks) {
      const y = top + m.tid * row + row / 2, xx = x(m.time);
      const shape = m.kind === 'arrive'
        ? svg('path', { d: `M${xx - 4},${y + 11} L${xx + 4},${y + 11} L${xx},${y + 5} Z`, class: 'mark arrive' })
        : svg('rect', { x: xx - 3, y: y - 3, width: 6, height: 6, class: 'mark exit' });
      shape.dataset.tid = m.tid;
      shape.dataset.kind = m.kind;
      s.append(tip(shape, tname(m.tid) + (m.kind === 'arrive' ? ' arrives' : ' exits') + ' at ' + ms(m.time)));
    }
    if (cfs) drawMinVruntime(s, x, top + n * row + 14, mvH, now);
    s.append(svg('line', { x1: x(now), x2: x(now), y1: top - 4, y2: height - 6, class: 'now' }));
    box.innerHTML = '';
    box.append(s);
    $('gantt-caption').textContent = POLICY_WORDS[policyKeys[sc.policy]] + ', ' + ms(now) + ' of ' + ms(end) +
      (M._lab3_truncated() ? ' (cut at ' + M._lab3_max_steps() + ' steps)' : '');
  }

  /* min_vruntime after each step so far, as the C code recorded it, and the
   * live value: a staircase that must never go down. */
  function drawMinVruntime(s, x, y0, h, now) {
    const maxV = stepMinV.reduce((a, v) => Math.max(a, v), 1);
    const live = M._lab3_min_vruntime();
    const y = (v) => y0 + h - (v / maxV) * h;
    s.append(svg('text', { x: 6, y: y0 + 12, class: 'row-label' }, 'min_'));
    s.append(svg('text', { x: 6, y: y0 + 26, class: 'row-label' }, 'vruntime'));
    s.append(svg('line', { x1: x(0), x2: x(stepTime[total]), y1: y0 + h, y2: y0 + h, class: 'grid' }));
    let d = `M${x(0)},${y(stepMinV[0])}`, prev = stepMinV[0], down = false;
    for (let st = 1; st <= sc.pos; st++) {
      const v = stepMinV[st];
      d += ` H${x(stepTime[st])} V${y(v)}`;
      if (v < prev) down = true;
      prev = v;
    }
    if (live !== prev) { d += ` V${y(live)}`; if (live < prev) down = true; }
    d += ` H${x(now)}`;
    s.append(tip(svg('path', { d, class: 'minv' + (down ? ' bad' : '') }), 'min_vruntime: ' + ms(live) + ' now'));
    s.append(svg('text', { x: x(now) + 4, y: Math.max(y(live), y0 + 9) + 3, class: 'axis minv-label' }, ms(live)));
  }

  /* --- drawing: what this step did -------------------------------------------- */

  function describe(e) {
    const t = tname(e.tid);
    switch (e.kind) {
      case EV.ARRIVE: return t + ' arrives (sched_wakeup, new)';
      case EV.WAKE: return t + ' wakes up (sched_wakeup)';
      case EV.SLEEP: return t + '\u2019s burst ends: it sleeps';
      case EV.EXIT: return t + '\u2019s last burst ends: it exits';
      case EV.IDLE: return 'the CPU goes idle after ' + tname(e.prev);
      case EV.RUN: {
        const from = e.prev < 0 ? 'the idle CPU' : tname(e.prev);
        const why = ['the CPU was idle', 'the slice of ' + from + ' is over (sched_tick)', from + ' went to sleep',
          from + ' exited', 'the wakeup preempts ' + from][e.reason] || '';
        return 'sched_switch runs ' + t + (e.prev >= 0 ? ' after ' + from : '') + ': ' + why;
      }
      default: return '?';
    }
  }

  function renderStepLog() {
    const ul = $('step-log');
    ul.innerHTML = '';
    const evs = byStep[sc.pos];
    $('step-caption').textContent = sc.pos === 0 ? 'nothing has happened yet' : 'step ' + sc.pos + ' at ' + ms(stepTime[sc.pos]);
    if (sc.pos > 0 && !evs.length) ul.append(el('li', 'dim', 'a timer tick: sched_tick charged the running task and let it go on'));
    for (const e of evs) {
      const li = el('li', 'ev-' + ['arrive', 'run', 'sleep', 'wake', 'exit', 'idle'][e.kind]);
      if (e.tid >= 0) li.style.setProperty('--tc', COLORS[e.tid]);
      li.textContent = describe(e);
      ul.append(li);
    }
  }

  /* --- drawing: the run queue --------------------------------------------------- */

  function readTree() {
    const n = M._lab3_tree(), nodes = [];
    for (let i = 0; i < n; i++)
      nodes.push({ i, tid: M._lab3_node_tid(i), vruntime: M._lab3_node_vruntime(i), red: M._lab3_node_red(i) === 1,
        left: M._lab3_node_left(i), right: M._lab3_node_right(i) });
    return nodes;
  }

  const hideNext = () => question && !question.revealed && sc.pos === question.step;

  function renderRunQueue() {
    const curr = M._lab3_curr();
    const sum = $('rq-summary');
    sum.innerHTML = '';
    const kv = (k, v, cls) => { const s = el('span', 'kv ' + (cls || '')); s.append(el('span', 'k', k), el('b', '', v)); sum.append(s); return s; };
    kv('clock', ms(M._lab3_now()));
    const running = kv('running', curr < 0 ? 'idle' : tname(curr));
    running.dataset.tid = curr;
    if (curr >= 0) running.style.setProperty('--tc', COLORS[curr]);
    if (curr >= 0) kv('on the CPU for', ms(M._lab3_now() - M._lab3_slice_start()));
    kv('queued', M._lab3_nr_queued() + (sc.policy === POLICY.CFS ? ', weight ' + M._lab3_queued_weight() : ''));
    if (sc.policy === POLICY.CFS) {
      kv('min_vruntime', ms(M._lab3_min_vruntime())).id = 'min-vruntime';
      kv('target latency', ms(M._lab3_target_latency()), 'dim');
    } else kv('quantum', ms(M._lab3_rr_quantum()), 'dim');
    $('rq-title').innerHTML = '';
    $('rq-title').append(sc.policy === POLICY.CFS ? 'The run queue: a red-black tree keyed by vruntime' : 'The run queue: a FIFO');
    $('rq-title').append(el('small', '', sc.policy === POLICY.CFS
      ? 'the leftmost node runs next; the running task is not in the tree'
      : 'the head runs next; a preempted task goes to the tail'));
    if (sc.policy === POLICY.CFS) drawTree(curr); else drawQueue(curr);
  }

  function runningBox(curr, vr) {
    const d = el('div', 'rq-curr');
    if (curr < 0) { d.append(el('span', 'dim', 'CPU idle')); return d; }
    const chip = el('span', 'task-chip', tname(curr));
    chip.style.background = COLORS[curr];
    d.append(el('span', 'dim', 'on the CPU'), chip);
    if (vr) d.append(el('span', 'mono small', 'vruntime ' + ms(M._lab3_task_vruntime(curr))));
    return d;
  }

  function drawTree(curr) {
    const box = $('tree');
    box.innerHTML = '';
    const nodes = readTree();
    const wrap = el('div', 'tree-wrap');
    wrap.append(runningBox(curr, true));
    if (!nodes.length) {
      wrap.append(el('div', 'dim empty', 'The tree is empty: nobody is waiting for the CPU.'));
      box.append(wrap);
      return;
    }
    /* in-order x, depth y */
    const order = [], depth = new Map();
    (function walk(i, d) {
      if (i < 0) return;
      walk(nodes[i].left, d + 1);
      depth.set(i, d);
      order.push(i);
      walk(nodes[i].right, d + 1);
    })(0, 0);
    const maxDepth = Math.max(...depth.values());
    const colW = nodes.length > 9 ? 60 : 74, rowH = 66, r = 19, padTop = 34;
    const width = Math.max(order.length * colW, 300), height = padTop + maxDepth * rowH + r + 30;
    const pos = new Map(order.map((i, k) => [i, { x: colW / 2 + k * colW, y: padTop + depth.get(i) * rowH }]));
    const s = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'tree-svg', style: `max-width: ${width}px` });
    for (const nd of nodes)
      for (const c of [nd.left, nd.right]) if (c >= 0) {
        const a = pos.get(nd.i), b = pos.get(c);
        s.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge' }));
      }
    const leftmost = M._lab3_leftmost();
    const masked = hideNext();
    order.forEach((i, k) => {
      const nd = nodes[i], p = pos.get(i);
      const g = svg('g', { class: 'rb-node ' + (nd.red ? 'red' : 'black'), 'data-tid': nd.tid, 'data-red': nd.red ? 1 : 0,
        'data-vruntime': nd.vruntime, 'data-inorder': k, 'data-depth': depth.get(i) });
      const next = nd.tid === leftmost && !masked;
      if (next) {
        g.classList.add('next');
        g.append(svg('circle', { cx: p.x, cy: p.y, r: r + 6, class: 'halo' }));
        g.append(svg('text', { x: p.x, y: p.y - r - 9, class: 'next-label', 'text-anchor': 'middle' }, 'next'));
      }
      g.append(svg('circle', { cx: p.x, cy: p.y, r, class: 'disc' }));
      g.append(svg('rect', { x: p.x - 9, y: p.y + r - 4, width: 18, height: 5, rx: 2, fill: COLORS[nd.tid] }));
      g.append(svg('text', { x: p.x, y: p.y + 5, class: 'tid', 'text-anchor': 'middle' }, tname(nd.tid)));
      g.append(svg('text', { x: p.x, y: p.y + r + 16, class: 'vr', 'text-anchor': 'middle' }, msShort(nd.vruntime)));
      tip(g, tname(nd.tid) + ': ' + (nd.red ? 'red' : 'black') + ', vruntime ' + ms(nd.vruntime) +
        ', nice ' + M._lab3_task_nice(nd.tid) + ' (weight ' + M._lab3_task_weight(nd.tid) + ')');
      s.append(g);
    });
    const tw = el('div', 'tree-scroll');
    tw.append(s);
    wrap.append(tw);
    box.append(wrap);
    const note = el('div', 'tree-note dim', 'vruntime in ms under each node; height ' + M._lab3_tree_height() +
      ' for ' + nodes.length + ' node' + (nodes.length > 1 ? 's' : '') + (masked ? '; "next" is hidden until you answer the exercise' : ''));
    box.append(note);
  }

  function drawQueue(curr) {
    const box = $('tree');
    box.innerHTML = '';
    const wrap = el('div', 'tree-wrap');
    wrap.append(runningBox(curr, false));
    const n = M._lab3_queue();
    const q = el('ol', 'rr-queue');
    const masked = hideNext();
    for (let i = 0; i < n; i++) {
      const tid = M._lab3_queue_tid(i);
      const li = el('li', 'rr-item' + (i === 0 && !masked ? ' next' : ''), tname(tid));
      li.dataset.tid = tid;
      li.style.setProperty('--tc', COLORS[tid]);
      q.append(li);
    }
    if (!n) wrap.append(el('div', 'dim empty', 'The queue is empty: nobody is waiting for the CPU.'));
    else wrap.append(el('span', 'dim small', 'head \u2192'), q, el('span', 'dim small', '\u2190 tail'));
    box.append(wrap);
  }

  /* --- drawing: statistics, comparison, invariants ------------------------------ */

  function renderStats() {
    const tb = $('stats');
    tb.innerHTML = '';
    const stats = sc.tasks.map((_, tid) => taskStats(tid));
    for (const st of stats) {
      const tr = el('tr', 'st-' + stateNames[st.state].replace(' ', '-'));
      tr.dataset.tid = st.tid;
      const name = el('td', 'task');
      const chip = el('span', 'task-chip', tname(st.tid));
      chip.style.background = COLORS[st.tid];
      name.append(chip);
      tr.append(name, el('td', 'num', String(st.nice)), el('td', 'num', String(st.weight)), el('td', 'state', stateNames[st.state]));
      for (const k of ['runtime', 'wait', 'response', 'turnaround']) {
        const pending = (k === 'response' && !st.ran) || (k === 'turnaround' && st.state !== STATE.EXITED);
        const td = el('td', 'num' + (pending ? ' dim' : ''), pending ? '\u2013' : ms(st[k]));
        td.dataset.k = k;
        td.dataset.ns = st[k];
        tr.append(td);
      }
      const sw = el('td', 'num', String(st.switches));
      sw.dataset.k = 'switches';
      sw.dataset.ns = st.switches;
      const vr = el('td', 'num', sc.policy === POLICY.CFS ? ms(st.vruntime) : '\u2013');
      vr.dataset.k = 'vruntime';
      vr.dataset.ns = st.vruntime;
      tr.append(sw, vr);
      tb.append(tr);
    }
    const avg = averages(stats);
    const foot = $('stats-avg');
    foot.innerHTML = '';
    const tr = el('tr');
    tr.append(el('th', '', 'average'), el('td'), el('td'), el('td', 'dim small', avg.done + ' of ' + stats.length + ' exited'),
      el('td'));
    const cell = (k, v, show) => { const td = el('td', 'num', show ? ms(v) : '\u2013'); td.dataset.k = k; td.dataset.ns = v; return td; };
    tr.append(cell('wait', avg.wait, true), cell('response', avg.response, true), cell('turnaround', avg.turnaround, avg.done > 0),
      el('td'), el('td'));
    foot.append(tr);
  }

  function renderCompare() {
    const tb = $('compare').querySelector('tbody');
    tb.innerHTML = '';
    const rows = [['average wait', 'wait'], ['average turnaround', 'turnaround'], ['average response', 'response'],
      ['context switches', 'switches'], ['all done at', 'end']];
    for (const [label, k] of rows) {
      const tr = el('tr');
      tr.dataset.k = k;
      tr.append(el('th', '', label));
      const vals = compare.map((c) => c[k]);
      compare.forEach((c, p) => {
        const td = el('td', 'num', (k === 'switches' ? String(c[k]) : ms(c[k])) + (c.truncated ? '*' : ''));
        if (c.truncated) td.title = 'cut at ' + M._lab3_max_steps() + ' steps: not every task finished';
        td.dataset.policy = policyKeys[p];
        td.dataset.ns = c[k];
        if (vals[0] !== vals[1] && c[k] === Math.min(...vals)) td.classList.add('better');
        if (p === sc.policy) td.classList.add('current');
        tr.append(td);
      });
      tb.append(tr);
    }
    $('compare').querySelectorAll('thead th').forEach((th, k) => th.classList.toggle('current', k - 1 === sc.policy));
  }

  function renderInvariants() { W.invariantStrip(M, 'lab3'); }


  function render() {
    renderGantt();
    renderStepLog();
    renderRunQueue();
    renderStats();
    renderCompare();
    renderInvariants();
    for (const b of document.querySelectorAll('button[data-policy]')) {
      const on = b.dataset.policy === policyKeys[sc.policy];
      b.classList.toggle('on', on);
      b.setAttribute('aria-checked', on ? 'true' : 'false');
    }
    ctl.update();
    W.writeParams(scenarioQuery());
  }

  /* --- the scenario in the URL ----------------------------------------------------- */

  function scenarioQuery() {
    let q = 'policy=' + policyKeys[sc.policy] + '&tick=' + sc.tick + '&tasks=' + tasksText(sc.tasks) + '&pos=' + sc.pos;
    if (question) q += '&ex=' + sc.ex;
    return q;
  }

  function readURL() {
    const q = W.readParams();
    let tasks = null;
    try { tasks = q.has('tasks') ? parseTasks(q.get('tasks')) : null; } catch (e) { tasks = null; }
    sc.tasks = tasks || parseTasks(PRESETS[0][2]);
    const tick = parseNum(q.get('tick') || '', 0.1, 100);
    sc.tick = tick === null ? 1 : tick;
    sc.policy = Math.max(0, policyKeys.indexOf(q.get('policy')));
    runAll();
    sc.pos = W.intParam(q, 'pos', 0, total, interestingStep());
    sc.ex = W.intParam(q, 'ex', 0, 4294967295, null);
  }

  function loadFromURL() {
    ctl.pause();
    readURL();
    question = sc.ex === null ? null : makeQuestion(sc.ex);
    goTo(sc.pos);
    showExercise(question, sc.ex);
    fillEditor();
    render();
  }

  /* --- the workload editor ---------------------------------------------------------- */

  function editorRow(t) {
    const tr = el('tr');
    const inp = (cls, value, title) => {
      const i = el('input', cls);
      i.type = 'text';
      i.value = value;
      i.title = title;
      i.spellcheck = false;
      const td = el('td');
      td.append(i);
      return td;
    };
    const name = el('td', 'task');
    tr.append(name, inp('wl-arrival', t.arrival, 'arrival, ms'), inp('wl-nice', t.nice, 'nice, -20 to 19'),
      inp('wl-phases', t.phases.join(','), 'CPU burst, sleep, CPU burst, ... in ms'));
    const del = el('button', 'small wl-del', '\u2715');
    del.type = 'button';
    del.title = 'Remove this task';
    del.addEventListener('click', () => { tr.remove(); renumber(); });
    const td = el('td');
    td.append(del);
    tr.append(td);
    return tr;
  }

  function renumber() {
    const rows = [...$('wl-rows').rows];
    rows.forEach((tr, i) => {
      tr.cells[0].innerHTML = '';
      const chip = el('span', 'task-chip', tname(i));
      chip.style.background = COLORS[i % COLORS.length];
      tr.cells[0].append(chip);
    });
    $('wl-add').disabled = rows.length >= M._lab3_max_tasks();
  }

  function fillEditor() {
    $('wl-rows').innerHTML = '';
    for (const t of sc.tasks) $('wl-rows').append(editorRow(t));
    $('wl-tick').value = sc.tick;
    $('wl-error').textContent = '';
    renumber();
  }

  function readEditor() {
    const rows = [...$('wl-rows').rows];
    if (!rows.length) throw new Error('add a task first');
    const tick = parseNum($('wl-tick').value, 0.1, 100);
    if (tick === null) throw new Error('the tick must be 0.1 to 100 ms');
    const tasks = rows.map((tr, i) => parseTask(tr.querySelector('.wl-arrival').value, tr.querySelector('.wl-nice').value,
      tr.querySelector('.wl-phases').value, i));
    return { tick, tasks };
  }

  /* A new workload (or policy): run it, keep the time on screen if asked. */
  function rerun(keepTime) {
    const t = stepTime[sc.pos] || 0;
    question = null;
    sc.ex = null;
    runAll();
    goTo(keepTime ? stepAtTime(t) : interestingStep());
    showExercise(null);
    render();
  }

  function applyEditor(ev) {
    if (ev) ev.preventDefault();
    ctl.pause();
    let w;
    try { w = readEditor(); } catch (e) { $('wl-error').textContent = e.message; return; }
    $('wl-error').textContent = '';
    sc.tick = w.tick;
    sc.tasks = w.tasks;
    rerun(false);
  }

  function setPolicy(p) {
    if (p === sc.policy) return;
    ctl.pause();
    sc.policy = p;
    rerun(true);
  }

  /* --- the exercise: which task runs next? ---------------------------------------------- */

  /* Steps just before a switch away from a running task that no arrival or
   * wakeup muddles, with at least two tasks to choose from. */
  function questionSteps() {
    const out = [];
    for (let s = 0; s < total; s++) {
      const evs = byStep[s + 1];
      const run = evs.find((e) => e.kind === EV.RUN);
      if (!run || run.prev < 0 || run.reason === WHY.WOKEN_PREEMPTS || run.reason === WHY.FROM_IDLE) continue;
      if (evs.some((e) => e.kind === EV.ARRIVE || e.kind === EV.WAKE)) continue;
      if (M._lab3_step_queued(s) >= 2) out.push({ step: s, run });
    }
    return out;
  }

  function makeQuestion(seed) {
    const cands = questionSteps();
    if (!cands.length) return { none: true, text: 'This workload has no step where two or more tasks wait for a switch: add tasks.' };
    const rnd = W.mulberry32((seed ^ 0x3c6ef372) >>> 0);
    const c = cands[Math.floor(rnd() * cands.length)];
    const prev = tname(c.run.prev);
    const when = ms(stepTime[c.step + 1]);
    const why = c.run.reason === WHY.SLICE_OVER ? prev + '\u2019s slice is over'
      : c.run.reason === WHY.BLOCKED ? prev + '\u2019s burst ends and it sleeps' : prev + '\u2019s last burst ends and it exits';
    return {
      step: c.step, answer: c.run.tid, prev: c.run.prev, reason: c.run.reason, revealed: false,
      text: 'At ' + ms(stepTime[c.step]) + ' ' + prev + ' is running under ' + POLICY_WORDS[policyKeys[sc.policy]] + '. At ' + when + ' ' + why +
        '. Which task does sched_switch run next? Look at the run queue.',
    };
  }

  function newExercise(seed) {
    ctl.pause();
    sc.ex = seed >>> 0;
    question = makeQuestion(sc.ex);
    if (question.none) { showExercise({ text: question.text }, sc.ex); $('ex-form').hidden = true; question = null; return; }
    goTo(question.step);
    showExercise(question, sc.ex);
    render();
  }

  /* Why the C code picked what it picked, in the run queue's own numbers. */
  function explain(q) {
    const lines = [];
    const back = sc.pos;
    goTo(q.step);
    if (sc.policy === POLICY.CFS) {
      const nodes = readTree().map((n) => ({ tid: n.tid, v: n.vruntime })).sort((a, b) => a.v - b.v);
      lines.push('CFS runs the leftmost node of the tree, the smallest vruntime: ' + tname(M._lab3_leftmost()) + '.');
      lines.push('In the tree: ' + nodes.map((n) => tname(n.tid) + ' ' + ms(n.v)).join(', ') + '.');
    } else {
      const n = M._lab3_queue(), order = [];
      for (let i = 0; i < n; i++) order.push(tname(M._lab3_queue_tid(i)));
      lines.push('Round robin runs the head of the FIFO queue: ' + order[0] + '. The queue: ' + order.join(', ') + '.');
    }
    goTo(q.step + 1);
    const prev = tname(q.prev);
    if (q.reason === WHY.SLICE_OVER)
      lines.push(prev + ' was charged for its slice and queued again' + (sc.policy === POLICY.CFS
        ? ' at vruntime ' + ms(M._lab3_task_vruntime(q.prev)) + ', to the right of ' + tname(q.answer) + '.' : ', at the tail.'));
    else lines.push(prev + (q.reason === WHY.BLOCKED ? ' sleeps' : ' exited') + ', so it is not queued; the C code ran ' +
      tname(q.answer) + ' at ' + ms(stepTime[q.step + 1]) + '.');
    goTo(back);
    return lines;
  }

  function checkAnswer() {
    if (!question) return;
    const m = /^\s*t?\s*(\d+)\s*$/i.exec($('ex-answer').value);
    const got = m ? Number(m[1]) : null;
    const correct = got === question.answer;
    question.revealed = true;
    const lines = explain(question);
    if (!correct) lines.unshift('The C code ran ' + tname(question.answer) + (got === null ? '.' : ', not ' + tname(got) + '.'));
    W.showVerdict($('ex-result'), correct, lines);
    render();
  }

  function showAnswer() {
    if (!question) return;
    ctl.pause();
    question.revealed = true;
    const lines = explain(question);
    goTo(question.step + 1);
    render();
    const box = $('ex-result');
    box.innerHTML = '';
    box.className = 'ex-result shown';
    box.append(el('strong', '', tname(question.answer) + ' runs next.'));
    for (const l of lines) box.append(el('div', '', l));
  }

  /* --- wiring -------------------------------------------------------------------------- */

  function wire() {
    drawLegend();
    for (const [name, title, text] of PRESETS) {
      const b = el('button', 'small preset', name);
      b.type = 'button';
      b.title = title;
      b.addEventListener('click', () => { sc.tasks = parseTasks(text); sc.tick = 1; fillEditor(); applyEditor(); });
      $('wl-presets').append(b);
    }
    $('wl-add').addEventListener('click', () => {
      $('wl-rows').append(editorRow({ arrival: 0, nice: 0, phases: [10] }));
      renumber();
    });
    $('wl-form').addEventListener('submit', applyEditor);
    for (const b of document.querySelectorAll('button[data-policy]'))
      b.addEventListener('click', () => setPolicy(policyKeys.indexOf(b.dataset.policy)));
    ctl = W.player(SPEEDS, {
      forward: () => { if (sc.pos >= total) return false; goTo(sc.pos + 1); render(); return true; },
      back: () => { if (sc.pos > 0) { goTo(sc.pos - 1); render(); } },
      toStart: () => { goTo(0); render(); },
      toEnd: () => { goTo(total); render(); },
      position: () => [sc.pos, total],
      render,
    });
    W.copyLinkButton($('btn-link'), scenarioQuery);
    $('btn-tamper').addEventListener('click', () => {
      ctl.pause();
      if (M._lab3_tamper(Number($('tamper-kind').value)) !== 0) {
        $('invariant-text').textContent = 'nothing to break here: the tree is empty or too small';
        return;
      }
      render();
    });
    showExercise = W.exercise({
      seed: () => (question ? sc.ex : null),
      ask: newExercise,
      check: checkAnswer,
      show: showAnswer,
    });
    W.onHashChange(scenarioQuery, loadFromURL);
    let resize = null;
    const measure = () => { ganttWidth = Math.max(560, $('gantt').clientWidth || 900); };
    measure();
    window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => { measure(); renderGantt(); }, 100); });
  }

  /* For tests and the curious (window.aurora). */
  function exposed() {
    return {
      scenario: sc,
      total: () => total,
      question: () => question,
      compare: () => compare,
    };
  }

  W.start('AuroraLab3', 'lab3-module.js', 'kernel/sched/sched*.c', (mod) => {
    M = mod;
    EV = W.cEnum(M, M._lab3_event_name);
    WHY = W.cEnum(M, M._lab3_reason_name);
    STATE = W.cEnum(M, M._lab3_task_state_name);
    stateNames = W.cNames(M, M._lab3_task_state_name);
    POLICY = W.cEnum(M, M._lab3_policy_key);
    policyKeys = W.cNames(M, M._lab3_policy_key);
    wire();
    loadFromURL();
    return exposed();
  });
})();
