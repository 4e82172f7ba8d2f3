/*
 * Lab 5's page: draws what the kernel's ext2 (compiled by emcc, loaded as
 * AuroraLab5 from lab5-module.js; glue in web/bridge/ext2_bridge.c) holds,
 * and drives it.  No file-system logic lives here: every inode, entry,
 * block number, block map, block kind, changed block and count shown comes
 * from the C code; this file only words the explanations and lays things
 * out.
 *
 * The scenario: operations on the image as mke2fs made it, each
 * "name:path[:offset:bytes | :new path]" (a name of lab5_op_name), of which
 * `step` have run; and a path to walk in the disk as it is then.  The C
 * code snapshots the disk before each operation and compares it after.
 * Stepping back replays from the image, exact because the C code is
 * deterministic (the file system's clock is fixed).
 */
'use strict';

(function () {
  const W = window.AuroraWeb;
  const $ = W.$;
  const SPEEDS = [1500, 900, 500, 250, 120, 40];	/* ms a step */
  const DISK_COLS = 64, DISK_CELL = 6;
  const SHOWN_BYTES = 48;	/* of a changed block: from its first changed byte */
  /* A colour for each of lab5_block_kind_name's kinds, by name. */
  const KIND_COLORS = { free: '#ffffff', boot: '#8c959f', superblock: '#cf222e', 'group descriptors': '#fb8f44',
    'reserved descriptors': '#ffd8b5', 'block bitmap': '#8250df', 'inode bitmap': '#c297ff', 'inode table': '#0969da',
    directory: '#1a7f37', data: '#74cc91', indirect: '#bf8700', 'in use, reserved inode': '#d0d7de' };
  const S_IFMT = 0o170000;
  const MODE_TYPES = { 0o040000: 'directory', 0o100000: 'regular file', 0o120000: 'symlink',
    0o020000: 'character device', 0o010000: 'fifo' };

  let M = null;
  let OP = null;		/* enum op: { CREATE, WRITE, MKDIR, UNLINK, RMDIR, RENAME } */
  let KINDS = [];		/* lab5_block_kind_name's names, by kind */
  const sc = { ops: [], pos: 0, walk: '/big.bin', ex: null };
  let records = [];		/* what each operation did */
  let ctl = null;
  let question = null;
  let showExercise = null;
  let picked = null;		/* the disk block clicked */

  const { pick, el } = W;
  const str = (p) => M.UTF8ToString(p);
  function errName(r) { return W.errName(M, r); }

  function putText(s, slot) {
    const bytes = new TextEncoder().encode(s);
    const n = Math.min(bytes.length, M._lab5_text_max() - 1), t = M._lab5_text(slot || 0);
    M.HEAPU8.set(bytes.subarray(0, n), t);
    M.HEAPU8[t + n] = 0;
  }

  /* --- operations ------------------------------------------------------------ */

  /* "write:/a:0:3000" as { op, path, to, offset, len }, or null. */
  function decodeOp(text) {
    const [name, path, a, b] = String(text).split(':');
    const op = OP[String(name).toUpperCase()];
    if (op === undefined || !path || !path.startsWith('/')) return null;
    if (op === OP.RENAME) return a && a.startsWith('/') ? { op, name, path, to: a, offset: 0, len: 0 } : null;
    if (op === OP.WRITE) {
      const offset = Number(a), len = Number(b);
      return Number.isInteger(offset) && offset >= 0 && Number.isInteger(len) && len >= 0 && len <= 1048576
        ? { op, name, path, offset, len } : null;
    }
    return { op, name, path, offset: 0, len: 0 };
  }

  function opTitle(d) {
    if (d.op === OP.WRITE) return 'write ' + d.len + ' bytes at ' + d.offset + ' of ' + d.path;
    if (d.op === OP.RENAME) return 'rename ' + d.path + ' \u2192 ' + d.to;
    return d.name + ' ' + d.path;
  }

  /* The bytes of block b, first..first+n, before and after the last operation. */
  function blockBytes(b, first, n) {
    const at = b * M._lab5_block_size() + first;
    return { before: M.HEAPU8.slice(M._lab5_snapshot() + at, M._lab5_snapshot() + at + n),
      after: M.HEAPU8.slice(M._lab5_disk() + at, M._lab5_disk() + at + n) };
  }

  /* The blocks the last operation changed, as the C code names them. */
  function changedBlocks() {
    const out = [];
    for (let i = 0; i < M._lab5_changes(); i++) {
      const block = M._lab5_change_block(i), first = M._lab5_change_first(i), last = M._lab5_change_last(i);
      out.push({ block, kind: KINDS[M._lab5_change_kind(i)], owner: M._lab5_change_owner(i), first, last,
        detail: str(M._lab5_change_detail(i)), bytes: blockBytes(block, first, Math.min(SHOWN_BYTES, last - first + 1)) });
    }
    return out;
  }

  function runOp(d) {
    putText(d.path, 0);
    putText(d.to || '', 1);
    const r = M._lab5_op(d.op, d.offset, d.len);
    return { d, err: r, ok: r === 0, title: opTitle(d) + (r ? ' \u2192 ' + errName(r) : ''),
      changes: changedBlocks(), truncated: M._lab5_changes_truncated() === 1, cache: str(M._lab5_stats_after_op()) };
  }

  /* Replay to `pos` operations from the image. */
  function replay(pos, collect) {
    const r = M._lab5_reset();
    if (r) throw new Error('mount: ' + errName(r) + ' ' + str(M._lab5_why()));
    const out = [];
    for (let i = 0; i < pos && i < sc.ops.length; i++) {
      const rec = runOp(decodeOp(sc.ops[i]));
      if (collect) out.push(rec);
    }
    return out;
  }

  function runAll() {
    records = replay(sc.ops.length, true);
  }

  function resetTo(pos) {
    sc.pos = Math.max(0, Math.min(pos, records.length));
    replay(sc.pos, false);
  }

  /* --- the URL ----------------------------------------------------------------- */

  function readURL() {
    const q = W.readParams();
    sc.ops = (q.get('ops') || '').split(',').filter((o) => decodeOp(o) !== null).slice(0, 100);
    sc.walk = q.has('walk') ? q.get('walk') : '/big.bin';
    sc.ex = W.intParam(q, 'ex', 0, 4294967295, null);
    runAll();
    sc.pos = W.intParam(q, 'step', 0, records.length, records.length);
  }

  function scenarioQuery() {
    const q = new URLSearchParams();
    q.set('ops', sc.ops.join(','));
    q.set('step', sc.pos);
    q.set('walk', sc.walk);
    if (sc.ex !== null && question) q.set('ex', sc.ex);
    return q.toString();
  }

  /* --- drawing: the operation -------------------------------------------------- */

  function changeRow(c) {
    const tr = el('tr');
    tr.dataset.block = c.block;
    tr.dataset.kind = c.kind;
    tr.append(el('td', 'mono num', String(c.block)));
    const what = el('td');
    const sw = el('i', 'sw');
    sw.style.background = KIND_COLORS[c.kind];
    what.append(sw, ' ' + c.kind + (c.kind === 'superblock' || c.kind.startsWith('group') || c.kind.endsWith('bitmap') ||
      c.kind === 'inode table' ? ' (group ' + c.owner + ')' : ''));
    tr.append(what, el('td', 'mono', c.detail), el('td', 'mono dim', c.first + '\u2013' + c.last));
    tr.addEventListener('click', () => showBytes(c));
    return tr;
  }

  const hex2 = (b) => b.toString(16).padStart(2, '0');

  /* A changed block's first bytes that differ, before and after. */
  function showBytes(c) {
    const box = $('bytes');
    box.innerHTML = '';
    box.append(el('div', 'dim', 'block ' + c.block + ', bytes ' + c.first + '\u2013' + (c.first + c.bytes.after.length - 1) +
      ' (changed: ' + c.first + '\u2013' + c.last + ')'));
    for (const [label, bytes] of [['before', c.bytes.before], ['after', c.bytes.after]]) {
      const row = el('div', 'byte-row mono');
      row.append(el('span', 'dim', label.padEnd(7)));
      bytes.forEach((b, i) => {
        const cell = el('span', c.bytes.before[i] !== c.bytes.after[i] ? 'byte diff' : 'byte', hex2(b));
        row.append(cell);
      });
      box.append(row);
    }
  }

  function renderOp() {
    const cur = sc.pos > 0 ? records[sc.pos - 1] : null;
    const box = $('op-detail');
    box.innerHTML = '';
    box.className = 'step-detail' + (cur && !cur.ok ? ' bad' : '');
    $('op-caption').textContent = cur ? 'operation ' + sc.pos + ' of ' + records.length : '';
    if (!cur) {
      box.append(el('div', 'dim', 'The disk as mke2fs made it. Run an operation, or step through the ones in the list.'));
    } else {
      box.append(el('div', 'title mono', cur.title));
      box.append(el('div', 'line', cur.changes.length + ' block' + (cur.changes.length === 1 ? '' : 's') +
        ' changed on the disk once the cache was synced' + (cur.truncated ? ' (the first ' + cur.changes.length + ' shown)' : '') +
        '. Click one to see its bytes.'));
      box.append(el('div', 'line mono dim', 'before the sync: ' + cur.cache));
    }
    const tb = $('changes');
    tb.innerHTML = '';
    for (const c of cur ? cur.changes : []) tb.append(changeRow(c));
    $('bytes').innerHTML = '';
    if (cur && cur.changes.length) showBytes(cur.changes.find((c) => c.kind.endsWith('bitmap')) || cur.changes[0]);
    W.stepList($('log'), records, sc.pos, (n) => { ctl.pause(); resetTo(n); render(); });
  }

  /* --- drawing: the walk --------------------------------------------------------- */

  function inodeLine(ino) {
    if (M._lab5_inode(ino)) return 'inode ' + ino + ': unreadable';
    const mode = M._lab5_inode_mode();
    const ptrs = [];
    for (let i = 0; i < 15; i++) ptrs.push(M._lab5_inode_block(i));
    return 'inode ' + ino + ' (block ' + M._lab5_inode_table_block(ino) + '): ' + (MODE_TYPES[mode & S_IFMT] || 'mode') +
      ' 0' + (mode & 0o7777).toString(8) + ', size ' + M._lab5_inode_size() + ', links ' + M._lab5_inode_links() +
      ', i_blocks ' + M._lab5_inode_sectors() + ' (512-byte sectors)' +
      (M._lab5_inode_has_blocks() ? ', i_block [' + ptrs.join(' ') + ']' : ', no blocks (its target is in i_block)');
  }

  /* The entries of the directory block a step searched, the match marked. */
  function entryTable(s) {
    const table = el('table', 'entries');
    table.innerHTML = '<thead><tr><th>offset</th><th>inode</th><th>rec_len</th><th>name_len</th><th>type</th><th>name</th></tr></thead>';
    const tb = el('tbody');
    const n = M._lab5_entries(s.dir, s.fblock);
    for (let i = 0; i < n; i++) {
      const tr = el('tr', M._lab5_entry_ino(i) ? '' : 'dim');
      const pos = M._lab5_entry_pos(i);
      if (!s.err && pos === s.pos) tr.classList.add('match');
      [pos, M._lab5_entry_ino(i), M._lab5_entry_rec_len(i), M._lab5_entry_name_len(i),
        str(M._lab5_file_type_name(M._lab5_entry_type(i))), str(M._lab5_entry_name(i))].forEach((v) =>
        tr.append(el('td', 'mono', String(v))));
      tb.append(tr);
    }
    table.append(tb);
    return table;
  }

  function walkSteps() {
    const steps = [];
    for (let i = 0; i < M._lab5_steps(); i++)
      steps.push({ dir: M._lab5_step_dir(i), name: str(M._lab5_step_name(i)), fblock: M._lab5_step_fblock(i),
        block: M._lab5_step_block(i), pos: M._lab5_step_pos(i), ino: M._lab5_step_ino(i), err: M._lab5_step_err(i),
        followed: M._lab5_step_followed(i) === 1, target: str(M._lab5_step_target(i)) });
    return steps;
  }

  /* Walk sc.walk in the disk as it is now: the inode it reaches, or -errno. */
  function walk() {
    putText(sc.walk, 0);
    return M._lab5_walk();
  }

  function renderWalk() {
    const ino = walk();
    const steps = walkSteps();
    const ol = $('walk');
    ol.innerHTML = '';
    for (const s of steps) {
      const li = el('li', 'walk-step' + (s.err ? ' failed' : ''));
      li.dataset.ino = s.ino;
      li.append(el('div', 'title mono', '"' + s.name + '" in directory ' + inodeLine(s.dir)));
      li.append(el('div', 'line', (s.err ? 'not found: ' + errName(s.err) + ' (last block searched: ' : 'found at offset ' + s.pos +
        ' in its block ' + s.fblock + ' = disk block ') + s.block + (s.err ? ')' : ' \u2192 inode ' + s.ino)));
      li.append(entryTable(s));
      if (s.followed) li.append(el('div', 'line follow', 'inode ' + s.ino + ' is a symlink to "' + s.target +
        '": its target replaces the name' + (s.target.startsWith('/') ? ', from the root' : ', from this directory')));
      ol.append(li);
    }
    const r = $('walk-result');
    r.className = 'edit-result ' + (ino > 0 ? 'ok' : 'bad');
    r.dataset.ino = ino > 0 ? ino : '';
    r.textContent = ino > 0 ? sc.walk + ' \u2192 ' + inodeLine(ino) : sc.walk + ': ' + errName(ino);
    renderBlockMap(ino);
    return ino;
  }

  /* The pointers of inode ino's block map, from the C walk of it. */
  function mapNodes(ino) {
    const n = M._lab5_block_map(ino);
    const nodes = [];
    for (let i = 0; i < n; i++)
      nodes.push({ block: M._lab5_node_block(i), depth: M._lab5_node_depth(i), fblock: M._lab5_node_fblock(i),
        parent: M._lab5_node_parent(i) });
    return nodes;
  }

  /* Data pointers as runs: "file blocks 12-267 → disk 163-418". */
  function runsOf(data) {
    const runs = [];
    for (const d of data) {
      const r = runs[runs.length - 1];
      if (r && d.fblock === r.f1 + 1 && d.block === r.b1 + 1) { r.f1++; r.b1++; continue; }
      runs.push({ f0: d.fblock, f1: d.fblock, b0: d.block, b1: d.block });
    }
    return runs.map((r) => (r.f0 === r.f1 ? 'file block ' + r.f0 + ' \u2192 ' + r.b0
      : 'file blocks ' + r.f0 + '\u2013' + r.f1 + ' \u2192 ' + r.b0 + '\u2013' + r.b1));
  }

  const LEVEL = ['data', 'single indirect', 'double indirect', 'triple indirect'];

  function renderBlockMap(ino) {
    const box = $('block-map');
    box.innerHTML = '';
    $('map-caption').textContent = '';
    if (ino <= 0) return;
    const nodes = mapNodes(ino);
    box.dataset.ino = ino;
    box.dataset.blocks = nodes.map((n) => n.block).join(' ');
    $('map-caption').textContent = 'inode ' + ino + ': ' + nodes.filter((n) => !n.depth).length + ' data blocks, ' +
      nodes.filter((n) => n.depth).length + ' indirect';
    const direct = nodes.filter((n) => n.parent < 0 && !n.depth);
    if (direct.length) box.append(el('div', 'map-line mono', 'direct: ' + runsOf(direct).join('; ')));
    const draw = (index, indent) => {
      const n = nodes[index];
      const line = el('div', 'map-line mono', LEVEL[n.depth] + ' block ' + n.block + ' (from file block ' + n.fblock + ')');
      line.style.paddingLeft = indent + 'em';
      line.dataset.depth = n.depth;
      box.append(line);
      const kids = nodes.map((k, i) => [k, i]).filter(([k]) => k.parent === index);
      const data = kids.filter(([k]) => !k.depth).map(([k]) => k);
      if (data.length) {
        const d = el('div', 'map-line mono dim', runsOf(data).join('; '));
        d.style.paddingLeft = (indent + 1.5) + 'em';
        box.append(d);
      }
      kids.filter(([k]) => k.depth).forEach(([, i]) => draw(i, indent + 1.5));
    };
    nodes.forEach((n, i) => { if (n.parent < 0 && n.depth) draw(i, 0); });
    if (!nodes.length) box.append(el('div', 'dim', 'No blocks.'));
  }

  /* --- drawing: the disk ----------------------------------------------------------- */

  function drawLegend() {
    for (const name of KINDS) {
      const s = el('span', 'key');
      const sw = el('i');
      sw.style.background = KIND_COLORS[name];
      s.append(sw, name);
      $('legend').append(s);
    }
  }

  function drawDisk() {
    M._lab5_map();
    const cur = sc.pos > 0 ? records[sc.pos - 1] : null;
    const changed = new Set(cur ? cur.changes.map((c) => c.block) : []);
    const file = new Set(($('block-map').dataset.blocks || '').split(' ').filter(Boolean).map(Number));
    const cv = $('disk'), g = cv.getContext('2d'), n = M._lab5_blocks_count();
    cv.height = Math.ceil(n / DISK_COLS) * DISK_CELL + 1;
    g.fillStyle = '#d8dee4';
    g.fillRect(0, 0, cv.width, cv.height);
    for (let b = 0; b < n; b++) {
      const x = (b % DISK_COLS) * DISK_CELL + 1, y = Math.floor(b / DISK_COLS) * DISK_CELL + 1;
      g.fillStyle = KIND_COLORS[KINDS[M._lab5_block_kind(b)]];
      g.fillRect(x, y, DISK_CELL - 1, DISK_CELL - 1);
      if (changed.has(b) || file.has(b)) {
        g.strokeStyle = changed.has(b) ? '#cf222e' : '#24292f';
        g.lineWidth = 1;
        g.strokeRect(x + 0.5, y + 0.5, DISK_CELL - 2, DISK_CELL - 2);
      }
    }
    showBlockInfo();
  }

  function showBlockInfo() {
    if (picked === null) {
      $('block-info').textContent = 'Click a block. Red outline: changed by this step; black: the walked file\'s.';
      return;
    }
    const kind = KINDS[M._lab5_block_kind(picked)], owner = M._lab5_block_owner(picked);
    $('block-info').textContent = 'block ' + picked + ': ' + kind + (['directory', 'data', 'indirect'].includes(kind)
      ? ' of inode ' + owner : kind === 'free' ? '' : ' (group ' + owner + ')');
  }

  function renderCounters() {
    const rows = [['blocks, free', M._lab5_blocks_count() + ', ' + M._lab5_free_blocks()],
      ['inodes, free', M._lab5_inodes_count() + ', ' + M._lab5_free_inodes()],
      ['groups', M._lab5_groups() + ' of ' + M._lab5_blocks_per_group() + ' blocks, ' + M._lab5_inodes_per_group() + ' inodes'],
      ['block size, inode size', M._lab5_block_size() + ', ' + M._lab5_inode_record()]];
    for (let g = 0; g < M._lab5_groups(); g++)
      rows.push(['group ' + g + ': bitmaps, table', M._lab5_group_block_bitmap(g) + ', ' + M._lab5_group_inode_bitmap(g) + ', ' +
        M._lab5_group_inode_table(g) + ' (free ' + M._lab5_group_free_blocks(g) + ' blocks, ' +
        M._lab5_group_free_inodes(g) + ' inodes)']);
    const line = str(M._lab5_stats());
    rows.push(['cache hits, misses, dirty', M._lab5_stat_hits() + ', ' + M._lab5_stat_misses() + ', ' + M._lab5_stat_dirty()]);
    const t = $('counters');
    t.innerHTML = '';
    for (const [k, v] of rows) {
      const tr = el('tr');
      tr.append(el('th', '', k), el('td', '', String(v)));
      t.append(tr);
    }
    const tr = el('tr');
    const td = el('td', 'dim', line);
    td.colSpan = 2;
    td.id = 'cache-line';
    tr.append(td);
    t.append(tr);
  }

  /* --- the exercise ------------------------------------------------------------------- */

  /* Every path of the image as mke2fs made it (the C code lists them), with its type. */
  function imageNames() {
    M._lab5_names();
    return str(M._lab5_text(1)).split('\n').filter(Boolean).map((l) => {
      const [path, type] = l.split(' ');
      return { path, type: str(M._lab5_file_type_name(Number(type))) };
    });
  }

  /* The C state at the image, for fn, then back where we were. */
  function atImage(fn) {
    const keep = sc.pos;
    resetTo(0);
    try { return fn(); } finally { resetTo(keep); }
  }

  /* How the image's block map of path reaches file block f: "the double
     indirect block 560, then indirect block 561", from the C walk of it. */
  function pointerPath(path, f) {
    return atImage(() => {
      putText(path, 0);
      const nodes = mapNodes(M._lab5_walk());
      let n = nodes.find((d) => !d.depth && d.fblock === f);
      if (!n || n.parent < 0) return 'the inode\'s direct pointer ' + f;
      const chain = [];
      for (n = nodes[n.parent]; n; n = nodes[n.parent]) chain.unshift(LEVEL[n.depth] + ' block ' + n.block);
      return 'the ' + chain.join(', then ');
    });
  }

  function makeQuestion(seed) {
    const rnd = W.mulberry32((seed ^ 0x4c414235) >>> 0);
    const names = atImage(imageNames);
    const files = names.filter((n) => n.type === 'file');
    const type = pick(rnd, ['byte', 'byte', 'ino', 'create', 'unlink']);
    if (type === 'byte') {
      const f = pick(rnd, files);
      const size = atImage(() => { putText(f.path, 0); M._lab5_inode(M._lab5_walk()); return M._lab5_inode_size(); });
      const byte = Math.floor(rnd() * size);
      return { type, path: f.path, byte, text: 'Which disk block holds byte ' + byte + ' of ' + f.path + '? A block number.' };
    }
    if (type === 'ino') {
      const n = pick(rnd, names);
      return { type, path: n.path, text: 'Which inode does ' + n.path + ' reach (following symlinks)? An inode number.' };
    }
    if (type === 'create') {
      const dir = pick(rnd, ['/'].concat(names.filter((n) => n.type === 'dir').map((n) => n.path + '/')));
      const path = dir + 'new' + Math.floor(rnd() * 100) + '.txt';
      return { type, op: 'create:' + path, text: 'Which disk blocks change when ' + path + ' is created (an empty file)? ' +
        'Block numbers, separated by spaces or commas.' };
    }
    const f = pick(rnd, files);
    return { type, op: 'unlink:' + f.path, text: 'Which disk blocks change when ' + f.path + ' is unlinked? ' +
      'Block numbers, separated by spaces or commas.' };
  }

  /* The answer, from the C code on the image (paths by vfs_lookup, the
     kernel's own walk): a number, or a sorted list. */
  function truth(q) {
    return atImage(() => {
      putText(q.path || '', 0);
      if (q.type === 'ino') { const r = M._lab5_lookup(); return r > 0 ? r : null; }
      if (q.type === 'byte') { const r = M._lab5_bmap(M._lab5_lookup(), q.byte); return r > 0 ? r : null; }
      const rec = runOp(decodeOp(q.op));
      return rec.changes.map((c) => c.block);
    });
  }

  function parseAnswer(text) {
    const words = String(text).split(/[\s,]+/).filter(Boolean);
    return words.every((w) => /^[0-9]+$/.test(w)) ? words.map(Number).sort((a, b) => a - b) : null;
  }

  function explain(q, t) {
    if (q.type === 'byte') {
      const f = Math.floor(q.byte / M._lab5_block_size());
      return ['Byte ' + q.byte + ' is in file block ' + f + ' (' + q.byte + ' / ' + M._lab5_block_size() + '), which ' +
        pointerPath(q.path, f) + ' maps to disk block ' + t + '.'];
    }
    if (q.type === 'ino') return [q.path + ' reaches inode ' + t + ': walk it above to see each directory\'s entries.'];
    return ['These ' + t.length + ' blocks: ' + t.join(', ') + '. Run "' + q.op.replace(':', ' ') +
      '" above to see what each one is.'];
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
    const got = parseAnswer($('ex-answer').value);
    const want = Array.isArray(t) ? t : [t];
    const correct = t !== null && got !== null && JSON.stringify(got) === JSON.stringify(want);
    W.showVerdict($('ex-result'), correct, t === null ? ['The kernel finds no answer there.'] : explain(question, t));
    $('ex-result').dataset.truth = want.join(' ');
  }

  function showAnswer() {
    if (!question) return;
    const t = truth(question);
    if (question.type === 'byte' || question.type === 'ino') {
      sc.walk = question.path;
      $('walk-path').value = sc.walk;
    } else {
      sc.ops = sc.ops.slice(0, sc.pos).concat([question.op]);
      runAll();
      sc.pos = records.length;
      replay(sc.pos, false);
    }
    render();
    $('ex-result').className = 'ex-result shown';
    $('ex-result').textContent = t === null ? 'The kernel finds no answer there.' : explain(question, t).join(' ');
  }

  /* --- rendering ------------------------------------------------------------------------ */

  function render() {
    renderOp();
    renderWalk();
    drawDisk();
    renderCounters();
    W.invariantStrip(M, 'lab5');
    ctl.update();
    W.writeParams(scenarioQuery());
  }

  /* --- actions --------------------------------------------------------------------------- */

  function stepForward() {
    if (sc.pos >= records.length) return false;
    resetTo(sc.pos + 1);
    render();
    return true;
  }

  /* The operation in the form, as decodeOp reads it. */
  function formOp() {
    const name = $('op').value, path = $('op-path').value.trim();
    if (name === 'rename') return name + ':' + path + ':' + $('op-to').value.trim();
    if (name === 'write') return name + ':' + path + ':' + $('op-offset').value + ':' + $('op-len').value;
    return name + ':' + path;
  }

  /* Append an operation after the current step, dropping any later ones, and show it done. */
  function userOp() {
    ctl.pause();
    const op = formOp();
    if (decodeOp(op) === null || /,/.test(op)) { $('op-path').classList.add('invalid'); return; }
    $('op-path').classList.remove('invalid');
    sc.ops = sc.ops.slice(0, sc.pos).concat([op]);
    runAll();
    resetTo(records.length);
    render();
  }

  function showOpFields() {
    const name = $('op').value;
    $('op-to-label').hidden = name !== 'rename';
    $('op-offset-label').hidden = $('op-len-label').hidden = name !== 'write';
  }

  function wire() {
    OP = W.cEnum(M, M._lab5_op_name);
    KINDS = W.cNames(M, M._lab5_block_kind_name);
    for (const name of W.cNames(M, M._lab5_op_name)) $('op').append(new Option(name, name));
    $('op').value = 'write';
    showOpFields();
    $('op').addEventListener('change', showOpFields);
    $('op-form').addEventListener('submit', (ev) => { ev.preventDefault(); userOp(); });
    $('walk-form').addEventListener('submit', (ev) => { ev.preventDefault(); sc.walk = $('walk-path').value; render(); });
    $('disk').addEventListener('click', (ev) => {
      const cv = $('disk'), r = cv.getBoundingClientRect(), scale = cv.width / r.width;	/* CSS may shrink it */
      const col = Math.floor((ev.clientX - r.left) * scale / DISK_CELL), row = Math.floor((ev.clientY - r.top) * scale / DISK_CELL);
      const b = col < DISK_COLS ? row * DISK_COLS + col : -1;
      picked = b >= 0 && b < M._lab5_blocks_count() ? b : null;
      showBlockInfo();
    });
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
    $('walk-path').value = sc.walk;
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
      question: () => question,
      truth: () => (question ? truth(question) : null),
      walk: (path) => { putText(path, 0); return M._lab5_walk(); },
      lookup: (path) => { putText(path, 0); return M._lab5_lookup(); },
    };
  }

  W.start('AuroraLab5', 'lab5-module.js', 'kernel/fs/ext2 over kernel/block/bcache.c', (mod) => {
    M = mod;
    wire();
    loadFromURL();
    return exposed();
  });
})();
