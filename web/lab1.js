/*
 * Lab 1's page: draws what kernel/mm/buddy.c (compiled by emcc, loaded as
 * AuroraLab1 from lab1-module.js) holds, and drives it.  No algorithm lives
 * here: every pfn, order, list and verdict shown comes from the C code.
 *
 * The scenario is the machine (RAM size, kernel size) plus a script of
 * operations: "a3" buddy_alloc(order 3), "f144" buddy_free(pfn 144), "x" a
 * simulated bug.  `pos` operations of it have run.  Stepping back replays
 * the script from boot, which is exact because the C code is deterministic.
 */
'use strict';

(function () {
  const SPEEDS = [2000, 1200, 700, 350, 150, 40];	/* ms a step */
  const ROW = 1024;		/* frames a row of the overview: one order-10 block */
  const ZCOLS = 64;		/* frames a line of the zoom */
  const ZCELL = 14;		/* px a frame in the zoom */
  const LIST_SHOWN = 24;	/* pfns shown a free list before "+N more" */
  const LOG_SHOWN = 150;	/* steps kept in the log */

  const COLORS = {
    free: ['#d8f3dc', '#c2ecca', '#a9e3b7', '#8fd9a4', '#74cc91', '#58bd7f',
      '#40ac6e', '#2d9a60', '#1f8753', '#157347', '#0d5f3b'],
    allocated: ['#fbd3a4', '#f9c38b', '#f6b273', '#f3a05d', '#ef8d4a', '#ea7a3a',
      '#e3672e', '#d95525', '#cb451f', '#b9381b', '#a42d18'],
    usable: '#ffffff',
    firmware: '#9aa5b1',
    hole: '#dde1e6',
    kernel: '#3d4f7c',
    'frame table': '#6f7fa8',
    broken: '#d0006f',
    grid: '#ffffff',
  };
  const EVENT_COLORS = { split: '#b15cff', merge: '#1f6feb', alloc: '#d1242f', free: '#1a7f37' };

  const W = window.AuroraWeb;
  const $ = W.$;
  const hex = W.hex;
  let M = null;			/* the emcc module */
  /* The C code's enums, by the names buddy.c gives them (on load). */
  let STATE = null;		/* enum frame_state: { RESERVED, FREE, ALLOCATED, INSIDE } */
  let EVENT = null;		/* enum buddy_event: { SPLIT, MERGE, ALLOC, FREE } */
  let eventNames = [];		/* "split", "merge", ... by enum buddy_event */
  let VIEW = null;		/* how lab1_frame_view packs a frame: { stateMask, orderShift } */
  let nframes = 0, maxOrder = 10;
  let regions = [];
  let regionOfFrame = null;	/* Int8Array: region index per frame */

  const sc = { mem: 128, kern: 1536, seed: 1, n: 40, ops: [], pos: 0, ex: null, qpos: null };
  let records = [];		/* what each of the first `pos` ops did */
  let bootEvents = 0;
  let selected = null;		/* pfn of the selected block or frame */
  let zoomRow = 0;
  let anim = null;		/* { rec, idx, timer } while an op is animated */
  let ctl = null;			/* the playback controls (common.js) */
  let question = null;

  /* --- the module --------------------------------------------------------- */

  function str(ptr) { return M.UTF8ToString(ptr); }
  function frameView() {
    const p = M._lab1_frame_view();
    return M.HEAPU8.subarray(p, p + nframes);
  }
  function freeList(order) {
    const n = M._lab1_free_list_fill(order);
    const p = M._lab1_list_buf() >> 2;
    return Array.from(M.HEAPU32.subarray(p, p + Math.max(n, 0)));
  }
  function takeEvents() {
    const ev = [];
    const n = M._lab1_event_count();
    for (let i = 0; i < n; i++)
      ev.push({ kind: M._lab1_event_kind(i), pfn: M._lab1_event_pfn(i), order: M._lab1_event_order(i) });
    M._lab1_events_clear();
    return ev;
  }
  function errName(r) { return W.errName(M, r); }
  function kib(frames) {
    const k = frames * 4;
    if (k >= 1024 && k % 1024 === 0) return (k / 1024) + ' MiB';
    return k + ' KiB';
  }
  function mib(frames) { return (frames * 4 / 1024).toFixed(frames % 256 ? 2 : 0) + ' MiB'; }
  function addr(pfn) { return hex(pfn * 4096); }
  function range(pfn, order) { return str(M._lab1_format_addr(pfn, order)); }

  function boot() {
    const r = M._lab1_init(sc.mem, sc.kern);
    if (r < 0) throw new Error('lab1_init(' + sc.mem + ', ' + sc.kern + '): ' + errName(r));
    nframes = r;
    bootEvents = takeEvents().length;
    regions = [];
    regionOfFrame = new Int8Array(nframes).fill(-1);
    for (let i = 0; i < M._lab1_region_count(); i++) {
      const reg = { start: M._lab1_region_start(i), count: M._lab1_region_frames(i),
        kind: str(M._lab1_region_kind_name(M._lab1_region_kind(i))), name: str(M._lab1_region_name(i)) };
      regions.push(reg);
      regionOfFrame.fill(i, reg.start, reg.start + reg.count);
    }
  }

  /* Why did merging stop at block (pfn, order)?  Read from the C state. */
  function stopReason(pfn, order) {
    if (order >= maxOrder) return 'it is of the largest order (' + maxOrder + '), so merging stops';
    const b = pfn ^ (1 << order);
    if (b >= nframes) return 'its buddy ' + b + ' lies beyond the end of memory';
    const st = M._lab1_frame_state(b), o = M._lab1_frame_order(b);
    if (st === STATE.RESERVED) {
      const reg = regions[regionOfFrame[b]];
      return 'its buddy ' + b + ' is reserved (' + (reg ? reg.name : 'not RAM') + ')';
    }
    if (st === STATE.ALLOCATED) return 'its buddy ' + b + ' is allocated (order ' + o + ')';
    if (st === STATE.FREE && o < order)
      return 'its buddy ' + b + ' is free only in part: a free block of order ' + o + ', not ' + order;
    if (st === STATE.FREE && o === order)
      return 'its buddy ' + b + ' is free with the same order, so they should have merged: a bug!';
    const head = M._lab1_block_head(b);
    if (head >= 0) {
      const hs = M._lab1_frame_state(head) === STATE.FREE ? 'free' : 'allocated';
      return 'its buddy ' + b + ' lies inside the ' + hs + ' block ' + head + ' of order ' + M._lab1_frame_order(head);
    }
    return 'its buddy ' + b + ' is not a block head';
  }

  /* Run one script operation on the C allocator and describe what happened. */
  function apply(op) {
    M._lab1_events_clear();
    const rec = { op, ok: true, result: 0, events: [], note: '', focus: null };
    const kind = op[0], arg = Number(op.slice(1));
    if (kind === 'a') {
      const r = M._lab1_alloc(arg);
      rec.result = r;
      rec.ok = r >= 0;
      rec.events = takeEvents();
      if (r >= 0) rec.focus = r;
    } else if (kind === 'f') {
      const r = M._lab1_free(arg);
      rec.result = r;
      rec.ok = r === 0;
      rec.events = takeEvents();
      if (r === 0) {
        let last = { pfn: arg, order: 0 };
        for (const e of rec.events) if (e.kind === EVENT.MERGE || e.kind === EVENT.FREE) last = e;
        rec.final = { pfn: last.pfn, order: last.order };
        rec.note = 'Merging stops at block ' + last.pfn + ' (order ' + last.order + '): ' +
          stopReason(last.pfn, last.order) + '.';
        rec.focus = last.pfn;
      } else {
        rec.focus = arg < nframes ? arg : null;
      }
    } else if (kind === 'x') {
      M._lab1_tamper();
      rec.events = takeEvents();
    } else {
      rec.ok = false;
    }
    rec.check = M._lab1_check() === 1;
    rec.reason = rec.check ? '' : str(M._lab1_check_reason());
    return rec;
  }

  function opTitle(rec) {
    const kind = rec.op[0], arg = Number(rec.op.slice(1));
    if (kind === 'a') {
      if (!rec.ok) return 'buddy_alloc(order ' + arg + ') failed: ' + errName(rec.result) +
        (errName(rec.result) === '-ENOMEM' ? ', no free block of order ' + arg + ' or larger' : '');
      return 'buddy_alloc(order ' + arg + ') \u2192 pfn ' + rec.result + ' (' + range(rec.result, arg) + ')';
    }
    if (kind === 'f') {
      if (!rec.ok) return 'buddy_free(pfn ' + arg + ') failed: ' + errName(rec.result) +
        ', pfn ' + arg + ' heads no allocated block';
      return 'buddy_free(pfn ' + arg + ')';
    }
    if (kind === 'x') return 'simulated bug: free_frames += 1, no list touched';
    return 'unknown operation "' + rec.op + '"';
  }

  function eventText(e) {
    const half = 1 << Math.max(e.order - 1, 0);
    switch (e.kind) {
    case EVENT.SPLIT:
      return 'SPLIT block ' + e.pfn + ' (order ' + e.order + ', ' + kib(1 << e.order) + ') into buddies ' +
        e.pfn + ' and ' + (e.pfn + half) + ' of order ' + (e.order - 1);
    case EVENT.MERGE:
      return 'MERGE buddies ' + e.pfn + ' and ' + (e.pfn + half) + ' (order ' + (e.order - 1) +
        ', both free) into block ' + e.pfn + ' of order ' + e.order;
    case EVENT.ALLOC:
      return 'ALLOC block ' + e.pfn + ' of order ' + e.order + ': ' + (1 << e.order) + ' frame' +
        (e.order ? 's' : '') + ', ' + range(e.pfn, e.order);
    case EVENT.FREE:
      return 'FREE block ' + e.pfn + ' of order ' + e.order + ' comes back; its buddy is ' +
        (e.pfn ^ (1 << e.order));
    default:
      return 'event ' + e.kind + ' at ' + e.pfn + ' order ' + e.order;
    }
  }

  /* --- the scenario ------------------------------------------------------- */

  /* A seeded random workload, made by running it: frees name real pfns. */
  function generate(seed, n) {
    const rnd = W.mulberry32(seed);
    boot();
    const live = [], ops = [];
    const weights = [30, 20, 14, 11, 8, 6, 4, 3, 2, 1, 1];
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      const freeing = live.length > 0 && rnd() < (live.length > 12 ? 0.55 : 0.35);
      if (freeing) {
        const pfn = live.splice(Math.floor(rnd() * live.length), 1)[0];
        M._lab1_free(pfn);
        ops.push('f' + pfn);
      } else {
        let x = rnd() * total, k = 0;
        while (x >= weights[k]) x -= weights[k++];
        const r = M._lab1_alloc(k);
        if (r >= 0) live.push(r);
        ops.push('a' + k);
      }
      M._lab1_events_clear();
    }
    return ops;
  }

  function resetTo(pos) {
    stopAnim();
    boot();
    records = [];
    sc.pos = Math.max(0, Math.min(pos, sc.ops.length));
    for (let i = 0; i < sc.pos; i++) records.push(apply(sc.ops[i]));
  }

  function parseOps(s) {
    if (!s) return [];
    return s.split(/[.,\s]+/).filter((o) => /^(a\d{1,2}|f\d{1,7}|x)$/.test(o));
  }

  function readURL() {
    const q = W.readParams();
    const num = (k, lo, hi, dflt) => W.intParam(q, k, lo, hi, dflt);
    sc.mem = num('mem', 8, 512, 128);
    sc.kern = Math.min(num('kern', 4, 65536, 1536), sc.mem * 256);	/* at most a quarter of RAM */
    sc.seed = num('seed', 0, 4294967295, 1);
    sc.n = num('n', 1, 2000, 40);
    sc.ops = q.has('ops') ? parseOps(q.get('ops')) : [];
    sc.pos = num('pos', 0, sc.ops.length, sc.ops.length);
    sc.ex = num('ex', 0, 4294967295, null);
    sc.qpos = num('qpos', 0, sc.ops.length, null);
  }

  function scenarioQuery() {
    const q = new URLSearchParams();
    q.set('mem', sc.mem);
    if (sc.kern !== 1536) q.set('kern', sc.kern);
    q.set('seed', sc.seed);
    q.set('n', sc.n);
    q.set('ops', sc.ops.join('.'));
    q.set('pos', sc.pos);
    if (sc.ex !== null && question) {
      q.set('ex', sc.ex);
      q.set('qpos', question.pos);
    }
    return q.toString();
  }

  function writeURL() { W.writeParams(scenarioQuery()); }

  /* --- drawing ------------------------------------------------------------ */

  function blockColor(state, order, pfn) {
    if (state === STATE.FREE) return COLORS.free[order] || COLORS.free[10];
    if (state === STATE.ALLOCATED) return COLORS.allocated[order] || COLORS.allocated[10];
    if (state === STATE.RESERVED) {
      const reg = regions[regionOfFrame[pfn]];
      return reg ? COLORS[reg.kind] : COLORS.hole;
    }
    return COLORS.broken;
  }

  /* Walk the frame array into runs: blocks (head + 2^order frames) and runs
   * of reserved frames of one region. */
  function runs(v) {
    const out = [];
    let i = 0;
    while (i < nframes) {
      const st = v[i] & VIEW.stateMask, o = v[i] >> VIEW.orderShift;
      if (st === STATE.FREE || st === STATE.ALLOCATED) {
        const len = Math.min(1 << o, nframes - i);
        out.push({ pfn: i, len, state: st, order: o });
        i += len;
      } else {
        let j = i + 1;
        while (j < nframes && (v[j] & VIEW.stateMask) === st && regionOfFrame[j] === regionOfFrame[i] &&
          st === STATE.RESERVED) j++;
        if (st !== STATE.RESERVED) j = i + 1;	/* a stray INSIDE frame: broken */
        out.push({ pfn: i, len: j - i, state: st, order: 0 });
        i = j;
      }
    }
    return out;
  }

  function overviewGeom() {
    const rows = Math.ceil(nframes / ROW);
    const rh = Math.max(3, Math.min(12, Math.floor(384 / rows)));
    return { rows, rh };
  }

  function drawOverview(rs) {
    const c = $('overview'), g = c.getContext('2d');
    const { rows, rh } = overviewGeom();
    if (c.height !== rows * rh) c.height = rows * rh;
    g.fillStyle = COLORS.hole;
    g.fillRect(0, 0, c.width, c.height);
    for (const r of rs) {
      g.fillStyle = blockColor(r.state, r.order, r.pfn);
      let p = r.pfn, left = r.len;
      while (left > 0) {
        const row = Math.floor(p / ROW), col = p % ROW, w = Math.min(left, ROW - col);
        g.fillRect(col, row * rh, w, rh - 1);
        if (r.state !== STATE.RESERVED && w >= 4) {
          g.fillStyle = 'rgba(255,255,255,0.85)';
          g.fillRect(col, row * rh, 1, rh - 1);
          g.fillStyle = blockColor(r.state, r.order, r.pfn);
        }
        p += w; left -= w;
      }
    }
    /* the zoomed chunk */
    g.strokeStyle = '#111';
    g.lineWidth = 2;
    g.strokeRect(1, zoomRow * rh + 0.5, c.width - 2, rh - 1);
  }

  function zoomRect(pfn, len) {
    /* Blocks never straddle a line unless they fill whole lines. */
    const off = pfn - zoomRow * ROW;
    const line = Math.floor(off / ZCOLS), col = off % ZCOLS;
    if (len <= ZCOLS - col) return { x: col * ZCELL, y: line * ZCELL, w: len * ZCELL, h: ZCELL };
    return { x: 0, y: line * ZCELL, w: ZCOLS * ZCELL, h: Math.ceil(len / ZCOLS) * ZCELL };
  }

  function drawZoom(rs) {
    const c = $('zoom'), g = c.getContext('2d');
    const lo = zoomRow * ROW, hi = Math.min(lo + ROW, nframes);
    g.fillStyle = '#f6f8fa';
    g.fillRect(0, 0, c.width, c.height);
    g.font = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    g.textBaseline = 'middle';
    g.textAlign = 'center';
    for (const r of rs) {
      if (r.pfn + r.len <= lo || r.pfn >= hi) continue;
      /* clip runs (reserved ones can be long) to this chunk, line by line */
      let p = Math.max(r.pfn, lo);
      const end = Math.min(r.pfn + r.len, hi);
      const color = blockColor(r.state, r.order, r.pfn);
      const isBlock = r.state === STATE.FREE || r.state === STATE.ALLOCATED;
      if (isBlock) {
        const z = zoomRect(r.pfn, r.len);
        g.fillStyle = color;
        g.fillRect(z.x, z.y, z.w, z.h);
        /* frame grid inside the block, faint */
        g.strokeStyle = 'rgba(255,255,255,0.35)';
        g.lineWidth = 1;
        g.beginPath();
        for (let x = z.x + ZCELL; x < z.x + z.w; x += ZCELL) { g.moveTo(x + 0.5, z.y); g.lineTo(x + 0.5, z.y + z.h); }
        for (let y = z.y + ZCELL; y < z.y + z.h; y += ZCELL) { g.moveTo(z.x, y + 0.5); g.lineTo(z.x + z.w, y + 0.5); }
        g.stroke();
        g.strokeStyle = '#24292f';
        g.strokeRect(z.x + 0.5, z.y + 0.5, z.w, z.h);
        const label = r.order >= 2 ? String(r.pfn) + (r.order >= 4 ? ' \u00b7 order ' + r.order : '') : '';
        if (label && g.measureText(label).width + 6 < z.w) {
          g.fillStyle = r.order >= 6 ? '#fff' : '#1b1f24';
          g.fillText(label, z.x + z.w / 2, z.y + Math.min(z.h, ZCELL * 2) / 2);
        }
      } else {
        g.fillStyle = color;
        while (p < end) {
          const off = p - lo, line = Math.floor(off / ZCOLS), col = off % ZCOLS;
          const w = Math.min(end - p, ZCOLS - col);
          g.fillRect(col * ZCELL, line * ZCELL, w * ZCELL, ZCELL);
          p += w;
        }
      }
    }
    if (hi - lo < ROW) {	/* past the end of memory */
      g.fillStyle = '#eaeef2';
      const off = hi - lo;
      g.fillRect(0, Math.ceil(off / ZCOLS) * ZCELL, c.width, c.height);
    }
  }

  function outline(pfn, order, color, width, dash) {
    const len = 1 << order;
    const ov = $('overview').getContext('2d'), { rh } = overviewGeom();
    const row = Math.floor(pfn / ROW), col = pfn % ROW;
    ov.save();
    ov.strokeStyle = color; ov.lineWidth = width; ov.setLineDash(dash || []);
    ov.strokeRect(Math.max(col - 1, 0) + 0.5, row * rh - 1.5, Math.max(len, 2) + 1, rh + 2);
    ov.restore();
    if (row !== zoomRow) return;
    const zg = $('zoom').getContext('2d'), z = zoomRect(pfn, len);
    zg.save();
    zg.strokeStyle = color; zg.lineWidth = width; zg.setLineDash(dash || []);
    zg.strokeRect(z.x + width / 2, z.y + width / 2, z.w - width + 1, z.h - width + 1);
    zg.restore();
  }

  function selectedBlock() {
    if (selected === null || selected >= nframes) return null;
    const head = M._lab1_block_head(selected);
    if (head < 0) return { pfn: selected, reserved: true };
    return { pfn: head, order: M._lab1_frame_order(head), state: M._lab1_frame_state(head) };
  }

  function drawMap() {
    const rs = runs(frameView());
    drawOverview(rs);
    drawZoom(rs);
    const sel = selectedBlock();
    if (sel && !sel.reserved) {
      if (sel.order < maxOrder) {
        const b = sel.pfn ^ (1 << sel.order);
        if (b < nframes) outline(b, sel.order, '#57606a', 2, [4, 3]);
      }
      outline(sel.pfn, sel.order, '#0969da', 3);
    }
    if (anim && anim.idx < anim.rec.events.length) {
      const e = anim.rec.events[anim.idx];
      outline(e.pfn, e.order, EVENT_COLORS[eventNames[e.kind]], 3);
    }
    const lo = zoomRow * ROW, hi = Math.min(lo + ROW, nframes) - 1;
    $('zoom-title').textContent = 'Zoom: 4 MiB at ' + addr(lo) + ', pfns ' + lo + '\u2013' + hi +
      ' (64 frames a line; click the map above to move)';
  }

  function drawLegend() {
    const items = [
      ['free block (order 0 \u2192 10)', 'linear-gradient(90deg,' + COLORS.free[0] + ',' + COLORS.free[10] + ')'],
      ['allocated block (order 0 \u2192 10)', 'linear-gradient(90deg,' + COLORS.allocated[0] + ',' + COLORS.allocated[10] + ')'],
      ['kernel image', COLORS.kernel], ['frame table', COLORS['frame table']],
      ['firmware reserved', COLORS.firmware], ['hole (no RAM)', COLORS.hole],
    ];
    $('legend').innerHTML = '';
    for (const [name, bg] of items) {
      const s = document.createElement('span');
      s.className = 'key';
      const sw = document.createElement('i');
      sw.style.background = bg;
      s.append(sw, name);
      $('legend').append(s);
    }
  }

  function renderCounters() {
    const free = M._lab1_free_frames(), managed = M._lab1_managed_frames();
    const set = (id, n) => { $('ctr-' + id).textContent = String(n); $('ctr-' + id + '-mib').textContent = mib(n); };
    set('free', free);
    set('managed', managed);
    set('allocated', managed - free);
    set('total', nframes);
  }

  function renderFreeLists() {
    const tb = $('freelists');
    tb.innerHTML = '';
    for (let k = 0; k <= maxOrder; k++) {
      const list = freeList(k), count = M._lab1_free_blocks(k);
      const tr = document.createElement('tr');
      tr.dataset.order = k;
      if (count === 0) tr.className = 'empty';
      const sw = '<i class="sw" style="background:' + COLORS.free[k] + '"></i>';
      tr.innerHTML = '<td>' + sw + k + '</td><td class="dim">' + kib(1 << k) + '</td>' +
        '<td class="fl-count"></td><td class="fl-pfns"></td>';
      tr.querySelector('.fl-count').textContent = String(count);
      if (count !== list.length) tr.querySelector('.fl-count').classList.add('bad');
      const cell = tr.querySelector('.fl-pfns');
      for (const pfn of list.slice(0, LIST_SHOWN)) {
        const b = document.createElement('button');
        b.className = 'pfn';
        b.textContent = String(pfn);
        b.title = range(pfn, k);
        b.addEventListener('click', () => select(pfn, true));
        cell.append(b, ' ');
      }
      if (list.length > LIST_SHOWN) {
        const more = document.createElement('span');
        more.className = 'more';
        more.textContent = '\u2026 +' + (list.length - LIST_SHOWN) + ' more';
        cell.append(more);
      }
      tb.append(tr);
    }
  }

  function renderRegions() {
    const tb = $('regions');
    tb.innerHTML = '';
    for (const reg of regions) {
      const tr = document.createElement('tr');
      const sw = '<i class="sw" style="background:' +
        (reg.kind === 'usable' ? COLORS.free[4] : COLORS[reg.kind]) + '"></i>';
      tr.innerHTML = '<td class="mono"></td><td>' + sw + '<span></span></td><td></td><td></td>';
      const td = tr.querySelectorAll('td');
      td[0].textContent = addr(reg.start) + '\u2013' + hex((reg.start + reg.count) * 4096 - 1);
      td[1].querySelector('span').textContent = reg.name;
      td[2].textContent = String(reg.count);
      td[3].textContent = reg.kind === 'usable' ? 'yes' : 'no';
      tb.append(tr);
    }
  }

  function renderSelection() {
    const el = $('selection');
    const sel = selectedBlock();
    $('btn-free').disabled = !(sel && !sel.reserved && sel.state === STATE.ALLOCATED);
    el.removeAttribute('data-pfn');
    el.removeAttribute('data-order');
    el.removeAttribute('data-state');
    if (!sel) { el.textContent = 'Click a block in the map (or a pfn in a free list) to select it.'; return; }
    if (sel.reserved) {
      const reg = regions[regionOfFrame[sel.pfn]];
      el.dataset.pfn = sel.pfn;
      el.dataset.state = 'reserved';
      el.textContent = 'Frame ' + sel.pfn + ' (' + addr(sel.pfn) + ') is reserved: ' +
        (reg ? reg.name : 'not RAM') + '. The allocator never sees it.';
      return;
    }
    const stName = sel.state === STATE.FREE ? 'free' : 'allocated';
    el.dataset.pfn = sel.pfn;
    el.dataset.order = sel.order;
    el.dataset.state = stName;
    const b = sel.pfn ^ (1 << sel.order);
    let buddy = '';
    if (sel.order < maxOrder && b < nframes) {
      const bh = M._lab1_block_head(b);
      const bst = M._lab1_frame_state(b);
      let what;
      if (bst === STATE.RESERVED) what = 'reserved';
      else if (bh === b && M._lab1_frame_order(b) === sel.order) what = bst === STATE.FREE ? 'free' : 'allocated';
      else if (bh === b) what = (bst === STATE.FREE ? 'free' : 'allocated') + ' as a smaller block of order ' + M._lab1_frame_order(b);
      else what = 'part of block ' + bh + ' of order ' + M._lab1_frame_order(bh);
      buddy = ' Its buddy (pfn ' + sel.pfn + ' xor ' + (1 << sel.order) + ' = ' + b + ') is ' + what + '.';
    } else if (sel.order >= maxOrder) {
      buddy = ' It has the largest order: no buddy to merge with.';
    }
    el.innerHTML = '';
    const strong = document.createElement('strong');
    strong.textContent = 'Block ' + sel.pfn + ', order ' + sel.order + ', ' + stName;
    el.append(strong, ': ' + (1 << sel.order) + ' frame' + (sel.order ? 's' : '') + ' (' + kib(1 << sel.order) +
      ') at ' + range(sel.pfn, sel.order) + '.' + buddy);
  }

  function renderInvariant() {
    const ok = M._lab1_check() === 1;
    const el = $('invariant');
    el.className = 'invariant ' + (ok ? 'ok' : 'bad');
    el.dataset.ok = ok ? '1' : '0';
    $('invariant-text').textContent = ok ? 'buddy_check: all invariants hold'
      : 'buddy_check failed: ' + str(M._lab1_check_reason());
  }

  function renderLog() {
    const ol = $('log');
    ol.innerHTML = '';
    const first = Math.max(0, records.length - LOG_SHOWN);
    for (let i = records.length - 1; i >= first; i--) {
      const rec = records[i];
      const li = document.createElement('li');
      li.value = i + 1;
      li.dataset.step = i + 1;
      if (!rec.ok) li.className = 'failed';
      const h = document.createElement('div');
      h.className = 'op';
      h.textContent = opTitle(rec);
      li.append(h);
      if (rec.events.length) {
        const ul = document.createElement('ul');
        rec.events.forEach((e, j) => {
          const ev = document.createElement('li');
          ev.className = 'ev ev-' + eventNames[e.kind];
          ev.dataset.idx = j;
          ev.textContent = eventText(e);
          ul.append(ev);
        });
        li.append(ul);
      }
      if (rec.note) {
        const n = document.createElement('div');
        n.className = 'note';
        n.textContent = rec.note;
        li.append(n);
      }
      if (!rec.check) {
        const n = document.createElement('div');
        n.className = 'note bad';
        n.textContent = 'buddy_check: ' + rec.reason;
        li.append(n);
      }
      ol.append(li);
    }
    const boot = document.createElement('li');
    boot.value = 0;
    boot.className = 'boot';
    const usable = regions.filter((r) => r.kind === 'usable');
    boot.textContent = 'Boot: buddy_init over ' + nframes + ' frames, then buddy_add_free_range for ' +
      usable.length + ' usable ranges (' + usable.map((r) => r.start + '+' + r.count).join(', ') + '): ' +
      M._lab1_managed_frames() + ' frames managed' + (bootEvents ? ', ' + bootEvents + ' trace events' : '') + '.';
    if (first > 0) {
      const gap = document.createElement('li');
      gap.className = 'boot';
      gap.textContent = '\u2026 ' + first + ' earlier steps';
      ol.append(gap);
    }
    ol.append(boot);
  }

  function render() {
    renderCounters();
    renderFreeLists();
    renderSelection();
    renderInvariant();
    renderLog();
    renderRegions();
    drawMap();
    ctl.update();
    $('map-caption').textContent = sc.mem + ' MiB, ' + nframes + ' frames of 4 KiB; one row = 4 MiB = one order-10 block';
    writeURL();
  }

  /* --- animation ---------------------------------------------------------- */

  function stopAnim() {
    if (anim && anim.timer) clearTimeout(anim.timer);
    anim = null;
  }

  function highlightLogEvent() {
    document.querySelectorAll('#log .ev.current').forEach((e) => e.classList.remove('current'));
    if (!anim) return;
    const li = document.querySelector('#log > li[data-step="' + records.length + '"]');
    const ev = li && li.querySelector('.ev[data-idx="' + anim.idx + '"]');
    if (ev) ev.classList.add('current');
  }

  function animate(rec) {
    stopAnim();
    if (!rec.events.length) return;
    const total = ctl.delay();
    const each = Math.max(30, Math.floor(total * 0.8 / rec.events.length));
    anim = { rec, idx: 0, timer: null };
    const tick = () => {
      drawMap();
      highlightLogEvent();
      if (!anim) return;
      anim.timer = setTimeout(() => {
        if (!anim) return;
        anim.idx++;
        if (anim.idx >= rec.events.length) { anim = null; drawMap(); highlightLogEvent(); return; }
        tick();
      }, each);
    };
    tick();
  }

  /* --- actions ------------------------------------------------------------ */

  function focusOn(pfn) {
    if (pfn === null || pfn === undefined || pfn < 0 || pfn >= nframes) return;
    zoomRow = Math.floor(pfn / ROW);
  }

  function stepForward() {
    if (sc.pos >= sc.ops.length) { pause(); return false; }
    const rec = apply(sc.ops[sc.pos]);
    records.push(rec);
    sc.pos++;
    if (rec.focus !== null) { focusOn(rec.focus); selected = rec.focus; }
    render();
    animate(rec);
    return true;
  }

  function stepBack() {
    if (sc.pos === 0) return;
    const undone = records[records.length - 1];
    resetTo(sc.pos - 1);
    if (undone && undone.focus !== null && undone.focus < nframes) focusOn(undone.focus);
    render();
  }

  function userOp(op) {
    pause();
    sc.ops = sc.ops.slice(0, sc.pos);
    sc.ops.push(op);
    stepForward();
  }

  function pause() { ctl.pause(); }

  function select(pfn, follow) {
    stopAnim();
    selected = pfn;
    if (follow) focusOn(pfn);
    renderSelection();
    drawMap();
  }

  function canvasPfn(canvas, ev) {
    const r = canvas.getBoundingClientRect();
    const x = (ev.clientX - r.left) * canvas.width / r.width;
    const y = (ev.clientY - r.top) * canvas.height / r.height;
    if (canvas.id === 'overview') {
      const { rh } = overviewGeom();
      const row = Math.floor(y / rh), col = Math.floor(x);
      return { row, pfn: row * ROW + Math.min(col, ROW - 1) };
    }
    const line = Math.floor(y / ZCELL), col = Math.min(Math.floor(x / ZCELL), ZCOLS - 1);
    return { row: zoomRow, pfn: zoomRow * ROW + line * ZCOLS + col };
  }

  /* --- the exercise ------------------------------------------------------- */

  function allocatedBlocks() {
    const v = frameView(), out = [];
    for (let i = 0; i < nframes; i++) {
      const st = v[i] & VIEW.stateMask, o = v[i] >> VIEW.orderShift;
      if (st === STATE.ALLOCATED) { out.push({ pfn: i, order: o }); i += (1 << o) - 1; }
    }
    return out;
  }

  /* Ask the C code what an operation would do, then put everything back. */
  function whatIf(op) {
    M._lab1_snapshot_save();
    const rec = apply(op);
    if (M._lab1_snapshot_restore() !== 0) throw new Error('lab1_snapshot_restore failed');
    M._lab1_events_clear();
    return rec;
  }

  function makeQuestion(seed) {
    const rnd = W.mulberry32((seed ^ 0x9e3779b9) >>> 0);
    const live = allocatedBlocks();
    let q;
    if (live.length && rnd() < 0.7) {
      /* a block whose free merges at least once, if there is one */
      const merging = live.filter((b) => whatIf('f' + b.pfn).events.some((e) => e.kind === EVENT.MERGE));
      const pool = merging.length ? merging : live;
      const b = pool[Math.floor(rnd() * pool.length)];
      q = { type: 'free', pfn: b.pfn, order: b.order,
        text: 'Block ' + b.pfn + ' (order ' + b.order + ') is freed with buddy_free(' + b.pfn +
          '). After all merging, at which pfn does the free block holding it start, and what is its order?' };
    } else {
      const k = Math.floor(rnd() * 5);
      q = { type: 'alloc', order: k,
        text: 'buddy_alloc(order ' + k + ') is called now. Which pfn does it return? ' +
          '(Look at the free lists: which list does it take a block from, and which end?)' };
    }
    q.pos = sc.pos;
    return q;
  }

  let showExercise = null;	/* common.js's exercise panel */
  function showQuestion() {
    showExercise(question, sc.ex);
    $('ex-order-label').hidden = !question || question.type !== 'free';
  }

  function newExercise(seed) {
    pause();
    sc.ex = seed >>> 0;
    sc.n = 24;
    /* A workload where freeing some block merges makes a better question:
     * try a few seeds derived from the exercise's, the same ones every time. */
    for (let attempt = 0; attempt < 8; attempt++) {
      sc.seed = (sc.ex + Math.imul(attempt, 0x9E3779B1)) >>> 0;
      sc.ops = generate(sc.seed, sc.n);
      resetTo(sc.ops.length);
      if (allocatedBlocks().some((b) => whatIf('f' + b.pfn).events.some((e) => e.kind === EVENT.MERGE))) break;
    }
    $('seed').value = sc.seed;
    $('nops').value = sc.n;
    question = makeQuestion(sc.ex);
    selected = null;
    render();
    showQuestion();
  }

  function checkAnswer() {
    if (!question) return;
    if (sc.pos !== question.pos) { resetTo(question.pos); render(); }
    const pfn = Number($('ex-pfn').value);
    const order = Number($('ex-order').value);
    const res = $('ex-result');
    let correct, lines = [];
    if (question.type === 'free') {
      const rec = whatIf('f' + question.pfn);
      const fin = rec.final;
      correct = $('ex-pfn').value !== '' && $('ex-order').value !== '' &&
        pfn === fin.pfn && order === fin.order;
      lines.push('The C code ends with a free block at pfn ' + fin.pfn + ', order ' + fin.order + '.');
      const merges = rec.events.filter((e) => e.kind === EVENT.MERGE);
      if (!merges.length) lines.push('No merge happens.');
      for (const e of merges) lines.push(eventText(e) + '.');
      lines.push(rec.note);
      if (!correct && $('ex-pfn').value !== '' && pfn !== fin.pfn)
        lines.push('Hint: a merged block starts at the lower of the two buddies, pfn & ~(2^order \u2212 1).');
    } else {
      const rec = whatIf('a' + question.order);
      if (!rec.ok) {
        correct = false;
        lines.push('buddy_alloc fails with ' + errName(rec.result) + ': no free block is large enough.');
      } else {
        correct = $('ex-pfn').value !== '' && pfn === rec.result;
        const splits = rec.events.filter((e) => e.kind === EVENT.SPLIT);
        const from = splits.length ? splits[0] : { pfn: rec.result, order: question.order };
        lines.push('The C code returns pfn ' + rec.result + '.');
        lines.push('The smallest non-empty free list of order \u2265 ' + question.order + ' is order ' +
          from.order + '; the allocator takes block ' + from.pfn + ' from it' +
          (splits.length ? ' and splits it ' + splits.length + ' time' + (splits.length > 1 ? 's' : '') +
            ', keeping the lower half each time and putting the upper half on a free list.' : ', no split needed.'));
        for (const e of splits) lines.push(eventText(e) + '.');
      }
    }
    W.showVerdict(res, correct, lines);
  }

  function showMe() {
    if (!question) return;
    if (sc.pos !== question.pos) resetTo(question.pos);
    userOp(question.type === 'free' ? 'f' + question.pfn : 'a' + question.order);
  }

  /* --- wiring ------------------------------------------------------------- */

  function wire() {
    const sel = $('alloc-order');
    for (let k = 0; k <= maxOrder; k++) {
      const o = document.createElement('option');
      o.value = k;
      o.textContent = k + ' (' + kib(1 << k) + ')';
      sel.append(o);
    }
    $('btn-alloc').addEventListener('click', () => userOp('a' + sel.value));
    $('btn-free').addEventListener('click', () => {
      const b = selectedBlock();
      if (b && !b.reserved) userOp('f' + b.pfn);
    });
    ctl = W.player(SPEEDS, {
      forward: stepForward,
      back: stepBack,
      toStart: () => { resetTo(0); render(); },
      toEnd: () => { resetTo(sc.ops.length); render(); },
      position: () => [sc.pos, sc.ops.length],
      render,
    });
    $('btn-generate').addEventListener('click', () => {
      pause();
      sc.mem = Number($('mem').value);
      sc.seed = Number($('seed').value) >>> 0;
      sc.n = Math.max(1, Math.min(2000, Number($('nops').value) || 40));
      sc.ex = null; question = null; showQuestion();
      sc.ops = generate(sc.seed, sc.n);
      resetTo(0);
      selected = null; zoomRow = 0;
      render();
    });
    $('btn-clear').addEventListener('click', () => {
      pause();
      sc.mem = Number($('mem').value);
      sc.ops = []; sc.ex = null; question = null; showQuestion();
      resetTo(0);
      selected = null; zoomRow = 0;
      render();
    });
    $('mem').addEventListener('change', () => $('btn-clear').click());
    $('btn-tamper').addEventListener('click', () => userOp('x'));
    W.copyLinkButton($('btn-link'), scenarioQuery);
    for (const id of ['overview', 'zoom']) {
      $(id).addEventListener('click', (ev) => {
        const hit = canvasPfn($(id), ev);
        if (hit.pfn < 0 || hit.pfn >= nframes) return;
        if (id === 'overview') zoomRow = hit.row;
        select(hit.pfn, false);
      });
    }
    showExercise = W.exercise({ seed: () => (question ? sc.ex : null), ask: newExercise, check: checkAnswer, show: showMe });
    W.onHashChange(scenarioQuery, loadFromURL);
  }

  function loadFromURL() {
    pause();
    readURL();
    $('mem').value = String(sc.mem);
    $('seed').value = sc.seed;
    $('nops').value = sc.n;
    resetTo(sc.pos);
    question = null;
    if (sc.ex !== null) {
      const pos = sc.pos;
      const qpos = sc.qpos === null ? pos : sc.qpos;
      if (qpos !== pos) resetTo(qpos);
      question = makeQuestion(sc.ex);
      if (qpos !== pos) resetTo(pos);
    }
    showQuestion();
    const last = records[records.length - 1];
    if (last && last.focus !== null) { focusOn(last.focus); selected = last.focus; }
    render();
  }

  /* For tests and the curious (window.aurora): a few helpers. */
  function exposed() {
    return {
      scenario: sc,
      stateName: (s) => str(M._frame_state_name(s)),
      colorOf: blockColor,
      freeList,
      allocatedBlocks,
      /* centre of a frame's cell in the zoom canvas, in CSS pixels */
      zoomPoint(pfn) {
        const c = $('zoom'), r = c.getBoundingClientRect();
        const off = pfn - zoomRow * ROW;
        if (off < 0 || off >= ROW) return null;
        const x = (off % ZCOLS + 0.5) * ZCELL, y = (Math.floor(off / ZCOLS) + 0.5) * ZCELL;
        return { x: x * r.width / c.width, y: y * r.height / c.height, cx: x, cy: y };
      },
      question: () => question,
    };
  }

  W.start('AuroraLab1', 'lab1-module.js', 'kernel/mm/buddy.c', (mod) => {
    M = mod;
    STATE = W.cEnum(M, M._frame_state_name);
    EVENT = W.cEnum(M, M._buddy_event_name);
    eventNames = W.cNames(M, M._buddy_event_name);
    VIEW = { stateMask: M._lab1_view_state_mask(), orderShift: M._lab1_view_order_shift() };
    maxOrder = M._lab1_max_order();
    drawLegend();
    wire();
    loadFromURL();
    return exposed();
  });
})();
