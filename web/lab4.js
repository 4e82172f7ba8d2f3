/*
 * Lab 4's page: draws what the kernel's shared C (compiled by emcc, loaded
 * as AuroraLab4 from lab4-module.js; glue in web/bridge/process_bridge.c)
 * holds, and drives it.  No loader, paging or policy logic lives here:
 * every segment, region, page, frame, reference count, stack word, formatted
 * call and verdict shown comes from the C code; this file only words the
 * explanations and lays things out.
 *
 * The scenario: a program (lab4-programs.js) with argv and envp, then a
 * script of actions, replayed from an empty machine:
 *   the loader's steps (exec_loader.c's, one at a time), then
 *   "b<s>"            brk(brk + 4 KiB) in process s
 *   "m<s>"            mmap 8 KiB, anonymous, read-write
 *   "t<s>_<va>_<r|w>" an access to va (a page fault if it is not mapped)
 *   "w<s>_<va>"       a store of 8 bytes at va (copy-on-write if shared)
 *   "f<s>"            fork process s
 *   "x<s>"            process s exits
 *   "!"               break it: a reference count off by one
 * `step` steps of it have run.  Stepping back replays from the start, exact
 * because the C code is deterministic.  The system-call panel is separate:
 * a trace (lab4-traces.js) and the capabilities held.
 */
'use strict';

