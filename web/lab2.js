/*
 * Lab 2's page: draws what kernel/mm/pagetable.c (compiled by emcc, loaded
 * as AuroraLab2 from lab2-module.js) holds, and drives it.  No paging logic
 * lives here: every index, entry, physical address, error code, range and
 * table count shown comes from the C code; this file only splits bits for
 * display and words the explanations.
 *
 * The scenario is a script of operations, replayed from boot:
 *   "w<va>"                      walk va (hex), one step a level read + one for the verdict
 *   "m<va>_<pa|f>_<s|h>_<perm>"  pt_map a 4 KiB (s) or 2 MiB (h) page; f: a free frame
 *   "u<va>"                      pt_unmap
 *   "p<va>_<perm>"               pt_protect
 * `pos` steps of it have run.  Stepping back replays the script from boot,
 * exact because the C code is deterministic.
 */
'use strict';

(function () {
  const W = window.AuroraWeb;
  const $ = W.$;
  const SPEEDS = [2000, 1200, 700, 350, 150, 40];	/* ms a step */
  const FIELDS = [
    { name: 'sign', hi: 63, lo: 48 }, { name: 'PML4', hi: 47, lo: 39 }, { name: 'PDPT', hi: 38, lo: 30 },
    { name: 'PD', hi: 29, lo: 21 }, { name: 'PT', hi: 20, lo: 12 }, { name: 'offset', hi: 11, lo: 0 },
  ];
  /* What each entry bit pt_flag_name names means, for its tooltip. */
  const FLAG_WORDS = { P: 'present', W: 'writable', U: 'user', PWT: 'write-through', PCD: 'cache disable',
    A: 'accessed', D: 'dirty', PS: 'page size: 2 MiB page', G: 'global', NX: 'no execute' };
  /* What each error-code bit lab2_pf_err_name names means, for the exercise. */
  const ERR_WORDS = { P: 'the page is present', W: 'a write', U: 'from user mode', 'I/D': 'a fetch' };
  /* What a frame holds, by sim_frame_kind_name: its words and colour. */
  const KIND_WORDS = { free: 'free', firmware: 'firmware', kernel: 'kernel image', table: 'page table',
    data: 'mapped data' };
  const KIND_COLORS = { free: '#ffffff', firmware: '#9aa5b1', kernel: '#3d4f7c', table: '#f0a93b', data: '#74cc91' };
  const TOUR = [
    ['kernel text', 0xffffffff80101234n], ['direct map (2 MiB)', 0xffff800000345678n],
    ['user text', 0x400a10n], ['user stack', 0x7fffffffeff8n], ['guard page', 0x7fffffffa010n],
    ['unmapped', 0x500000n], ['non-canonical', 0x0000800000000000n], ['kernel .rodata', 0xffffffff80110040n],
  ];
  const GRID_COLS = 32, GRID_CELL = 8;		/* a table drawn as 32 x 16 entries */
  const PHYS_COLS = 64, PHYS_CELL = 7;

  let M = null;
  /* From the C code, on load (namesFromC). */
  let LEVELS = [];		/* "PML4", "PDPT", "PD", "PT": pt_level_name */
  let NEXT = [];		/* the level each one's entries point to */
  let FLAGS = [];		/* [name, bit, words] of each entry bit pt_flag_name names */
  let PTE = {};			/* the bits by name, and ADDR: the frame address */
  let PERM = {};		/* { R, W, U, X }: the bits of lab2_walk_perms, by lab2_perm_name */
  let ACCESS = {};		/* enum pt_access: { READ, WRITE, EXECUTE } */
  let accessNames = [];		/* "read", "write", "execute": pt_access_name */
  let ERR_BITS = [];		/* [name, bit] of each error-code bit lab2_pf_err_name names */
  let kindNames = [];		/* "free", "firmware", ...: sim_frame_kind_name */
  const sc = { ops: [], pos: 0, ex: null, qpos: null };
  let records = [];		/* one per op: what it did, its steps */
  let total = 0;
  let view = null;		/* what the current step shows */
  let segments = [];
  let nframes = 0;
  let ctl = null;
  let question = null;

  /* --- numbers ------------------------------------------------------------ */

  const { u64, hex, parseHex, parseNumber, pick, el } = W;
  const hex16 = (x) => '0x' + u64(x).toString(16).padStart(16, '0');
  const bit = (x, n) => (u64(x) >> BigInt(n)) & 1n;
  function field(va, f) { return Number((u64(va) >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n)); }
  function size(n) {
    n = Number(n);
    if (n >= 1 << 30 && n % (1 << 30) === 0) return (n / (1 << 30)) + ' GiB';
    if (n >= 1 << 20 && n % (1 << 20) === 0) return (n / (1 << 20)) + ' MiB';
    return n % 1024 === 0 ? (n / 1024) + ' KiB' : n + ' B';
  }
  function errName(r) { return W.errName(M, r); }
  function permText(p) {
    return 'r' + (p & PERM.W ? 'w' : '-') + (p & PERM.X ? 'x' : '-') + ' ' + (p & PERM.U ? 'user' : 'kernel');
  }
  /* PTE permission bits (pt_map's perm) in the same words */
  function ptePerm(perm) {
    return PERM.R | (perm & PTE.W ? PERM.W : 0) | (perm & PTE.U ? PERM.U : 0) | (perm & PTE.NX ? 0 : PERM.X);
  }
  function errCodeText(code) {
    const bits = ERR_BITS.filter(([, b]) => code & b).map(([n]) => n);
    return '0x' + code.toString(16) + (bits.length ? ' (' + bits.join(' | ') + ')' : '');
  }

  /* --- the module --------------------------------------------------------- */

  function walkOf(va) {
    const n = M._lab2_walk(va);
    const w = { va: u64(va), canonical: M._lab2_canonical(va) === 1, levels: [], mapped: M._lab2_walk_mapped() === 1 };
    for (let l = 0; l < n; l++)
      w.levels.push({ table: u64(M._lab2_walk_table(l)), index: M._lab2_walk_index(l), entry: u64(M._lab2_walk_entry(l)) });
    if (w.mapped) {
      w.phys = u64(M._lab2_walk_phys());
      w.pageSize = u64(M._lab2_walk_page_size());
      w.perms = M._lab2_walk_perms();
    }
    return w;
  }

  /* The error code the access faults with, or ALLOWED. */
  const ALLOWED = -1;
  function accessCode(va, a, user) { return M._lab2_check_access(va, a, user ? 1 : 0); }

  function tableEntries(pa) {
    const p = M._lab2_table(pa);
    return p ? new BigUint64Array(M.HEAPU8.buffer, p, 512) : null;
  }

  function ranges() {
    const n = M._lab2_ranges(0n, 0n), out = [];
    for (let i = 0; i < n; i++)
      out.push({ va: u64(M._lab2_range_va(i)), pa: u64(M._lab2_range_pa(i)), len: u64(M._lab2_range_len(i)),
        pageSize: u64(M._lab2_range_page_size(i)), perms: M._lab2_range_perms(i) });
    return out;
  }

  function takeEvents() {
    const ev = [];
    for (let i = 0; i < M._lab2_event_count(); i++)
      ev.push({ freed: M._lab2_event_freed(i) === 1, pa: u64(M._lab2_event_pa(i)) });
    M._lab2_events_clear();
    return ev;
  }

  function boot() {
    const r = M._lab2_init();
    if (r !== 0) throw new Error('lab2_init: ' + errName(r));
    segments = [];
    for (let i = 0; i < M._lab2_segment_count(); i++)
      segments.push({ name: M.UTF8ToString(M._lab2_segment_name(i)), va: u64(M._lab2_segment_va(i)),
        pa: u64(M._lab2_segment_pa(i)), len: u64(M._lab2_segment_len(i)) });
  }

  function segmentOf(va) {
    const s = segments.find((g) => va >= g.va && va < g.va + g.len);
    if (s) return s.name;
    const stack = segments.find((g) => g.name === 'user stack');
    if (stack && va >= stack.va - 4096n && va < stack.va) return 'stack guard page';
    return '';
  }

  /* --- the script --------------------------------------------------------- */

  function decodeOp(op) {
    let m;
    if ((m = /^w([0-9a-f]{1,16})$/.exec(op))) return { kind: 'w', va: BigInt('0x' + m[1]) };
    if ((m = /^u([0-9a-f]{1,16})$/.exec(op))) return { kind: 'u', va: BigInt('0x' + m[1]) };
    if ((m = /^p([0-9a-f]{1,16})_([0-9a-f]{1,16})$/.exec(op)))
      return { kind: 'p', va: BigInt('0x' + m[1]), perm: BigInt('0x' + m[2]) };
    if ((m = /^m([0-9a-f]{1,16})_([0-9a-f]{1,16}|f)_([sh])_([0-9a-f]{1,16})$/.exec(op)))
      return { kind: 'm', va: BigInt('0x' + m[1]), pa: m[2] === 'f' ? null : BigInt('0x' + m[2]),
        huge: m[3] === 'h', perm: BigInt('0x' + m[4]) };
    return null;
  }
  const walkOp = (va) => 'w' + u64(va).toString(16);

  /* Run one change on the C tables; walks change nothing. */
  function applyEdit(d) {
    M._lab2_events_clear();
    let r;
    if (d.kind === 'm') r = M._lab2_map(d.va, d.pa === null ? u64(-1) : d.pa, d.huge ? 1 : 0, d.perm);
    else if (d.kind === 'u') r = M._lab2_unmap(d.va);
    else r = M._lab2_protect(d.va, d.perm);
    return { result: r, pa: d.kind === 'm' ? u64(M._lab2_last_pa()) : null, events: takeEvents() };
  }

  function editTitle(d, res) {
    const perm = d.perm === undefined ? '' : ', ' + permText(ptePerm(d.perm)) + (d.perm & PTE.G ? ' global' : '');
    let t;
    if (d.kind === 'm')
      t = 'pt_map(' + hex(d.va) + ', ' + (d.pa === null ? 'free frame ' + hex(res.pa) : hex(d.pa)) + ', ' +
        (d.huge ? '2 MiB' : '4 KiB') + perm + ')';
    else if (d.kind === 'u') t = 'pt_unmap(' + hex(d.va) + ')';
    else t = 'pt_protect(' + hex(d.va) + perm + ')';
    t += ' \u2192 ' + errName(res.result);
    for (const e of res.events) t += e.freed ? '; freed the empty table at ' + hex(e.pa) : '; new table at ' + hex(e.pa);
    return t;
  }

  function walkTitle(w) {
    if (!w.canonical) return 'walk ' + hex(w.va) + ' \u2192 not canonical: #GP';
    if (w.mapped) return 'walk ' + hex(w.va) + ' \u2192 ' + hex(w.phys) + ' (' + size(w.pageSize) + ' page, ' + permText(w.perms) + ')';
    const l = w.levels.length - 1;
    return 'walk ' + hex(w.va) + ' \u2192 #PF: ' + LEVELS[l] + '[' + w.levels[l].index + '] not present';
  }

  /* Boot and run the whole script once, to know every op's steps. */
  function runAll() {
    boot();
    records = [];
    total = 0;
    for (const op of sc.ops) {
      const d = decodeOp(op);
      const rec = { op, d, start: total + 1 };
      if (d.kind === 'w') {
        const w = walkOf(d.va);
        rec.steps = w.levels.length + 1;
        rec.title = walkTitle(w);
        rec.ok = w.mapped;
      } else {
        const res = applyEdit(d);
        rec.steps = 1;
        rec.title = editTitle(d, res);
        rec.ok = res.result === 0;
      }
      total += rec.steps;
      rec.end = total;
      records.push(rec);
    }
  }

  /* Put the C state where step `pos` of the script leaves it, and say what
   * that step shows. */
  function resetTo(pos) {
    sc.pos = Math.max(0, Math.min(pos, total));
    boot();
    view = { kind: 'none' };
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      if (rec.start > sc.pos) break;
      if (rec.end < sc.pos || (rec.d.kind !== 'w' && rec.end === sc.pos)) {
        if (rec.d.kind === 'w') continue;
        if (rec.end < sc.pos) { applyEdit(rec.d); continue; }
        const before = walkOf(rec.d.va);
        const res = applyEdit(rec.d);
        view = { kind: 'edit', rec, i, res, before, walk: walkOf(rec.d.va), reveal: 99 };
      } else {
        const w = walkOf(rec.d.va);
        view = { kind: 'walk', rec, i, walk: w, reveal: sc.pos - rec.start + 1 };
      }
    }
  }

  function parseOps(s) {
    if (!s) return [];
    return s.split(/[.,\s]+/).filter((o) => decodeOp(o) !== null).slice(0, 500);
  }

  function readURL() {
    const q = W.readParams();
    if (q.has('ops')) {
      sc.ops = parseOps(q.get('ops'));
      runAll();
      sc.pos = W.intParam(q, 'pos', 0, total, total);
    } else {
      sc.ops = TOUR.map(([, va]) => walkOp(va));
      runAll();
      sc.pos = records[0].end;	/* the first walk, done */
    }
    sc.ex = W.intParam(q, 'ex', 0, 4294967295, null);
    sc.qpos = W.intParam(q, 'qpos', 0, total, null);
  }

  function scenarioQuery() {
    const q = new URLSearchParams();
    q.set('ops', sc.ops.join('.'));
    q.set('pos', sc.pos);
    if (sc.ex !== null && question) {
      q.set('ex', sc.ex);
      q.set('qpos', question.pos);
    }
    return q.toString();
  }

  /* --- drawing: the address split into fields ------------------------------ */

  function renderBits(w, reveal, done) {
    const box = $('bits');
    box.innerHTML = '';
    if (!w) { box.append(el('div', 'dim', 'Type a virtual address above, or pick one, and press Walk.')); return; }
    const huge = w.mapped && w.pageSize === 2097152n;
    box.append(el('div', 'bits-va mono', hex16(w.va)));
    const row = el('div', 'fields');
    FIELDS.forEach((f, k) => {
      const v = field(w.va, f);
      const d = el('div', 'field f-' + f.name.toLowerCase());
      d.dataset.field = f.name;
      d.dataset.value = v;
      const lvl = k - 1;
      if (lvl >= 0 && lvl < 4 && lvl < reveal) d.classList.add('used');
      if (lvl >= 0 && lvl < 4 && lvl === reveal - 1 && !done) d.classList.add('current');
      if (huge && (f.name === 'PT' || f.name === 'offset')) d.classList.add('huge-offset');
      let bits = '';
      for (let b = f.hi; b >= f.lo; b--) bits += bit(w.va, b);
      d.append(el('div', 'fbits mono', bits));
      const name = f.name === 'sign' ? 'sign ' + f.hi + '..' + f.lo
        : f.name === 'offset' ? 'offset ' + f.hi + '..0' : f.name + ' index ' + f.hi + '..' + f.lo;
      d.append(el('div', 'fname', name));
      const val = f.name === 'sign' ? (v === 0 || v === 0xffff ? hex(v) : hex(v) + ' \u2717')
        : f.name === 'offset' ? hex(v) : String(v);
      d.append(el('div', 'fval mono', val));
      row.append(d);
    });
    box.append(row);
    let note;
    if (!w.canonical) note = 'Not canonical: bits 63..48 must all equal bit 47 (' + bit(w.va, 47) + '). The CPU raises #GP without reading any table.';
    else if (huge) note = 'A 2 MiB page: the walk ends at the PD, so bits 20..0 (the PT index and the offset) are all offset into the page: ' + hex(w.va & 0x1fffffn) + '.';
    else note = 'Canonical: bits 63..48 copy bit 47 (' + bit(w.va, 47) + '), ' + (bit(w.va, 47) ? 'the kernel half.' : 'the user half.');
    box.append(el('div', 'bits-note' + (w.canonical ? '' : ' bad'), note));
  }

  /* --- drawing: the four levels -------------------------------------------- */

  function entryColor(e, level) {
    if (!(e & PTE.P)) return '#eef1f4';
    const leaf = level === 3 || (level === 2 && (e & PTE.PS));
    if (!leaf) return '#7ea6e0';
    if (level === 2) return '#b084f5';
    return (e & PTE.U) ? '#58bd7f' : '#3d4f7c';
  }

  function drawTable(canvas, pa, level, index) {
    const g = canvas.getContext('2d');
    const entries = tableEntries(pa);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    if (!entries) return;
    for (let i = 0; i < 512; i++) {
      const x = (i % GRID_COLS) * GRID_CELL, y = Math.floor(i / GRID_COLS) * GRID_CELL;
      g.fillStyle = entryColor(entries[i], level);
      g.fillRect(x + 1, y + 1, GRID_CELL - 1, GRID_CELL - 1);
    }
    const x = (index % GRID_COLS) * GRID_CELL, y = Math.floor(index / GRID_COLS) * GRID_CELL;
    g.strokeStyle = '#d1242f';
    g.lineWidth = 2;
    g.strokeRect(x, y + 0.0, GRID_CELL + 1, GRID_CELL + 1);
  }

  function flagChips(e) {
    const box = el('div', 'flags');
    for (const [name, b, title] of FLAGS) {
      const on = ((e >> b) & 1n) === 1n;
      const c = el('span', 'flag' + (on ? ' on' : '') + (name === 'NX' || name === 'P' && !on ? ' warn' : ''), name);
      c.title = title + (on ? ': set' : ': clear');
      c.dataset.flag = name;
      c.dataset.on = on ? '1' : '0';
      box.append(c);
    }
    return box;
  }

  function renderLevels(w, reveal, before) {
    const box = $('levels');
    box.innerHTML = '';
    for (let l = 0; l < 4; l++) {
      const card = el('div', 'level');
      card.dataset.level = l;
      const lv = w && w.levels[l];
      const shown = lv && l < reveal;
      card.classList.add(shown ? 'read' : (w && w.levels.length <= l && reveal > w.levels.length ? 'unused' : 'pending'));
      const h = el('h3', '', LEVELS[l]);
      card.append(h);
      if (!shown) {
        card.append(el('div', 'dim small', !w || !w.canonical || (w && reveal > w.levels.length)
          ? 'not read' : 'waiting\u2026'));
        box.append(card);
        continue;
      }
      if (l === reveal - 1 && reveal <= w.levels.length && !(before)) card.classList.add('current');
      card.dataset.table = hex(lv.table);
      card.dataset.index = lv.index;
      card.dataset.entry = hex(lv.entry);
      h.append(el('small', 'mono', 'table at ' + hex(lv.table)));
      const c = el('canvas');
      c.width = GRID_COLS * GRID_CELL + 1;
      c.height = (512 / GRID_COLS) * GRID_CELL + 1;
      c.setAttribute('aria-label', LEVELS[l] + ' table, 512 entries');
      card.append(c);
      drawTable(c, lv.table, l, lv.index);
      const idx = el('div', 'kv');
      idx.append(el('span', 'k', 'index'), el('b', 'mono lv-index', String(lv.index)),
        el('span', 'dim', ' entry at ' + hex(lv.table + BigInt(lv.index * 8))));
      card.append(idx);
      const ent = el('div', 'kv');
      ent.append(el('span', 'k', 'entry'), el('b', 'mono lv-entry', hex16(lv.entry)));
      card.append(ent);
      const was = before && before.levels[l];
      if (before && (!was || was.entry !== lv.entry || was.table !== lv.table)) {
        card.classList.add('changed');
        card.append(el('div', 'was mono', was ? 'was ' + hex16(was.entry) : 'new: not read before'));
      }
      card.append(flagChips(lv.entry));
      const e = lv.entry;
      let next;
      if (!(e & PTE.P)) next = 'P = 0: not present. The walk stops here: page fault.';
      else if (l === 3) next = '\u2192 4 KiB page, frame ' + hex(e & PTE.ADDR);
      else if (l === 2 && (e & PTE.PS)) next = '\u2192 2 MiB page, frame ' + hex(e & PTE.ADDR & ~0x1fffffn);
      else next = '\u2192 ' + NEXT[l] + ' table at ' + hex(e & PTE.ADDR);
      card.append(el('div', 'next' + (e & PTE.P ? '' : ' bad'), next));
      box.append(card);
    }
    if (before && before.mapped !== w.mapped) {
      /* nothing else to draw: the result box says it */
    }
  }

  function renderResult(w, reveal) {
    const r = $('walk-result');
    r.innerHTML = '';
    r.className = 'walk-result';
    for (const k of ['mapped', 'phys', 'levels', 'va']) delete r.dataset[k];
    const done = w && reveal > w.levels.length;
    r.dataset.done = done ? '1' : '0';
    if (!w) return;
    r.dataset.va = hex(w.va);
    if (!done) {
      r.classList.add('pending');
      r.textContent = 'Reading the ' + LEVELS[reveal - 1] + ' entry\u2026 (step on to continue)';
      return;
    }
    r.dataset.levels = w.levels.length;
    r.dataset.mapped = w.mapped ? '1' : '0';
    if (!w.canonical) {
      r.classList.add('fault');
      r.append(el('strong', '', '#GP: ' + hex(w.va) + ' is not canonical.'),
        ' pt_walk reads no table; the CPU raises a general-protection fault, not a page fault.');
      return;
    }
    if (!w.mapped) {
      const l = w.levels.length - 1;
      r.classList.add('fault');
      r.append(el('strong', '', 'Page fault: not mapped.'),
        ' The ' + LEVELS[l] + ' entry ' + w.levels[l].index + ' is not present, so the walk stops after reading ' +
        (l + 1) + ' table' + (l ? 's' : '') + (l < 3 ? ' (no ' + LEVELS.slice(l + 1).join(', ') + ' exists for this address).' : '.'));
      return;
    }
    r.dataset.phys = hex(w.phys);
    r.classList.add('ok');
    const frame = w.phys & ~(w.pageSize - 1n), off = w.phys - frame;
    r.append(el('strong', 'mono', hex(w.va) + ' \u2192 ' + hex(w.phys)));
    r.append(el('div', '', 'frame ' + hex(frame) + ' + offset ' + hex(off) + ' in a ' + size(w.pageSize) +
      ' page; effective permissions ' + permText(w.perms) +
      ' (W and U only if every level allows, NX if any level sets it).'));
  }

  /* --- drawing: access check ---------------------------------------------- */

  /* Which level's entry makes the access fault: the first that forbids it. */
  function culprit(w, test) {
    for (let l = 0; l < w.levels.length; l++) if (test(w.levels[l].entry)) return LEVELS[l];
    return '?';
  }

  function why(w, a, user, code) {
    if (!w.canonical) return 'not canonical: the CPU raises #GP before reading any table; pt_check_access reports it as not present.';
    if (!w.mapped) {
      const l = w.levels.length - 1;
      return 'not present: ' + LEVELS[l] + '[' + w.levels[l].index + '] has P = 0' +
        (code === 0 ? '. Error code 0: a kernel read of a missing page, still a fault.' : '.');
    }
    if (code === ALLOWED) {
      const ok = [a === ACCESS.WRITE ? 'W = 1 at every level' : a === ACCESS.EXECUTE ? 'no level sets NX' : 'present'];
      if (user) ok.push('U = 1 at every level');
      else if (w.perms & PERM.U) ok.push('a kernel access to a user page is allowed (SMAP and SMEP off)');
      return 'allowed: ' + ok.join(', ') + '.';
    }
    const r = [];
    if (user && !(w.perms & PERM.U)) r.push('supervisor page: U = 0 in the ' + culprit(w, (e) => !(e & PTE.U)) + ' entry');
    if (a === ACCESS.WRITE && !(w.perms & PERM.W))
      r.push('read-only: W = 0 in the ' + culprit(w, (e) => !(e & PTE.W)) + ' entry' + (user ? '' : ' (CR0.WP: the kernel faults too)'));
    if (a === ACCESS.EXECUTE && !(w.perms & PERM.X)) r.push('no-execute: NX = 1 in the ' + culprit(w, (e) => e & PTE.NX) + ' entry');
    return 'protection fault: ' + r.join('; ') + '.';
  }

  function renderAccess(w) {
    const tb = $('access');
    tb.innerHTML = '';
    if (!w) return;
    accessNames.forEach((name, a) => {
      const tr = el('tr');
      tr.append(el('th', '', name));
      for (const user of [true, false]) {
        const code = accessCode(w.va, a, user);
        const fault = code !== ALLOWED;
        const td = el('td', 'acc ' + (fault ? 'fault' : 'allowed'));
        td.dataset.access = name;
        td.dataset.user = user ? '1' : '0';
        td.dataset.code = code;
        td.dataset.fault = fault ? '1' : '0';
        td.append(el('div', 'verdict', !fault ? 'allowed' : w.canonical ? '#PF, error code ' + errCodeText(code)
          : '#GP (pt_check_access: error code ' + errCodeText(code) + ')'));
        if (fault && w.canonical) {
          const bits = el('div', 'errbits');
          for (const [n, b] of ERR_BITS) bits.append(el('span', 'flag' + (code & b ? ' on' : ''), n));
          td.append(bits);
        }
        td.append(el('div', 'why', why(w, a, user, code)));
        tr.append(td);
      }
      tb.append(tr);
    });
  }

  /* --- drawing: everything else ------------------------------------------- */

  function renderRanges(w) {
    const tb = $('ranges');
    tb.innerHTML = '';
    let mapped = 0n;
    for (const r of ranges()) {
      mapped += r.len;
      const tr = el('tr');
      tr.dataset.va = hex(r.va);
      tr.dataset.len = hex(r.len);
      tr.dataset.pa = hex(r.pa);
      tr.dataset.perms = r.perms;
      if (w && w.mapped && w.va >= r.va && w.va < r.va + r.len) tr.classList.add('current');
      const seg = segmentOf(r.va);
      const cells = [hex(r.va) + '\u2013' + hex(r.va + r.len - 1n), size(r.len),
        hex(r.pa) + '\u2013' + hex(r.pa + r.len - 1n), size(r.pageSize), permText(r.perms), seg];
      cells.forEach((t, k) => {
        const td = el('td', k < 3 ? 'mono' : '', t);
        if (k === 4) td.className = 'perm ' + (r.perms & PERM.W && r.perms & PERM.X ? 'wx' : r.perms & PERM.X ? 'x' : r.perms & PERM.W ? 'w' : 'r');
        tr.append(td);
      });
      tr.title = 'Walk ' + hex(r.va);
      tr.addEventListener('click', () => userOp(walkOp(r.va)));
      tb.append(tr);
    }
    $('ctr-mapped').textContent = size(mapped);
  }

  function renderCounters() {
    $('ctr-tables').textContent = String(u64(M._lab2_table_count()));
    $('ctr-table-frames').textContent = String(M._lab2_table_frames());
    $('ctr-free').textContent = M._lab2_free_frames() + ' of ' + nframes;
  }

  function renderInvariants() { W.invariantStrip(M, 'lab2'); }

  function drawLegend() {
    $('legend').innerHTML = '';
    for (const kind of kindNames.filter((k) => KIND_WORDS[k])) {
      const s = el('span', 'key');
      const sw = el('i');
      sw.style.background = KIND_COLORS[kind];
      s.append(sw, KIND_WORDS[kind]);
      $('legend').append(s);
    }
    const s = el('span', 'key');
    const sw = el('i', 'outline');
    s.append(sw, 'read by this walk');
    $('legend').append(s);
  }

  function drawPhys(w, reveal) {
    const c = $('phys'), g = c.getContext('2d');
    const kinds = M.HEAPU8.subarray(M._lab2_frame_view(), M._lab2_frame_view() + nframes);
    g.fillStyle = '#d8dee4';
    g.fillRect(0, 0, c.width, c.height);
    for (let f = 0; f < nframes; f++) {
      g.fillStyle = KIND_COLORS[kindNames[kinds[f]]] || '#d0006f';
      g.fillRect((f % PHYS_COLS) * PHYS_CELL + 1, Math.floor(f / PHYS_COLS) * PHYS_CELL + 1, PHYS_CELL - 1, PHYS_CELL - 1);
    }
    if (!w) return;
    g.strokeStyle = '#d1242f';
    g.lineWidth = 2;
    const box = (f, n) => {
      if (f >= nframes) return;
      if (n >= PHYS_COLS) g.strokeRect(1, Math.floor(f / PHYS_COLS) * PHYS_CELL + 1, PHYS_COLS * PHYS_CELL - 1, (n / PHYS_COLS) * PHYS_CELL - 1);
      else g.strokeRect((f % PHYS_COLS) * PHYS_CELL + 1, Math.floor(f / PHYS_COLS) * PHYS_CELL + 1, n * PHYS_CELL - 1, PHYS_CELL - 1);
    };
    w.levels.slice(0, reveal).forEach((lv) => box(Number(lv.table >> 12n), 1));
    if (w.mapped && reveal > w.levels.length) box(Number((w.phys & ~(w.pageSize - 1n)) >> 12n), Number(w.pageSize >> 12n));
  }

  function renderLog() {
    const ol = $('log');
    ol.innerHTML = '';
    records.forEach((rec, i) => {
      const li = el('li', rec.ok ? '' : 'failed');
      li.dataset.op = i;
      if (view.rec === rec) li.classList.add('current');
      if (rec.start > sc.pos) li.classList.add('future');
      const b = el('button', 'op mono', rec.title);
      b.title = 'Jump to the end of this step';
      b.addEventListener('click', () => { ctl.pause(); resetTo(rec.end); render(); });
      li.append(b);
      ol.append(li);
    });
    if (!records.length) ol.append(el('li', 'dim', 'No steps yet: walk an address or change the tables.'));
  }

  function render() {
    const w = view.kind === 'none' ? null : view.walk;
    const reveal = view.reveal || 0;
    const done = w && reveal > w.levels.length;
    renderBits(w, reveal, done);
    renderLevels(w, reveal, view.kind === 'edit' ? view.before : null);
    renderResult(w, reveal);
    renderAccess(done ? w : null);
    renderRanges(done ? w : null);
    renderCounters();
    renderInvariants();
    drawPhys(w, reveal);
    renderLog();
    let cap = '';
    if (view.kind === 'walk') cap = 'of ' + hex(w.va) + (segmentOf(w.va) ? ' (' + segmentOf(w.va) + ')' : '') +
      ', step ' + Math.min(reveal, w.levels.length + 1) + ' of ' + (w.levels.length + 1);
    else if (view.kind === 'edit') cap = 'of ' + hex(w.va) + ' after ' + view.rec.title;
    $('walk-caption').textContent = cap;
    const er = $('edit-result');
    er.className = 'edit-result';
    er.textContent = '';
    if (view.kind === 'edit') {
      er.textContent = view.rec.title;
      er.classList.add(view.res.result === 0 ? 'ok' : 'bad');
      er.dataset.result = view.res.result;
    }
    ctl.update();
    W.writeParams(scenarioQuery());
  }

  /* --- actions ------------------------------------------------------------ */

  function stepForward() {
    if (sc.pos >= total) return false;
    resetTo(sc.pos + 1);
    render();
    return true;
  }

  function stepBack() {
    if (sc.pos === 0) return;
    resetTo(sc.pos - 1);
    render();
  }

  /* Append an op after the last op finished by now, and show it: a walk
   * plays level by level, a change shows at once. */
  function userOp(op) {
    ctl.pause();
    const kept = records.filter((r) => r.end <= sc.pos).length;
    sc.ops = sc.ops.slice(0, kept);
    sc.ops.push(op);
    runAll();
    const rec = records[records.length - 1];
    if (rec.d.kind === 'w') {
      resetTo(rec.start);
      render();
      ctl.play(rec.end);
    } else {
      resetTo(rec.end);
      render();
    }
    return rec;
  }

  function editForm() {
    const va = parseHex($('ed-va').value);
    const paText = $('ed-pa').value.trim();
    const pa = paText === '' ? null : parseHex(paText);
    let perm = 0n;
    if ($('ed-w').checked) perm |= PTE.W;
    if ($('ed-u').checked) perm |= PTE.U;
    if ($('ed-g').checked) perm |= PTE.G;
    if (!$('ed-x').checked) perm |= PTE.NX;
    return { va, pa, paText, perm, huge: $('ed-size').value === 'h' };
  }

  function editError(text) {
    $('edit-result').className = 'edit-result bad';
    $('edit-result').textContent = text;
  }

  /* --- the exercise ------------------------------------------------------- */


  /* An address inside range r: a random page, a random 8-byte-aligned offset. */
  function addrIn(rnd, r) {
    const pages = Number(r.len / 4096n);
    return r.va + BigInt(Math.floor(rnd() * pages)) * 4096n + BigInt(Math.floor(rnd() * 512) * 8);
  }

  function unmappedAddrs() {
    const out = [0x500000n + 0x1000n * 3n, 0xffffc90000001000n, 0x10000000n];
    const stack = segments.find((g) => g.name === 'user stack');
    if (stack) out.push(stack.va - 4096n + 0x7f0n);
    return out.filter((va) => !walkOf(va).mapped);
  }

  function makeQuestion(seed) {
    const rnd = W.mulberry32((seed ^ 0x5bd1e995) >>> 0);
    const rs = ranges();
    const type = pick(rnd, ['idx', 'pa', 'uw']);
    let va, text;
    if (type === 'idx') {
      va = addrIn(rnd, pick(rnd, rs.filter((r) => r.pageSize === 4096n)));
      text = 'What are the four table indices (PML4, PDPT, PD, PT) of ' + hex(va) + '? Four numbers, e.g. "511 510 0 257".';
    } else if (type === 'pa') {
      va = rnd() < 0.75 ? addrIn(rnd, pick(rnd, rs)) : pick(rnd, unmappedAddrs());
      text = 'Which physical address does ' + hex(va) + ' translate to? A hex address, or "fault" if it does not.';
    } else {
      va = rnd() < 0.8 ? addrIn(rnd, pick(rnd, rs)) : pick(rnd, unmappedAddrs());
      text = 'Would a user-mode write to ' + hex(va) + ' fault, and with what error code? ' +
        '"0" if it is allowed, else the code in hex, e.g. "0x6".';
    }
    return { type, va: hex(va), text, pos: sc.pos };
  }

  let showExercise = null;	/* common.js's exercise panel */
  function showQuestion() { showExercise(question, sc.ex); }

  function newExercise(seed) {
    ctl.pause();
    sc.ex = seed >>> 0;
    question = makeQuestion(sc.ex);
    showQuestion();
    render();
  }

  function walkExplained(w) {
    const lines = [];
    w.levels.forEach((lv, l) => {
      const e = lv.entry;
      const to = !(e & PTE.P) ? 'not present: the walk stops' : (l === 3 || (l === 2 && (e & PTE.PS)))
        ? 'maps a ' + (l === 3 ? '4 KiB' : '2 MiB') + ' page at ' + hex(e & PTE.ADDR & (l === 3 ? ~0xfffn : ~0x1fffffn))
        : 'points to the ' + NEXT[l] + ' at ' + hex(e & PTE.ADDR);
      lines.push(LEVELS[l] + '[' + lv.index + '] = ' + hex16(e) + ': ' + to + '.');
    });
    return lines;
  }

  function checkAnswer() {
    if (!question) return;
    if (sc.pos !== question.pos) { resetTo(question.pos); render(); }
    const va = BigInt(question.va);
    const w = walkOf(va);
    const ans = $('ex-answer').value;
    let correct = false;
    const lines = [];
    if (question.type === 'idx') {
      const want = w.levels.map((lv) => lv.index);
      const got = ans.split(/[^0-9a-fx]+/i).filter(Boolean).map(parseNumber);
      correct = got.length === 4 && got.every((g, i) => g !== null && Number(g) === want[i]);
      lines.push('pt_walk reads PML4[' + want[0] + '], PDPT[' + want[1] + '], PD[' + want[2] + '], PT[' + want[3] + '].');
      lines.push('Each index is 9 bits of the address: ' + FIELDS.slice(1, 5).map((f) => f.name + ' = bits ' + f.hi + '..' + f.lo +
        ' = ' + field(va, f)).join(', ') + '; (va >> (12 + 9 \u00d7 (3 \u2212 level))) & 511.');
    } else if (question.type === 'pa') {
      const t = ans.trim().toLowerCase();
      if (w.mapped) {
        const got = parseHex(t);
        correct = got !== null && /^(0x)?[0-9a-f_]+$/.test(t) && got === w.phys;
        lines.push('pt_walk: ' + hex(va) + ' \u2192 ' + hex(w.phys) + ', frame ' + hex(w.phys & ~(w.pageSize - 1n)) +
          ' + offset ' + hex(w.phys & (w.pageSize - 1n)) + ' of a ' + size(w.pageSize) + ' page.');
        if (w.pageSize === 2097152n) lines.push('A 2 MiB page: the offset is the low 21 bits, not 12.');
      } else {
        correct = /^(fault|none|#?pf|page fault|unmapped|-)$/.test(t);
        lines.push('pt_walk finds no page: it does not translate, a page fault.');
      }
      lines.push(...walkExplained(w));
    } else {
      const code = accessCode(va, ACCESS.WRITE, true);
      const got = parseNumber(ans.trim().toLowerCase() === 'no' ? '0' : ans);
      /* "0" answers "allowed": a user write that faults always sets W and U. */
      correct = got !== null && Number(got) === (code === ALLOWED ? 0 : code);
      lines.push('pt_check_access(' + hex(va) + ', write, user): ' + (code !== ALLOWED ? 'faults, error code ' + errCodeText(code) + '.' : 'allowed.'));
      lines.push(why(w, ACCESS.WRITE, true, code));
      if (code !== ALLOWED) lines.push('Bits: ' + ERR_BITS.map(([n, b]) => n + ' (' + b + ') = ' + ERR_WORDS[n]).join(', ') + '.');
    }
    W.showVerdict($('ex-result'), correct, lines);
  }

  /* --- wiring ------------------------------------------------------------- */

  function tour() {
    ctl.pause();
    sc.ops = TOUR.map(([, va]) => walkOp(va));
    sc.ex = null; question = null; showQuestion();
    runAll();
    resetTo(0);
    render();
  }

  function wire() {
    drawLegend();
    for (const [name, va] of TOUR) {
      const b = el('button', 'small preset', name);
      b.type = 'button';
      b.dataset.va = hex(va);
      b.addEventListener('click', () => { $('va').value = hex(va); userOp(walkOp(va)); });
      $('presets').append(b);
    }
    $('walk-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const va = parseHex($('va').value);
      if (va === null) { $('va').classList.add('invalid'); return; }
      $('va').classList.remove('invalid');
      userOp(walkOp(va));
    });
    ctl = W.player(SPEEDS, {
      forward: stepForward,
      back: stepBack,
      toStart: () => { resetTo(0); render(); },
      toEnd: () => { resetTo(total); render(); },
      position: () => [sc.pos, total],
      render,
    });
    $('btn-tour').addEventListener('click', tour);
    $('btn-clear').addEventListener('click', () => {
      ctl.pause();
      sc.ops = []; sc.ex = null; question = null; showQuestion();
      runAll(); resetTo(0); render();
    });
    W.copyLinkButton($('btn-link'), scenarioQuery);
    $('edit-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = editForm();
      if (f.va === null) { editError('VA: a hex address, please'); return; }
      if (f.paText !== '' && f.pa === null) { editError('PA: a hex address, or blank for a free frame'); return; }
      userOp('m' + f.va.toString(16) + '_' + (f.pa === null ? 'f' : f.pa.toString(16)) + '_' + (f.huge ? 'h' : 's') +
        '_' + f.perm.toString(16));
    });
    $('btn-unmap').addEventListener('click', () => {
      const f = editForm();
      if (f.va === null) { editError('VA: a hex address, please'); return; }
      userOp('u' + f.va.toString(16));
    });
    $('btn-protect').addEventListener('click', () => {
      const f = editForm();
      if (f.va === null) { editError('VA: a hex address, please'); return; }
      userOp('p' + f.va.toString(16) + '_' + f.perm.toString(16));
    });
    $('btn-tamper').addEventListener('click', () => {
      const data = segments.find((g) => g.name.startsWith('kernel .data'));
      userOp('p' + data.va.toString(16) + '_' + (PTE.W | PTE.G).toString(16));
    });
    showExercise = W.exercise({
      seed: () => (question ? sc.ex : null),
      ask: newExercise,
      check: checkAnswer,
      show: () => {
        if (!question) return;
        if (sc.pos !== question.pos) resetTo(question.pos);
        $('va').value = question.va;
        userOp(walkOp(BigInt(question.va)));
      },
    });
    W.onHashChange(scenarioQuery, loadFromURL);
  }

  function loadFromURL() {
    ctl.pause();
    readURL();
    question = null;
    if (sc.ex !== null) {
      resetTo(sc.qpos === null ? sc.pos : sc.qpos);
      question = makeQuestion(sc.ex);
    }
    resetTo(sc.pos);
    showQuestion();
    if (view.walk) $('va').value = hex(view.walk.va);
    render();
  }

  /* For tests and the curious (window.aurora): a few helpers. */
  function exposed() {
    return {
      scenario: sc,
      walkOf: (va) => { const w = walkOf(BigInt(va)); return JSON.parse(JSON.stringify(w, (k, v) => typeof v === 'bigint' ? hex(v) : v)); },
      question: () => question,
      total: () => total,
    };
  }

  /* The names of levels, entry bits, frame kinds, the bridge's permission
     bits, access kinds and error-code bits, from the C code. */
  function namesFromC() {
    const str = (p) => M.UTF8ToString(p);
    LEVELS = W.cNames(M, M._pt_level_name);
    NEXT = LEVELS.slice(1);
    FLAGS = [];
    for (let bit = 0; bit < 64; bit++) {
      const name = str(M._pt_flag_name(bit));
      if (name) FLAGS.push([name, BigInt(bit), FLAG_WORDS[name] || name]);
    }
    PTE = Object.fromEntries(FLAGS.map(([name, bit]) => [name, 1n << bit]));
    PTE.ADDR = u64(M._lab2_pte_addr_mask());
    kindNames = W.cNames(M, M._sim_frame_kind_name);
    PERM = Object.fromEntries(W.cBits(M, M._lab2_perm_name));
    ACCESS = W.cEnum(M, M._pt_access_name);
    accessNames = W.cNames(M, M._pt_access_name);
    ERR_BITS = W.cBits(M, M._lab2_pf_err_name);
  }

  W.start('AuroraLab2', 'lab2-module.js', 'kernel/mm/pagetable.c', (mod) => {
    M = mod;
    namesFromC();
    nframes = M._lab2_nframes();
    wire();
    loadFromURL();
    return exposed();
  });
})();