(function () {
  const W = window.AuroraWeb;
  const $ = W.$;
  const SPEEDS = [1500, 900, 500, 250, 120, 40];	/* ms a step */
  const PAGE = 4096n;
  const FRAME_COLORS = { free: '#ffffff', table: '#f0a93b', data: '#74cc91', shared: '#d36bb0' };
  const PHYS_COLS = 64, PHYS_CELL = 7;
  const BIG_REGION = 48;	/* pages: a larger region shows only what is mapped */
  const DEFAULT_ENV = 'HOME=/ PATH=/bin';
  const ASKED_AUX = ['AT_ENTRY', 'AT_PHNUM', 'AT_PHDR', 'AT_PHENT', 'AT_PAGESZ', 'AT_RANDOM', 'AT_EXECFN'];

  const PROGRAMS = window.AuroraLab4Programs || [];
  const TRACES = window.AuroraLab4Traces || [];

  let M = null;
  /* The C code's enums, by their names (on load). */
  let STEP = null;		/* enum exec_step: { PARSE, SEGMENT, HEAP, STACK_BUILD, ... } */
  let FRAME = null;		/* enum sim_frame_kind: { FREE, FIRMWARE, KERNEL, TABLE, DATA } */
  let PERM = null;		/* { R, W, U, X }: the bits of lab4_seg_flags and the like, by lab4_perm_name */
  const sc = { prog: '', cmd: '', env: DEFAULT_ENV, seed: 1, ops: [], pos: 0, trace: '', caps: 0, ex: null };
  let custom = null;		/* a program from the reader's disk: { name, bytes } */
  let loaded = null;		/* what the C module holds: { key } of the program and arguments */
  let records = [];		/* every step: the loader's, then the actions' */
  let loaderSteps = 0;
  let loaderOk = false;
  let ctl = null;
  let question = null;
  let showExercise = null;
  let capAll = 0;
  let capNames = [];

  /* --- numbers and words --------------------------------------------------- */

  const { u64, hex, parseHex, parseNumber, pick, el } = W;
  function size(n) {
    n = Number(n);
    const units = [[2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [1024, 'KiB']];
    for (const [u, name] of units)
      if (n >= u) return (n % u === 0 ? n / u : (n / u).toFixed(2).replace(/\.?0+$/, '')) + ' ' + name;
    return n + ' B';
  }
  function errName(r) { return W.errName(M, r); }
  function permText(p) { return (p & PERM.R ? 'r' : '-') + (p & PERM.W ? 'w' : '-') + (p & PERM.X ? 'x' : '-'); }
  /* Words as a shell splits them, with '...' and "..." quoting. */
  function splitWords(text) {
    const out = [];
    const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
    let m;
    while ((m = re.exec(text))) out.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2] : m[3]);
    return out;
  }
  const spaceName = (s) => 'P' + s;

  /* --- the module: strings in and out ---------------------------------------- */

  function putText(s) {
    const bytes = new TextEncoder().encode(s);
    const max = M._lab4_text_max() - 1;
    const n = Math.min(bytes.length, max);
    M.HEAPU8.set(bytes.subarray(0, n), M._lab4_text());
    M.HEAPU8[M._lab4_text() + n] = 0;
  }
  const str = (p) => M.UTF8ToString(p);

  function peekBytes(s, va, len) {
    const p = M._lab4_peek(s, u64(va), len);
    return p ? M.HEAPU8.slice(p, p + len) : null;
  }
  function peekWord(s, va) {
    const b = peekBytes(s, va, 8);
    return b ? new DataView(b.buffer).getBigUint64(0, true) : null;
  }
  /* The bytes of the NUL-terminated string at va (NUL left out), a byte at
     a time: strings are short.  null if unreadable or longer than max (1 KiB unless given). */
  function peekCString(s, va, max) {
    const out = [];
    for (let i = 0; i < (max || 1024); i++) {
      const b = peekBytes(s, u64(va) + BigInt(i), 1);
      if (!b) return null;
      if (b[0] === 0) return new Uint8Array(out);
      out.push(b[0]);
    }
    return null;
  }
  const utf8 = (bytes) => new TextDecoder().decode(bytes);
  function peekString(s, va, max) {
    const b = peekCString(s, va, max);
    return b === null ? null : utf8(b);
  }

  /* A string of one character per byte (as the traces hold them) into lab4_text(). */
  function putLatin1(s) {
    const n = Math.min(s.length, M._lab4_text_max() - 1), t = M._lab4_text();
    for (let i = 0; i < n; i++) M.HEAPU8[t + i] = s.charCodeAt(i) & 0xff;
    M.HEAPU8[t + n] = 0;
  }

  /* --- the program ------------------------------------------------------------ */

  function programBytes(name) {
    if (custom && name === custom.name) return custom.bytes;
    const p = PROGRAMS.find((q) => q.name === name);
    if (!p) return null;
    const bin = atob(p.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  const argvOf = () => splitWords(sc.cmd);
  const envpOf = () => splitWords(sc.env);

  /* Hand the image and the strings to the C code, if they changed. */
  function loadInputs() {
    const key = JSON.stringify([sc.prog, sc.cmd, sc.env, custom ? custom.name : '']);
    if (loaded && loaded.key === key) return;
    const bytes = programBytes(sc.prog) || new Uint8Array(0);
    const p = M._lab4_image_buffer(bytes.length);
    if (!p) throw new Error('no memory for the image');
    M.HEAPU8.set(bytes, p);
    M._lab4_args_clear();
    argvOf().forEach((a) => { putText(a); M._lab4_arg_add(0); });
    envpOf().forEach((a) => { putText(a); M._lab4_arg_add(1); });
    loaded = { key };
  }

  /* --- the steps --------------------------------------------------------------- */

  function segmentInfo(i) {
    return { vaddr: u64(M._lab4_seg_vaddr(i)), memsz: u64(M._lab4_seg_memsz(i)), offset: u64(M._lab4_seg_offset(i)),
      filesz: u64(M._lab4_seg_filesz(i)), flags: M._lab4_seg_flags(i) };
  }
  const pageDown = (v) => v & ~(PAGE - 1n);
  const pageUp = (v) => (v + PAGE - 1n) & ~(PAGE - 1n);

  /* The loader step just taken: what it did, in words (a title and detail lines). */
  function loaderRecord() {
    const kind = M._lab4_last_step(), err = M._lab4_last_error(), i = M._lab4_last_segment();
    const rec = { kind, seg: i, err, ok: err === 0 };
    const fail = err ? ' \u2192 ' + errName(err) : '';
    if (kind === STEP.PARSE) {
      const why = str(M._lab4_parse_why());
      rec.title = 'elf_parse' + (err ? ' \u2192 ' + errName(err) + ': ' + why : ': ' + M._lab4_nsegments() + ' PT_LOAD segments, entry ' + hex(M._lab4_entry()));
      rec.detail = err ? ['The loader refuses the file: ' + why + '. Nothing is mapped; execve returns ' + errName(err) + '.']
        : ['A static x86_64 executable (ET_EXEC). elf_parse checked every header and offset against the file\'s ' +
          'length and reduced the program headers to ' + M._lab4_nsegments() + ' segments to map.',
        'Entry point ' + hex(M._lab4_entry()) + '; the program headers appear in memory at ' + hex(M._lab4_phdr()) +
          ' (' + M._lab4_phnum() + ' of ' + M._lab4_phentsize() + ' bytes): what AT_PHDR, AT_PHNUM and AT_PHENT will say.'];
    } else if (kind === STEP.SEGMENT) {
      const s = segmentInfo(i);
      const start = pageDown(s.vaddr), stop = pageUp(s.vaddr + s.memsz);
      rec.title = 'segment ' + i + ': uvm_add_region(' + hex(start) + ', ' + hex(stop) + ', ' +
        permText(s.flags) + ') + uvm_fill(' + s.filesz + ' bytes)' + fail;
      rec.detail = ['PT_LOAD ' + i + ': file bytes [' + hex(s.offset) + ', ' + hex(s.offset + s.filesz) + ') go to ' +
        hex(s.vaddr) + '; it takes ' + hex(s.memsz) + ' bytes in memory, so the region is [' + hex(start) + ', ' + hex(stop) +
        '), ' + (stop - start) / PAGE + ' page' + ((stop - start) / PAGE === 1n ? '' : 's') + ', ' + permText(s.flags) + '.',
      'uvm_fill copies the file\'s bytes, faulting each page in as it goes (ignoring the region\'s write permission: ' +
        'the loader fills read-only text).' + (s.memsz > s.filesz ? ' The last ' + (s.memsz - s.filesz) +
        ' bytes (.bss) are not in the file: they stay zero.' : '')];
    } else if (kind === STEP.HEAP) {
      const end = u64(M._lab4_load_end());
      rec.title = 'uvm_set_heap(' + hex(end) + ')' + fail;
      rec.detail = ['The heap starts, empty, at the end of the highest segment: brk = ' + hex(end) +
        '. No region and no page yet: brk(2) will grow it.'];
    } else if (kind === STEP.STACK_BUILD) {
      rec.title = 'ustack_build: argc ' + M._lab4_argc() + ', envc ' + M._lab4_envc() + ', ' + M._lab4_auxc() +
        ' auxv pairs, sp ' + hex(M._lab4_sp()) + fail;
      rec.detail = err ? ['The arguments do not fit: execve returns ' + errName(err) + '.']
        : ['In a kernel buffer that will appear just below ' + hex(M._lab4_stack_top()) + ': the strings at the top, 16 random ' +
          'bytes (AT_RANDOM), padding to align, then auxv, envp, argv and argc, where %rsp will point.',
        'Nothing is in the address space yet: the column on the right shows the buffer.'];
    } else if (kind === STEP.STACK_MAP) {
      const top = u64(M._lab4_stack_top()), max = u64(M._lab4_stack_max());
      rec.title = 'uvm_add_region(' + hex(top - max) + ', ' + hex(top) + ', rw-, stack)' + fail;
      rec.detail = ['An 8 MiB stack region, ' + (max / PAGE) + ' pages, none of them mapped: a page appears when first touched. ' +
        'The page above it stays unmapped, a guard.'];
    } else {
      const sp = u64(M._lab4_sp()), top = u64(M._lab4_stack_top());
      rec.title = 'uvm_fill(' + hex(sp) + ', ' + (top - sp) + ' bytes): the stack image' + fail;
      rec.detail = ['Only the ' + ((top - pageDown(sp)) / PAGE) + ' page(s) holding the image are faulted in. ' +
        'The process would start at ' + hex(M._lab4_entry()) + ' with %rsp = ' + hex(sp) + '.'];
    }
    return rec;
  }

  function decodeOp(op) {
    let m;
    if ((m = /^([bmfx])([0-3])$/.exec(op))) return { kind: m[1], s: Number(m[2]) };
    if ((m = /^t([0-3])_([0-9a-f]{1,16})_([rw])$/.exec(op))) return { kind: 't', s: Number(m[1]), va: BigInt('0x' + m[2]), write: m[3] === 'w' };
    if ((m = /^w([0-3])_([0-9a-f]{1,16})$/.exec(op))) return { kind: 'w', s: Number(m[1]), va: BigInt('0x' + m[2]) };
    if (op === '!') return { kind: '!' };
    return null;
  }

  /* The page va lives in, in space s: its frame and reference count. */
  function frameOf(s, va) {
    const n = M._lab4_pages_of(s);
    for (let i = 0; i < n; i++)
      if (u64(M._lab4_page_va(i)) === pageDown(va)) {
        const pa = u64(M._lab4_page_pa(i));
        return { pa, refs: M._lab4_refs(pa), perms: M._lab4_page_perms(i) };
      }
    return null;
  }

  const counters = (s) => ({ zero: u64(M._lab4_zero_fills(s)), copies: u64(M._lab4_cow_copies(s)),
    reuses: u64(M._lab4_cow_reuses(s)) });

  /* A fault, in words: what the counters say happened. */
  function faultWords(before, after, was, now) {
    if (after.zero > before.zero) return 'page fault: a zeroed frame ' + hex(now.pa) + ' (demand zero)';
    if (after.copies > before.copies) return 'page fault on a shared page: copied frame ' + hex(was.pa) + ' to ' + hex(now.pa) + ' (copy-on-write)';
    if (after.reuses > before.reuses) return 'page fault on a page no one else holds now: frame ' + hex(now.pa) + ' made writable again, no copy';
    return 'no fault: the page was mapped with this access allowed';
  }

  /* Run one action on the C state; its record. */
  function applyOp(op) {
    const d = decodeOp(op);
    const rec = { op, d, ok: true, action: true };
    if (d.kind === '!') {
      const pa = u64(M._lab4_tamper());
      rec.title = 'bug: the reference count of frame ' + hex(pa) + ' is now off by one';
      rec.ok = false;
      return rec;
    }
    if (!M._lab4_space_live(d.s)) { rec.title = spaceName(d.s) + ': no such process'; rec.ok = false; return rec; }
    const who = spaceName(d.s) + ': ';
    if (d.kind === 'b') {
      const old = u64(M._lab4_brk(d.s));
      const got = u64(M._lab4_brk_to(d.s, old + PAGE));
      rec.ok = got === old + PAGE;
      rec.title = who + 'brk(' + hex(old + PAGE) + ') = ' + hex(got) + (rec.ok ? ': the heap region ends at ' + hex(pageUp(got)) + ', no page yet' : ': refused');
    } else if (d.kind === 'm') {
      const r = M._lab4_mmap(d.s, 8192n);
      rec.ok = r > 0n;
      rec.title = who + 'mmap(NULL, 8192, rw-) = ' + (rec.ok ? hex(r) + ': a region, no page yet' : errName(r));
    } else if (d.kind === 't' || d.kind === 'w') {
      const before = counters(d.s), was = frameOf(d.s, d.va);
      const r = d.kind === 't' ? M._lab4_touch(d.s, d.va, d.write ? 1 : 0) : M._lab4_store(d.s, d.va, 0x4155524f5241n);
      const after = counters(d.s), now = frameOf(d.s, d.va);
      rec.ok = r === 0;
      const verb = d.kind === 'w' ? 'writes 8 bytes at ' : (d.write ? 'write access at ' : 'read access at ');
      rec.title = who + verb + hex(d.va) + ' \u2192 ' + (rec.ok ? faultWords(before, after, was, now)
        : errName(r) + (errName(r) === '-EFAULT' ? ': no region allows it, a segmentation fault' : ''));
    } else if (d.kind === 'f') {
      const c = M._lab4_fork(d.s);
      rec.ok = c >= 0;
      rec.child = c;
      rec.title = who + 'fork() = ' + (rec.ok ? spaceName(c) + ': every page shared, writable ones now read-only in both' : errName(c));
    } else if (d.kind === 'x') {
      const r = M._lab4_exit(d.s);
      rec.ok = r === 0;
      rec.title = who + 'exit: uvm_destroy puts every frame reference' + (rec.ok ? '' : ' \u2192 ' + errName(r));
    }
    return rec;
  }

  /* Replay to `pos` steps: the loader's first, then the actions. */
  function replay(pos, collect) {
    loadInputs();
    M._lab4_begin(sc.seed >>> 0);
    const out = [];
    let n = 0;
    while (n < pos && M._lab4_step()) {
      n++;
      if (collect) out.push(loaderRecord());
    }
    if (collect) { loaderSteps = n; loaderOk = M._lab4_loaded() === 1; }
    for (let i = 0; n < pos && i < sc.ops.length && M._lab4_loaded(); i++, n++) {
      const rec = applyOp(sc.ops[i]);
      if (collect) out.push(rec);
    }
    return out;
  }

  /* Run everything once, to know every step. */
  function runAll() {
    records = replay(Infinity, true);
    if (!loaderOk) sc.ops = [];
    else sc.ops = sc.ops.slice(0, records.length - loaderSteps);
    records.forEach((r, i) => { r.index = i; });
  }

  function resetTo(pos) {
    sc.pos = Math.max(0, Math.min(pos, records.length));
    replay(sc.pos, false);
  }

  /* --- the URL ---------------------------------------------------------------- */

  function capsText(caps) { return str(M._lab4_cap_format(caps >>> 0)); }
  function capsParse(text) {
    putText(text);
    const r = Number(M._lab4_cap_parse());
    return r < 0 ? null : r;
  }

  function defaultCmd(name) {
    const p = PROGRAMS.find((q) => q.name === name);
    return p && p.argv ? p.argv.map((a) => (/\s/.test(a) ? '"' + a + '"' : a)).join(' ') : name;
  }

  function readURL() {
    const q = W.readParams();
    sc.prog = q.get('prog') || '';
    if (!(custom && sc.prog === custom.name) && !PROGRAMS.some((p) => p.name === sc.prog))
      sc.prog = PROGRAMS.length ? PROGRAMS[0].name : '';
    sc.cmd = q.has('argv') ? q.get('argv') : defaultCmd(sc.prog);
    sc.env = q.has('env') ? q.get('env') : DEFAULT_ENV;
    sc.seed = W.intParam(q, 'seed', 0, 4294967295, 1);
    sc.ops = (q.get('ops') || '').split('.').filter((o) => decodeOp(o) !== null).slice(0, 200);
    sc.trace = TRACES.some((t) => t.name === q.get('trace')) ? q.get('trace') : (TRACES.length ? TRACES[0].name : '');
    const caps = q.has('caps') ? capsParse(q.get('caps')) : null;
    sc.caps = caps === null ? capAll : caps;
    sc.ex = W.intParam(q, 'ex', 0, 4294967295, null);
    runAll();
    sc.pos = W.intParam(q, 'step', 0, records.length, 0);
  }

  function scenarioQuery() {
    const q = new URLSearchParams();
    q.set('prog', sc.prog);
    q.set('argv', sc.cmd);
    q.set('env', sc.env);
    q.set('seed', sc.seed);
    q.set('ops', sc.ops.join('.'));
    q.set('step', sc.pos);
    q.set('trace', sc.trace);
    q.set('caps', capsText(sc.caps));
    if (sc.ex !== null && question) q.set('ex', sc.ex);
    return q.toString();
  }

  /* --- drawing: the loader ------------------------------------------------------- */

  function renderLoader() {
    const cur = sc.pos > 0 ? records[sc.pos - 1] : null;
    const box = $('step-detail');
    box.innerHTML = '';
    box.className = 'step-detail' + (cur && !cur.ok ? ' bad' : '');
    if (!cur) {
      box.append(el('div', 'dim', 'An empty address space: execve has read ' + (programBytes(sc.prog) || []).length +
        ' bytes of ' + sc.prog + ' and is about to load it with argv ' + JSON.stringify(argvOf()) +
        '. Step or play through the loader\'s steps.'));
    } else {
      box.append(el('div', 'title mono', cur.title));
      for (const l of cur.detail || []) box.append(el('div', 'line', l));
    }
    $('step-caption').textContent = cur ? (cur.action ? 'action ' + (sc.pos - loaderSteps) : 'step ' + sc.pos + ' of ' + loaderSteps) : '';

    const tb = $('segments');
    tb.innerHTML = '';
    const parsed = sc.pos >= 1 && records[0].ok;
    if (parsed) {
      for (let i = 0; i < M._lab4_nsegments(); i++) {
        const s = segmentInfo(i);
        const tr = el('tr');
        const seg = records.findIndex((r) => !r.action && r.kind === STEP.SEGMENT && r.seg === i);
        if (cur && !cur.action && cur.kind === STEP.SEGMENT && cur.seg === i) tr.classList.add('current');
        else if (seg >= sc.pos || seg < 0) tr.classList.add('future');
        [String(i), hex(s.offset), hex(s.filesz), hex(s.vaddr), hex(s.memsz),
          (s.flags & PERM.R ? 'R' : ' ') + (s.flags & PERM.W ? 'W' : ' ') + (s.flags & PERM.X ? 'E' : ' '),
          '[' + hex(pageDown(s.vaddr)) + ', ' + hex(pageUp(s.vaddr + s.memsz)) + ')'].forEach((t, k) =>
          tr.append(el('td', k ? 'mono' : '', t)));
        tb.append(tr);
      }
    } else {
      const tr = el('tr');
      const td = el('td', 'dim', sc.pos ? 'elf_parse refused the file.' : 'elf_parse has not run yet.');
      td.colSpan = 7;
      tr.append(td);
      tb.append(tr);
    }

    W.stepList($('log'), records, sc.pos, (n) => { ctl.pause(); resetTo(n); render(); }, (li, i) => {
      if (records[i].action && i === loaderSteps) li.classList.add('first-action');
    });
  }

  /* --- drawing: the address spaces ------------------------------------------------ */

  function liveSpaces() {
    const out = [];
    for (let s = 0; s < M._lab4_max_spaces(); s++) if (M._lab4_space_live(s)) out.push(s);
    return out;
  }

  function regionsOf(s) {
    const n = M._lab4_regions(s), out = [];
    for (let i = 0; i < n; i++)
      out.push({ start: u64(M._lab4_region_start(i)), end: u64(M._lab4_region_end(i)), perms: M._lab4_region_perms(i),
        kind: str(M._lab4_region_kind(i)) });
    return out;
  }

  function pagesOf(s) {
    const n = M._lab4_pages_of(s), out = new Map();
    for (let i = 0; i < n; i++) {
      const pa = u64(M._lab4_page_pa(i));
      out.set(u64(M._lab4_page_va(i)), { pa, perms: M._lab4_page_perms(i), refs: M._lab4_refs(pa) });
    }
    return out;
  }

  function pageCell(s, va, p, region) {
    const c = el('span', 'pg');
    c.dataset.va = hex(va);
    if (!p) {
      c.classList.add('untouched');
      c.title = hex(va) + ': not mapped yet (demand zero)';
    } else {
      c.dataset.pa = hex(p.pa);
      c.dataset.refs = p.refs;
      c.classList.add(p.refs > 1 ? 'shared' : 'private');
      if (region && region.perms & PERM.W && !(p.perms & PERM.W)) c.classList.add('cow');
      c.title = hex(va) + ' \u2192 frame ' + hex(p.pa) + ', ' + permText(p.perms) + ', refcount ' + p.refs +
        (c.classList.contains('cow') ? ' (read-only until written: copy-on-write)' : '');
      if (p.refs > 1) c.textContent = String(p.refs);
    }
    c.addEventListener('click', () => {
      $('write-va').value = hex(va);
      $('act-space').value = String(s);
    });
    return c;
  }

  /* A region's page strip: every page of a small region, only the mapped
     runs (and how many untouched between) of a large one. */
  function pageStrip(s, r, pages) {
    const strip = el('div', 'pages');
    const n = (r.end - r.start) / PAGE;
    if (n <= BIG_REGION) {
      for (let va = r.start; va < r.end; va += PAGE) strip.append(pageCell(s, va, pages.get(va), r));
      return strip;
    }
    const mapped = [...pages.keys()].filter((va) => va >= r.start && va < r.end).sort((a, b) => (a < b ? -1 : 1));
    let at = r.start;
    const gap = (to) => { if (to > at) strip.append(el('span', 'skip', '\u2026 ' + ((to - at) / PAGE) + ' untouched \u2026')); };
    for (const va of mapped) {
      gap(va);
      strip.append(pageCell(s, va, pages.get(va), r));
      at = va + PAGE;
    }
    gap(r.end);
    return strip;
  }

  function spaceColumn(s) {
    const col = el('div', 'space');
    col.dataset.space = s;
    const parent = M._lab4_space_parent(s);
    const head = el('h3', '', spaceName(s) + (s === 0 ? ' ' + sc.prog : ' forked from ' + spaceName(parent)));
    col.append(head);
    const regions = regionsOf(s), pages = pagesOf(s);
    const c = counters(s);
    col.append(el('div', 'small dim', u64(M._lab4_pages(s)) + ' pages, ' + u64(M._lab4_table_count(s)) + ' table frames, ' +
      c.zero + ' zero fills, ' + c.copies + ' COW copies, ' + c.reuses + ' COW reuses'));
    const map = el('div', 'map');
    let above = u64(M._lab4_user_end());
    for (const r of [...regions].reverse()) {
      if (above > r.end) map.append(el('div', 'gap', 'gap ' + size(above - r.end) + (r.kind === 'stack' &&
        above - r.end === PAGE ? ': the guard page' : '')));
      const box = el('div', 'region k-' + r.kind);
      box.dataset.start = hex(r.start);
      box.dataset.kind = r.kind;
      const label = el('div', 'rlabel');
      label.append(el('span', 'perm mono', permText(r.perms)), el('span', 'kind', r.kind),
        el('span', 'mono', hex(r.start) + '\u2013' + hex(r.end)), el('span', 'dim', size(r.end - r.start)));
      box.append(label, pageStrip(s, r, pages));
      map.append(box);
      above = r.start;
    }
    const heap = u64(M._lab4_heap_start(s)), brk = u64(M._lab4_brk(s));
    if (heap && brk === heap) map.append(el('div', 'heap-mark', 'heap: empty, brk = ' + hex(brk)));
    if (above > 0n) map.append(el('div', 'gap', (above > 0x1000n ? 'gap ' + size(above) + ', ' : '') + 'page zero never mapped'));
    col.append(map);
    return col;
  }

  function renderSpaces() {
    const box = $('spaces');
    box.innerHTML = '';
    const live = liveSpaces();
    for (const s of live) box.append(spaceColumn(s));
    if (!live.length) box.append(el('div', 'dim', 'No process.'));

    const tb = $('regions');
    tb.innerHTML = '';
    for (const s of live) {
      const pages = pagesOf(s);
      for (const r of regionsOf(s)) {
        const tr = el('tr');
        tr.dataset.space = s;
        tr.dataset.start = hex(r.start);
        tr.dataset.end = hex(r.end);
        tr.dataset.perm = permText(r.perms);
        tr.dataset.kind = r.kind;
        const mapped = [...pages.keys()].filter((va) => va >= r.start && va < r.end).length;
        tr.dataset.mapped = mapped;
        [spaceName(s), hex(r.start), hex(r.end), size(r.end - r.start), permText(r.perms), r.kind, String(mapped)]
          .forEach((t, k) => {
            const td = el('td', k === 1 || k === 2 ? 'mono' : '', t);
            if (k === 4) td.className = 'perm mono ' + (r.perms & PERM.X ? 'x' : r.perms & PERM.W ? 'w' : 'r');
            tr.append(td);
          });
        tb.append(tr);
      }
    }

    /* the action controls: which process, which region */
    const sel = $('act-space'), keep = sel.value;
    sel.innerHTML = '';
    for (const s of live) sel.append(new Option(spaceName(s), String(s)));
    if (live.map(String).includes(keep)) sel.value = keep;
    else if (live.length) sel.value = String(live[0]);
    updateTouchRegions();
    const ready = M._lab4_loaded() === 1 && live.length > 0;
    for (const id of ['btn-brk', 'btn-mmap', 'btn-touch', 'btn-write', 'btn-fork', 'btn-cow', 'btn-exit'])
      $(id).disabled = !ready;
    $('btn-tamper').disabled = !ready;
  }

  /* The region "touch page" works on: the reader's choice while it exists,
     else a heap, mmap or stack region with a page left untouched, where
     demand zero shows. */
  let touchChoice = null;
  function updateTouchRegions() {
    const s = Number($('act-space').value);
    const sel = $('touch-region');
    sel.innerHTML = '';
    if (!M._lab4_space_live(s)) return;
    const regions = regionsOf(s);
    for (const r of regions) sel.append(new Option(r.kind + ' ' + hex(r.start) + ' ' + permText(r.perms), hex(r.start)));
    const preferred = ['heap', 'mmap', 'stack'].map((k) => regions.find((r) => r.kind === k && untouchedPage(s, r.start)))
      .find(Boolean);
    if (touchChoice !== null && regions.some((r) => hex(r.start) === touchChoice)) sel.value = touchChoice;
    else if (preferred) sel.value = hex(preferred.start);
  }

  /* --- drawing: the stack ------------------------------------------------------ */

  /* The stack's words and strings, read back from the C: from user memory
     once uvm_fill ran, else from ustack_build's kernel buffer. */
  function stackCells() {
    if (!M._lab4_stack_built()) return null;
    const filled = records.slice(0, sc.pos).some((r) => !r.action && r.kind === STEP.STACK_FILL && r.ok) && M._lab4_space_live(0);
    const src = filled ? 0 : -1;
    const sp = u64(M._lab4_sp()), argc = Number(M._lab4_argc()), envc = Number(M._lab4_envc());
    const argv = u64(M._lab4_argv()), envp = u64(M._lab4_envp()), auxv = u64(M._lab4_auxv());
    const auxc = Number(M._lab4_auxc()), random = u64(M._lab4_random());
    const strings = u64(M._lab4_strings()), end = u64(M._lab4_strings_end());
    const word = (va) => peekWord(src, va);
    const cells = [];
    const add = (c) => { cells.push(c); return c; };
    add({ kind: 'argc', addr: sp, value: word(sp), label: 'argc', note: '%rsp points here' });
    for (let i = 0; i <= argc; i++) {
      const va = argv + BigInt(8 * i), v = word(va);
      if (i === argc) add({ kind: 'null', addr: va, value: v, label: 'argv[' + i + ']' });
      else add({ kind: 'argv', index: i, addr: va, value: v, label: 'argv[' + i + ']', str: peekString(src, v) });
    }
    for (let i = 0; i <= envc; i++) {
      const va = envp + BigInt(8 * i), v = word(va);
      if (i === envc) add({ kind: 'null', addr: va, value: v, label: 'envp[' + i + ']' });
      else add({ kind: 'envp', index: i, addr: va, value: v, label: 'envp[' + i + ']', str: peekString(src, v) });
    }
    for (let i = 0; i < auxc; i++) {
      const va = auxv + BigInt(16 * i), type = word(va), v = word(va + 8n);
      const name = str(M._lab4_auxv_name(type)) || 'type ' + type;
      const c = add({ kind: 'auxv', addr: va, value: v, type, label: name });
      if (name === 'AT_EXECFN') c.str = peekString(src, v);
    }
    const pad = auxv + BigInt(16 * auxc);
    if (random > pad) add({ kind: 'pad', addr: pad, label: 'padding', note: (random - pad) + ' bytes, so that %rsp is 16-byte aligned' });
    const rb = peekBytes(src, random, 16);
    add({ kind: 'random', addr: random, label: 'AT_RANDOM bytes',
      note: rb ? [...rb].map((b) => b.toString(16).padStart(2, '0')).join('') : '?' });
    let at = strings;
    while (at < end) {
      const b = peekCString(src, at, Number(end - at));
      if (b === null) break;
      add({ kind: 'string', addr: at, label: JSON.stringify(utf8(b)), str: utf8(b) });
      at += BigInt(b.length + 1);
    }
    return { cells: cells.reverse(), filled };
  }

  function renderStack() {
    const ol = $('stack');
    ol.innerHTML = '';
    const st = stackCells();
    if (!st) {
      $('stack-source').textContent = '';
      ol.append(el('li', 'dim', 'Not built yet: ustack_build runs after the segments and the heap.'));
      return;
    }
    $('stack-source').textContent = st.filled ? 'read from the process\'s memory' : 'in the kernel\'s buffer, not yet copied in';
    ol.dataset.source = st.filled ? 'memory' : 'buffer';
    for (const c of st.cells) {
      const li = el('li', 'cell c-' + c.kind);
      li.dataset.kind = c.kind;
      li.dataset.addr = hex(c.addr);
      if (c.value !== undefined && c.value !== null) li.dataset.value = hex(c.value);
      if (c.index !== undefined) li.dataset.index = c.index;
      if (c.str !== undefined && c.str !== null) li.dataset.str = c.str;
      if (c.kind === 'auxv') li.dataset.name = c.label;
      li.append(el('span', 'addr mono', hex(c.addr).slice(-6)));
      li.querySelector('.addr').title = hex(c.addr);
      li.append(el('span', 'label', c.label));
      let val = '';
      if (c.kind === 'argc') val = c.value === null ? '?' : String(c.value);
      else if (c.kind === 'argv' || c.kind === 'envp') val = hex(c.value) + (c.str !== null ? ' \u2192 ' + JSON.stringify(c.str) : '');
      else if (c.kind === 'auxv') val = (c.label === 'AT_PHNUM' || c.label === 'AT_PHENT' || c.label === 'AT_PAGESZ' ||
        c.label === 'AT_CLKTCK' || /ID$/.test(c.label) || c.label === 'AT_SECURE') ? String(c.value) : hex(c.value);
      else if (c.kind === 'null') val = c.value === null ? '?' : c.value === 0n ? 'NULL' : hex(c.value);
      li.append(el('span', 'val mono', val));
      if (c.note) li.append(el('span', 'note', c.note));
      ol.append(li);
    }
  }

  /* --- drawing: counters, frames, invariants ---------------------------------- */

  function frameCounts() {
    const n = M._lab4_nframes();
    const kinds = M.HEAPU8.subarray(M._lab4_frame_kinds(), M._lab4_frame_kinds() + n);
    const refs = new Uint16Array(M.HEAPU8.buffer, M._lab4_frame_refs(), n);
    const c = { free: 0, table: 0, data: 0, shared: 0 };
    for (let f = 0; f < n; f++) {
      if (kinds[f] === FRAME.FREE) c.free++;
      else if (kinds[f] === FRAME.TABLE) c.table++;
      else if (refs[f] > 1) c.shared++;
      else c.data++;
    }
    return { c, kinds, refs, n };
  }

  function renderCounters() {
    const { c, n } = frameCounts();
    const t = $('counters');
    t.innerHTML = '';
    const row = (name, v, id) => {
      const tr = el('tr');
      tr.append(el('th', '', name));
      const td = el('td', '', String(v));
      td.id = id;
      tr.append(td);
      t.append(tr);
    };
    const live = liveSpaces();
    let copies = 0n, zero = 0n;
    for (const s of live) { const k = counters(s); copies += k.copies; zero += k.zero; }
    row('processes', live.length, 'ctr-spaces');
    row('page-table frames', M._lab4_table_frames(), 'ctr-tables');
    row('data frames (1 reference)', c.data, 'ctr-data');
    row('data frames shared (2+)', c.shared, 'ctr-shared');
    row('free frames', c.free + ' of ' + n, 'ctr-free');
    row('zero fills (demand zero)', zero, 'ctr-zero');
    row('copy-on-write copies', copies, 'ctr-cow');
    row('TLB flushes asked for', M._lab4_tlb_flushes(), 'ctr-tlb');
  }

  function drawLegend() {
    const add = (box, color, name, cls) => {
      const s = el('span', 'key');
      const sw = el('i', cls || '');
      if (color) sw.style.background = color;
      s.append(sw, name);
      box.append(s);
    };
    add($('legend'), FRAME_COLORS.free, 'free');
    add($('legend'), FRAME_COLORS.table, 'page table');
    add($('legend'), FRAME_COLORS.data, 'user page');
    add($('legend'), FRAME_COLORS.shared, 'shared by 2+ (refcount)');
    add($('page-legend'), null, 'untouched: no frame until first access', 'pg-untouched');
    add($('page-legend'), null, 'mapped, one reference', 'pg-private');
    add($('page-legend'), null, 'shared (the number: its refcount)', 'pg-shared');
    add($('page-legend'), null, 'read-only until written (copy-on-write)', 'pg-cow');
  }

  function drawPhys() {
    const { kinds, refs, n } = frameCounts();
    const cv = $('phys'), g = cv.getContext('2d');
    g.fillStyle = '#d8dee4';
    g.fillRect(0, 0, cv.width, cv.height);
    for (let f = 0; f < n; f++) {
      g.fillStyle = kinds[f] === FRAME.FREE ? FRAME_COLORS.free : kinds[f] === FRAME.TABLE ? FRAME_COLORS.table
        : refs[f] > 1 ? FRAME_COLORS.shared : FRAME_COLORS.data;
      g.fillRect((f % PHYS_COLS) * PHYS_CELL + 1, Math.floor(f / PHYS_COLS) * PHYS_CELL + 1, PHYS_CELL - 1, PHYS_CELL - 1);
    }
  }

  /* --- drawing: system calls ---------------------------------------------------- */

  function traceOf(name) { return TRACES.find((t) => t.name === name) || null; }

  /* Every call of the trace, formatted and judged by the C code. */
  function judge(trace, caps) {
    return trace.calls.map((c, i) => {
      const a = c.args.map((x) => BigInt(x));
      M._lab4_call_strings_clear();
      for (const [k, s] of Object.entries(c.str || {})) { putLatin1(s); M._lab4_call_string(a[Number(k)]); }
      const text = str(M._lab4_format_call(c.nr, a[0], a[1], a[2], a[3], a[4], a[5],
        c.ret === null ? 0n : BigInt(c.ret), c.ret === null ? 0 : 1));
      M._lab4_call_strings_clear();
      const missing = M._lab4_cap_missing(caps >>> 0, c.nr, a[0], a[1], a[2], a[3], a[4], a[5]) >>> 0;
      const needs = M._lab4_cap_required(c.nr, a[0], a[1], a[2], a[3], a[4], a[5]) >>> 0;
      return { i, pid: c.pid, nr: c.nr, name: str(M._lab4_syscall_name(c.nr)) || 'syscall_' + c.nr, text,
        allowed: missing === 0, missing, needs };
    });
  }

  function renderCaps() {
    for (let b = 0; b < capNames.length; b++) $('cap-' + capNames[b]).checked = (sc.caps & (1 << b)) !== 0;
    for (const btn of document.querySelectorAll('#cap-presets button'))
      btn.classList.toggle('on', capsParse(btn.dataset.caps) === sc.caps);
  }

  function renderTrace() {
    renderCaps();
    const trace = traceOf(sc.trace);
    const tb = $('calls');
    tb.innerHTML = '';
    $('trace').value = sc.trace;
    if (!trace) { $('trace-summary').textContent = 'No traces in this build.'; return; }
    const rows = judge(trace, sc.caps);
    const pids = [...new Set(rows.map((r) => r.pid))];
    let firstDenied = null;
    for (const r of rows) {
      const tr = el('tr', r.allowed ? 'allowed' : 'denied');
      tr.dataset.nr = r.nr;
      tr.dataset.name = r.name;
      tr.dataset.allowed = r.allowed ? '1' : '0';
      tr.dataset.missing = capsText(r.missing);
      tr.append(el('td', 'num dim', String(r.i + 1)));
      tr.append(el('td', 'num', pids.length > 1 ? String(pids.indexOf(r.pid) + 1) + '\u00b7' + r.pid : String(r.pid)));
      tr.append(el('td', 'mono call', r.text));
      tr.append(el('td', 'mono needs' + (r.needs ? '' : ' dim'), r.needs ? capsText(r.needs) : '\u2014'));
      tr.append(el('td', 'verdict', r.allowed ? 'allowed' : 'denied: needs ' + capsText(r.missing) + ' \u2192 -EPERM'));
      tb.append(tr);
      if (!r.allowed && !firstDenied) firstDenied = r;
    }
    const denied = rows.filter((r) => !r.allowed).length;
    const s = $('trace-summary');
    s.innerHTML = '';
    s.className = 'trace-summary ' + (denied ? 'bad' : 'ok');
    s.dataset.denied = denied;
    s.append(el('span', 'mono', '$ ' + trace.argv.map((a) => (/\s/.test(a) ? '"' + a + '"' : a)).join(' ')));
    s.append(el('span', '', rows.length + ' calls' + (pids.length > 1 ? ' from ' + pids.length + ' processes' : '') +
      ', holding ' + capsText(sc.caps) + ': ' + (denied ? denied + ' denied. Under Aurora the first, ' + firstDenied.name +
      ' (call ' + (firstDenied.i + 1) + '), returns -EPERM and the kernel logs "denied ' + firstDenied.name + ': needs ' +
      capsText(firstDenied.missing) + '"; what follows in the trace might not happen at all.' : 'all allowed.')));
    $('trace-output').textContent = trace.output + (trace.status ? '[exit status ' + trace.status + ']' : '');
  }

  /* --- the exercise --------------------------------------------------------------- */

  function makeQuestion(seed) {
    const rnd = W.mulberry32((seed ^ 0x4c414234) >>> 0);
    const argc = argvOf().length;
    const types = ['aux', 'aux', 'sp'].concat(argc ? ['argv', 'argv'] : []);
    const type = pick(rnd, types);
    if (type === 'aux') {
      const name = pick(rnd, ASKED_AUX);
      return { type, name, text: 'What value does ' + name + ' hold in the auxiliary vector of ' + sc.prog +
        '\'s initial stack? A number (hex with 0x, or decimal).' };
    }
    if (type === 'argv') {
      const i = Math.floor(rnd() * argc);
      return { type, index: i, text: 'Which address does argv[' + i + '] (' + JSON.stringify(argvOf()[i]) +
        ') point to? A hex address.' };
    }
    return { type, text: 'Where does %rsp point when ' + sc.prog + ' starts: at which address is argc? A hex address.' };
  }

  /* The answer, read from the C state at the end of loading. */
  function truth(q) {
    const keep = sc.pos;
    resetTo(loaderSteps);
    let v = null, where = null;
    if (M._lab4_loaded()) {
      if (q.type === 'aux') {
        const auxv = u64(M._lab4_auxv());
        for (let i = 0; i < Number(M._lab4_auxc()); i++) {
          const at = auxv + BigInt(16 * i);
          if (str(M._lab4_auxv_name(peekWord(0, at))) === q.name) { v = peekWord(0, at + 8n); where = at; break; }
        }
      } else if (q.type === 'argv') {
        where = u64(M._lab4_argv()) + BigInt(8 * q.index);
        v = peekWord(0, where);
      } else {
        v = u64(M._lab4_sp());
        where = v;
      }
    }
    resetTo(keep);
    return { v, where };
  }

  function explain(q, t) {
    const lines = [];
    if (t.v === null) return ['The program did not load, so there is no stack to read.'];
    if (q.type === 'aux') {
      lines.push(q.name + ' = ' + hex(t.v) + ' (' + t.v + '), the pair at ' + hex(t.where) + '.');
      const why = { AT_ENTRY: 'e_entry from the ELF header: where _start is.', AT_PHNUM: 'e_phnum: how many program headers ' +
        '(all of them, not only PT_LOAD), as the C runtime walks them to find PT_TLS.',
      AT_PHDR: 'where the program headers appear in memory: inside the first segment, which maps the file from offset 0.',
      AT_PHENT: 'the size of one program header, sizeof(Elf64_Phdr).', AT_PAGESZ: 'the page size.',
      AT_RANDOM: 'the address of the 16 random bytes just below the strings.',
      AT_EXECFN: 'the address of the file name string, the last string on the stack.' };
      lines.push(why[q.name]);
    } else if (q.type === 'argv') {
      lines.push('argv[' + q.index + '] is the word at ' + hex(t.where) + ' = argv + 8 \u00d7 ' + q.index +
        '; it holds ' + hex(t.v) + ', where ustack_build copied the string.');
    } else {
      lines.push('%rsp = ' + hex(t.v) + ': below the strings, the random bytes, auxv, envp and argv, rounded down to a ' +
        'multiple of 16 as the ABI requires.');
    }
    return lines;
  }

  function newExercise(seed) {
    ctl.pause();
    sc.ex = seed >>> 0;
    question = makeQuestion(sc.ex);
    showExercise(question, sc.ex);
    render();
  }

  function checkAnswer() {
    if (!question) return;
    const t = truth(question);
    const got = parseNumber($('ex-answer').value);
    const correct = t.v !== null && got !== null && got === t.v;
    W.showVerdict($('ex-result'), correct, explain(question, t));
    $('ex-result').dataset.truth = t.v === null ? '' : hex(t.v);
  }

  function showAnswer() {
    if (!question) return;
    ctl.pause();
    resetTo(loaderSteps);
    render();
    const t = truth(question);
    if (t.where === null) return;
    const cell = document.querySelector('#stack li[data-addr="' + hex(t.where) + '"]');
    if (cell) { cell.classList.add('answer'); cell.scrollIntoView({ block: 'nearest' }); }
    $('ex-result').className = 'ex-result shown';
    $('ex-result').textContent = 'The highlighted cell: ' + explain(question, t).join(' ');
  }

  /* --- rendering ------------------------------------------------------------------ */

  function render() {
    renderLoader();
    renderSpaces();
    renderStack();
    renderCounters();
    drawPhys();
    W.invariantStrip(M, 'lab4');
    renderTrace();
    ctl.update();
    W.writeParams(scenarioQuery());
  }

  /* --- actions -------------------------------------------------------------------- */

  function stepForward() {
    if (sc.pos >= records.length) return false;
    resetTo(sc.pos + 1);
    render();
    return true;
  }

  /* Append actions after the current step, dropping any later ones, and show them done. */
  function userOps(ops) {
    ctl.pause();
    if (sc.pos < loaderSteps || !loaderOk) { resetTo(loaderSteps); }
    sc.ops = sc.ops.slice(0, sc.pos - loaderSteps).concat(ops);
    runAll();
    resetTo(records.length);
    render();
    const last = records[records.length - 1];
    const r = $('action-result');
    r.textContent = last ? last.title : '';
    r.className = 'edit-result ' + (last && last.ok ? 'ok' : 'bad');
  }

  const actSpace = () => Number($('act-space').value);

  /* The next page of region `start` in space s nobody touched: the lowest,
     or the highest for the stack, which grows down. */
  function untouchedPage(s, start) {
    const r = regionsOf(s).find((g) => g.start === start);
    if (!r) return null;
    const pages = pagesOf(s);
    if (r.kind === 'stack') {
      for (let va = r.end - PAGE; va >= r.start; va -= PAGE) if (!pages.has(va)) return { va, r };
    } else {
      for (let va = r.start; va < r.end; va += PAGE) if (!pages.has(va)) return { va, r };
    }
    return null;
  }

  /* The first mapped page of a writable region: what "fork + write" writes. */
  function writablePage(s) {
    const pages = pagesOf(s);
    for (const r of regionsOf(s)) {
      if (!(r.perms & PERM.W)) continue;
      for (const va of pages.keys()) if (va >= r.start && va < r.end) return va;
    }
    return null;
  }

  function wireActions() {
    $('act-space').addEventListener('change', updateTouchRegions);
    $('touch-region').addEventListener('change', () => { touchChoice = $('touch-region').value; });
    $('btn-brk').addEventListener('click', () => userOps(['b' + actSpace()]));
    $('btn-mmap').addEventListener('click', () => userOps(['m' + actSpace()]));
    $('btn-touch').addEventListener('click', () => {
      const s = actSpace(), start = parseHex($('touch-region').value);
      const p = start === null ? null : untouchedPage(s, start);
      if (!p) { $('action-result').textContent = 'Every page of that region is mapped already.'; $('action-result').className = 'edit-result bad'; return; }
      userOps(['t' + s + '_' + p.va.toString(16) + '_' + (p.r.perms & PERM.W ? 'w' : 'r')]);
    });
    $('btn-write').addEventListener('click', () => {
      const va = parseHex($('write-va').value);
      if (va === null) { $('write-va').classList.add('invalid'); return; }
      $('write-va').classList.remove('invalid');
      userOps(['w' + actSpace() + '_' + va.toString(16)]);
    });
    $('btn-fork').addEventListener('click', () => userOps(['f' + actSpace()]));
    $('btn-cow').addEventListener('click', () => {
      const s = actSpace();
      const va = writablePage(s);
      const free = [0, 1, 2, 3].find((c) => !M._lab4_space_live(c));
      if (va === null || free === undefined) {
        $('action-result').textContent = va === null ? 'No writable page is mapped in ' + spaceName(s) + '.' : 'Four processes already: exit one.';
        $('action-result').className = 'edit-result bad';
        return;
      }
      /* fork takes the lowest free slot, as lab4_fork does */
      userOps(['f' + s, 'w' + free + '_' + va.toString(16)]);
      $('write-va').value = hex(va);
    });
    $('btn-exit').addEventListener('click', () => userOps(['x' + actSpace()]));
    $('btn-tamper').addEventListener('click', () => userOps(['!']));
  }

  /* A new program or new arguments: the loader starts over, no actions. */
  function exec() {
    ctl.pause();
    sc.prog = $('prog').value;
    sc.cmd = $('cmd').value;
    sc.env = $('env').value;
    sc.seed = Number($('seed').value) >>> 0;
    sc.ops = [];
    question = null;
    sc.ex = null;
    showExercise(null);
    runAll();
    resetTo(0);
    render();
  }

  function fillProgramSelect() {
    const sel = $('prog');
    sel.innerHTML = '';
    for (const p of PROGRAMS) sel.append(new Option(p.path + ' (' + size(p.size) + ')', p.name));
    if (custom) sel.append(new Option(custom.name + ' (yours, ' + size(custom.bytes.length) + ')', custom.name));
    sel.value = sc.prog;
  }

  function wireProgram() {
    $('prog-form').addEventListener('submit', (ev) => { ev.preventDefault(); exec(); });
    $('prog').addEventListener('change', () => { $('cmd').value = defaultCmd($('prog').value); exec(); });
    $('file').addEventListener('change', async () => {
      const f = $('file').files[0];
      if (!f) return;
      custom = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
      fillProgramSelect();
      $('prog').value = custom.name;
      $('cmd').value = f.name;
      exec();
    });
  }

  function wireSyscalls() {
    for (const t of TRACES) $('trace').append(new Option(t.argv.map((a) => (/\s/.test(a) ? '"' + a + '"' : a)).join(' '), t.name));
    $('trace').addEventListener('change', () => { sc.trace = $('trace').value; render(); });
    const box = $('caps');
    capNames.forEach((name, b) => {
      const l = el('label', 'cap');
      const c = el('input');
      c.type = 'checkbox';
      c.id = 'cap-' + name;
      c.dataset.bit = b;
      c.addEventListener('change', () => {
        sc.caps = c.checked ? sc.caps | (1 << b) : sc.caps & ~(1 << b);
        render();
      });
      l.append(c, name);
      box.append(l);
    });
    const presets = [['all', capsText(capAll)], ['sandbox: none', '-'], ['sandbox -k fs-read', 'fs-read'],
      ['files only', 'fs-read,fs-write'], ['no file system', 'proc,net,system']];
    for (const [name, caps] of presets) {
      const b = el('button', 'small preset', name);
      b.type = 'button';
      b.dataset.caps = caps;
      b.title = 'Hold ' + caps;
      b.addEventListener('click', () => { sc.caps = capsParse(caps); render(); });
      $('cap-presets').append(b);
    }
  }

  function wire() {
    STEP = W.cEnum(M, M._exec_step_name);
    FRAME = W.cEnum(M, M._sim_frame_kind_name);
    PERM = Object.fromEntries(W.cBits(M, M._lab4_perm_name));
    capAll = M._lab4_cap_all();
    capNames = [];
    for (let b = 0; (1 << b) <= capAll; b++) capNames.push(str(M._lab4_cap_name(1 << b)));
    drawLegend();
    ctl = W.player(SPEEDS, {
      forward: stepForward,
      back: () => { if (sc.pos > 0) { resetTo(sc.pos - 1); render(); } },
      toStart: () => { resetTo(0); render(); },
      toEnd: () => { resetTo(records.length); render(); },
      position: () => [sc.pos, records.length],
      render,
    });
    W.copyLinkButton($('btn-link'), scenarioQuery);
    wireProgram();
    wireActions();
    wireSyscalls();
    showExercise = W.exercise({
      seed: () => (question ? sc.ex : null),
      ask: newExercise,
      check: checkAnswer,
      show: showAnswer,
    });
    W.onHashChange(scenarioQuery, loadFromURL);
  }

  function loadFromURL() {
    ctl.pause();
    readURL();
    fillProgramSelect();
    $('cmd').value = sc.cmd;
    $('env').value = sc.env;
    $('seed').value = sc.seed;
    question = sc.ex === null ? null : makeQuestion(sc.ex);
    showExercise(question, sc.ex);
    resetTo(sc.pos);
    render();
  }

  /* For tests and the curious (window.aurora). */
  function exposed() {
    return {
      scenario: sc,
      total: () => records.length,
      loaderSteps: () => loaderSteps,
      question: () => question,
      truth: () => (question ? (({ v, where }) => ({ v: v === null ? null : hex(v), where: where === null ? null : hex(where) }))(truth(question)) : null),
      judge: (name, caps) => judge(traceOf(name), caps).map((r) => ({ name: r.name, text: r.text, allowed: r.allowed, missing: r.missing })),
    };
  }

  W.start('AuroraLab4', 'lab4-module.js', 'kernel/exec/exec_loader.c, kernel/mm/uvm.c and kernel/proc/caps.c', (mod) => {
    M = mod;
    if (!PROGRAMS.length) throw new Error('lab4-programs.js did not load (build it with `make web`)');
    wire();
    loadFromURL();
    return exposed();
  });
})();
