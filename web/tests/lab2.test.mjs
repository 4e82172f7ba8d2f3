// The lab 2 page in a real browser: every index, entry, physical address,
// error code and table count it shows must be what the kernel's own
// pagetable.c (in the page's wasm module) returns.  Ends with the line
// "N passed, M failed".
//
//   node web/tests/lab2.test.mjs        (after `make web`; or `make test-web`)

import assert from 'node:assert/strict';
import { harness, waitReady, screenshot, inNewPage, assertIndexLinks, assertSameQuestion, WEB_DIR, STEP_TIMEOUT }
  from './harness.mjs';

const { test, run } = harness();

const ADDRS = {
  'kernel text': '0xffffffff80101234',
  'direct map': '0xffff800000345678',
  'user stack': '0x7fffffffeff8',
  'guard page': '0x7fffffffa010',
  'non-canonical': '0x800000000000',
  'unmapped (no PT entry)': '0x500000',
  'unmapped (no PML4 entry)': '0xffffc90000001000',
};

// --- reading the page and the module ----------------------------------------

// The walk as the page shows it, from the DOM.
function shownWalk(page) {
  return page.evaluate(() => {
    const r = document.getElementById('walk-result');
    return {
      va: r.dataset.va, done: r.dataset.done, mapped: r.dataset.mapped, phys: r.dataset.phys,
      levels: [...document.querySelectorAll('#levels .level.read')].map((c) => ({
        level: Number(c.dataset.level),
        index: Number(c.querySelector('.lv-index').textContent),
        entry: '0x' + BigInt(c.querySelector('.lv-entry').textContent).toString(16),
        table: c.querySelector('h3 small').textContent.replace('table at ', ''),
      })),
      fields: Object.fromEntries([...document.querySelectorAll('#bits .field')].map((f) => [f.dataset.field, Number(f.dataset.value)])),
      flags: [...document.querySelectorAll('#levels .level.read')].map((c) =>
        Object.fromEntries([...c.querySelectorAll('.flag')].map((f) => [f.dataset.flag, f.dataset.on === '1']))),
    };
  });
}

// pt_walk itself, called through the module.
function truthWalk(page, va) {
  return page.evaluate((va) => {
    const M = window.aurora.module, h = (x) => '0x' + BigInt.asUintN(64, x).toString(16);
    const n = M._lab2_walk(BigInt(va)), levels = [];
    for (let l = 0; l < n; l++)
      levels.push({ level: l, index: M._lab2_walk_index(l), entry: h(M._lab2_walk_entry(l)), table: h(M._lab2_walk_table(l)) });
    const mapped = M._lab2_walk_mapped() === 1;
    return { levels, mapped, phys: mapped ? h(M._lab2_walk_phys()) : undefined,
      pageSize: mapped ? Number(M._lab2_walk_page_size()) : 0 };
  }, va);
}

async function assertWalkShown(page, va) {
  const s = await shownWalk(page), t = await truthWalk(page, va);
  assert.equal(s.va, '0x' + BigInt(va).toString(16), 'the walk shown is of this address');
  assert.equal(s.done, '1', 'the walk is finished');
  assert.deepEqual(s.levels, t.levels, `levels shown vs pt_walk for ${va}`);
  assert.equal(s.mapped, t.mapped ? '1' : '0', 'mapped shown vs pt_walk');
  assert.equal(s.phys, t.phys, 'physical address shown vs pt_walk');
  const names = await page.evaluate(() => AuroraWeb.cNames(window.aurora.module, window.aurora.module._pt_level_name));
  for (const lv of t.levels) assert.equal(s.fields[names[lv.level]], lv.index, `${names[lv.level]} bits vs pt_walk's index`);
  return { s, t };
}

async function setSpeed(page, v) {
  await page.fill('#speed', String(v));
  await page.dispatchEvent('#speed', 'input');
}

async function typeAndWalk(page, va) {
  await page.fill('#va', va);
  await page.click('#btn-walk');
  await page.waitForSelector(`#walk-result[data-done="1"][data-va="0x${BigInt(va).toString(16)}"]`);
  await page.waitForFunction(() => document.getElementById('btn-play').textContent.includes('play'));
}

// What lab2_check_access returns for an access that does not fault.
const ALLOWED = -1;

// The bits of a page-fault error code, by the names lab2_pf_err_name gives
// them (read on load): err('P', 'W') is the code with those two set.
let errBits = null;
const err = (...names) => names.reduce((code, n) => code | errBits[n], 0);

// The access checker: every cell's code vs pt_check_access.
async function assertAccessShown(page, va) {
  const r = await page.evaluate((va) => {
    const M = window.aurora.module, access = AuroraWeb.cNames(M, M._pt_access_name);
    return [...document.querySelectorAll('#access td.acc')].map((td) => ({
      access: td.dataset.access, user: td.dataset.user, shown: Number(td.dataset.code),
      text: td.querySelector('.verdict').textContent,
      truth: M._lab2_check_access(BigInt(va), access.indexOf(td.dataset.access), Number(td.dataset.user)),
    }));
  }, va);
  assert.equal(r.length, 6, 'read/write/execute x user/kernel');
  for (const c of r) {
    assert.equal(c.shown, c.truth, `${c.access} ${c.user === '1' ? 'user' : 'kernel'} at ${va}`);
    if (c.truth >= 0) assert.match(c.text, new RegExp(`error code 0x${c.truth.toString(16)}\\b`));
    else assert.match(c.text, /^allowed/);
  }
  const code = (a, user) => r.find((c) => c.access === a && c.user === (user ? '1' : '0')).truth;
  return code;
}

// Counters, ranges and invariants vs the module.  A range's permissions
// are the names lab2_perm_name gives the bits set ("R|W|U"); the broken
// invariants are named by lab2_invariant_name.
async function assertStateShown(page) {
  const r = await page.evaluate(() => {
    const M = window.aurora.module, h = (x) => '0x' + BigInt.asUintN(64, x).toString(16);
    const bits = AuroraWeb.cBits(M, M._lab2_perm_name);
    const perms = (p) => bits.filter(([, b]) => p & b).map(([name]) => name).join('|');
    const n = M._lab2_ranges(0n, 0n), ranges = [];
    for (let i = 0; i < n; i++) ranges.push({ va: h(M._lab2_range_va(i)), len: h(M._lab2_range_len(i)),
      pa: h(M._lab2_range_pa(i)), perms: perms(M._lab2_range_perms(i)) });
    const broken = M._lab2_check(), inv = [], bad = [];
    for (let i = 0; i < M._lab2_invariant_count(); i++) {
      inv.push(String(M._lab2_invariant_ok(i)));
      if (!M._lab2_invariant_ok(i)) bad.push(M.UTF8ToString(M._lab2_invariant_name(i)));
    }
    return {
      truth: { tables: String(M._lab2_table_count()), frames: String(M._lab2_table_frames()), ranges,
        ok: broken ? '0' : '1', inv },
      shown: { tables: document.getElementById('ctr-tables').textContent,
        frames: document.getElementById('ctr-table-frames').textContent,
        ranges: [...document.querySelectorAll('#ranges tr')].map((tr) => ({ va: tr.dataset.va, len: tr.dataset.len,
          pa: tr.dataset.pa, perms: perms(Number(tr.dataset.perms)) })),
        ok: document.getElementById('invariant').dataset.ok,
        inv: [...document.querySelectorAll('#inv-list li')].map((li) => li.dataset.ok) },
      bad,
    };
  });
  assert.deepEqual(r.shown, r.truth, 'counters, ranges and invariants shown vs the module');
  return { ...r.truth, bad: r.bad };
}

async function edit(page, { va, pa = '', huge = false, w = true, u = true, x = false, g = false }, button) {
  await page.fill('#ed-va', va);
  await page.fill('#ed-pa', pa);
  await page.selectOption('#ed-size', huge ? 'h' : 's');
  for (const [id, on] of [['#ed-w', w], ['#ed-u', u], ['#ed-x', x], ['#ed-g', g]]) await page.setChecked(id, on);
  const before = await page.textContent('#pos');
  await page.click(button);
  await page.waitForFunction((b) => document.getElementById('pos').textContent !== b, before);
  return { result: Number(await page.getAttribute('#edit-result', 'data-result')), text: await page.textContent('#edit-result') };
}

// --- the tests --------------------------------------------------------------

await run(async ({ browser, page, base, pageErrors }) => {
  await test('the page loads and runs the C module', async () => {
    await page.goto(`${base}/lab2.html`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    assert.match(await page.textContent('#status'), /pagetable\.c/);
    assert.deepEqual(pageErrors, []);
    await assertStateShown(page);
    errBits = Object.fromEntries(await page.evaluate(() =>
      AuroraWeb.cBits(window.aurora.module, window.aurora.module._lab2_pf_err_name)));
  });

  await test('the index page links lab 2', () => assertIndexLinks(browser, base, 'lab2.html'));

  await test('the boot layout: direct map, kernel image, user program, W^X, invariants green', async () => {
    const t = await assertStateShown(page);
    const find = (va) => t.ranges.find((r) => r.va === va);
    assert.deepEqual(find('0xffff800000000000'), { va: '0xffff800000000000', len: '0x800000', pa: '0x0', perms: 'R|W' }, 'direct map rw- kernel');
    assert.equal(find('0xffffffff80100000').perms, 'R|X', 'kernel text r-x');
    assert.equal(find('0xffffffff80110000').perms, 'R', 'kernel rodata r--');
    assert.equal(find('0xffffffff80118000').perms, 'R|W', 'kernel data rw-');
    assert.equal(find('0x400000').perms, 'R|U|X', 'user text r-x user');
    assert.equal(find('0x7fffffffb000').perms, 'R|W|U', 'user stack rw- user');
    assert.equal(t.ok, '1');
  });

  await test('typed addresses: indices, entries and physical address shown = pt_walk', async () => {
    await setSpeed(page, 6);
    for (const [name, va] of Object.entries(ADDRS)) {
      await typeAndWalk(page, va);
      const { t } = await assertWalkShown(page, va);
      if (name === 'kernel text') assert.deepEqual([t.levels.length, t.phys], [4, '0x101234'], name);
      if (name === 'direct map') {
        assert.deepEqual([t.levels.length, t.phys, t.pageSize], [3, '0x345678', 2097152], 'a 2 MiB page ends at the PD');
        const s = await shownWalk(page);
        assert.equal(s.flags[2].PS, true, 'the PD entry shows PS');
        assert.equal(await page.$eval('#bits .field[data-field="PT"]', (e) => e.classList.contains('huge-offset')), true);
      }
      if (name === 'user stack') assert.equal(t.levels.length, 4);
      if (name === 'guard page') assert.deepEqual([t.levels.length, t.mapped], [4, false], 'the guard page: PT entry not present');
      if (name === 'non-canonical') {
        assert.equal(t.levels.length, 0, 'no table read');
        assert.match(await page.textContent('#walk-result'), /#GP/);
      }
      if (name === 'unmapped (no PML4 entry)') assert.equal(t.levels.length, 1);
    }
  });

  await test('the access checker shows pt_check_access\'s error codes, with bits and a reason', async () => {
    const want = {
      'kernel text': { 'write user': err('P', 'W', 'U'), 'read kernel': ALLOWED, 'write kernel': err('P', 'W'),
        'execute kernel': ALLOWED },
      'direct map': { 'execute kernel': err('P', 'I/D'), 'write kernel': ALLOWED },
      'user stack': { 'write user': ALLOWED, 'execute user': err('P', 'U', 'I/D') },
      'guard page': { 'write user': err('W', 'U'), 'read kernel': err() },
      'non-canonical': { 'read user': err('U') },
    };
    for (const [name, va] of Object.entries(ADDRS)) {
      await typeAndWalk(page, va);
      const code = await assertAccessShown(page, va);
      for (const [k, v] of Object.entries(want[name] || {})) {
        const [a, who] = k.split(' ');
        assert.equal(code(a, who === 'user'), v, `${name}: ${k}`);
      }
    }
    await typeAndWalk(page, ADDRS['guard page']);
    const cell = await page.$eval('#access td[data-access="read"][data-user="0"]', (td) => ({ fault: td.dataset.fault, why: td.textContent }));
    assert.equal(cell.fault, '1', 'a kernel read of a missing page faults though its code is 0');
    assert.match(cell.why, /not present/);
    await typeAndWalk(page, ADDRS['kernel text']);
    assert.match(await page.textContent('#access td[data-access="write"][data-user="1"]'), /U = 0.*W = 0|supervisor.*read-only/);
  });

  await test('step back and forward go level by level', async () => {
    await typeAndWalk(page, ADDRS['kernel text']);
    const read = () => page.$$eval('#levels .level.read', (c) => c.length);
    await page.click('#btn-back');
    assert.equal(await page.getAttribute('#walk-result', 'data-done'), '0');
    assert.equal(await read(), 4);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await read(), 3, 'one level fewer');
    assert.equal(await page.$eval('#bits .field[data-field="PD"]', (e) => e.classList.contains('current')), true, 'the PD bits are being read');
    await page.click('#btn-fwd');
    await page.click('#btn-fwd');
    assert.equal(await page.getAttribute('#walk-result', 'data-done'), '1');
    await assertWalkShown(page, ADDRS['kernel text']);
  });

  await test('the tour plays to the end; every step shows pt_walk', async () => {
    await page.click('#btn-tour');
    await page.waitForFunction(() => /^0 \//.test(document.getElementById('pos').textContent));
    const total = await page.evaluate(() => window.aurora.total());
    await page.click('#btn-play');
    await page.waitForFunction((t) => document.getElementById('pos').textContent === `${t} / ${t}`, total,
      { timeout: STEP_TIMEOUT * 2 });
    const ops = await page.evaluate(() => window.aurora.scenario.ops);
    await assertWalkShown(page, '0x' + ops[ops.length - 1].slice(1));
    // jump to each walk's end through the log
    for (let i = 0; i < ops.length; i++) {
      await page.click(`#log li[data-op="${i}"] button`);
      await assertWalkShown(page, '0x' + ops[i].slice(1));
    }
  });

  let link, linkState;
  await test('pt_map, pt_protect and pt_unmap from the UI change the tables as the C code says', async () => {
    await page.click('#btn-clear');
    const t0 = await assertStateShown(page);
    // map the guard page: it becomes a user page, the PT gains an entry
    let r = await edit(page, { va: '0x7fffffffa000' }, '#btn-map');
    assert.equal(r.result, 0, r.text);
    await assertWalkShown(page, '0x7fffffffa000');
    assert.equal((await assertAccessShown(page, '0x7fffffffa000'))('write', true), ALLOWED, 'a user write is allowed now');
    assert.equal(await page.$eval('#levels .level[data-level="3"]', (c) => c.classList.contains('changed')), true, 'the PT entry is marked changed');
    let t = await assertStateShown(page);
    assert.equal(t.tables, t0.tables, 'no new table: the PT was there');
    // a page far from everything: a new PD and a new PT
    r = await edit(page, { va: '0x40000000', x: false }, '#btn-map');
    assert.equal(r.result, 0, r.text);
    assert.match(r.text, /new table at 0x[0-9a-f]+; new table at/);
    t = await assertStateShown(page);
    assert.equal(Number(t.tables), Number(t0.tables) + 2, 'a PD and a PT');
    await assertWalkShown(page, '0x40000000');
    // mapping it again fails with -EEXIST
    r = await edit(page, { va: '0x40000000' }, '#btn-map');
    assert.equal(await page.evaluate((r) => AuroraWeb.errName(window.aurora.module, r), r.result), '-EEXIST', r.text);
    assert.match(r.text, /EEXIST/);
    // read-only now: a user write faults with P|W|U
    r = await edit(page, { va: '0x40000000', w: false }, '#btn-protect');
    assert.equal(r.result, 0, r.text);
    assert.equal((await assertAccessShown(page, '0x40000000'))('write', true), err('P', 'W', 'U'));
    // unmap: the empty PT and PD are freed
    r = await edit(page, { va: '0x40000000' }, '#btn-unmap');
    assert.equal(r.result, 0, r.text);
    assert.match(r.text, /freed the empty table/);
    t = await assertStateShown(page);
    assert.equal(t.tables, String(Number(t0.tables)), 'the tables are given back');
    await assertWalkShown(page, '0x40000000');
    // a 2 MiB page
    r = await edit(page, { va: '0x40000000', pa: '0x200000', huge: true, u: false }, '#btn-map');
    assert.equal(r.result, 0, r.text);
    const { t: w } = await assertWalkShown(page, '0x40000000');
    assert.deepEqual([w.levels.length, w.pageSize, w.phys], [3, 2097152, '0x200000']);
    t = await assertStateShown(page);
    assert.equal(Number(t.tables), Number(t0.tables) + 1, 'only a PD');
    link = page.url();
    linkState = { walk: await shownWalk(page), state: t, pos: await page.textContent('#pos') };
  });

  await test('the URL reproduces exactly what was on screen, served and from disk', async () => {
    for (const url of [link, `file://${WEB_DIR}/lab2.html#${link.split('#')[1]}`]) {
      await inNewPage(browser, url, async (p) => {
        assert.deepEqual(await shownWalk(p), linkState.walk, 'same walk');
        assert.deepEqual(await assertStateShown(p), linkState.state, 'same tables');
        assert.equal(await p.textContent('#pos'), linkState.pos);
      });
    }
  });

  await test('invariants turn red when broken and green again on step back', async () => {
    await page.click('#btn-tamper');
    await page.waitForSelector('#invariant.bad');
    let t = await assertStateShown(page);
    assert.deepEqual(t.bad, ['W^X across the kernel half']);
    assert.match(await page.textContent('#inv-list li[data-ok="0"]'), /writable and executable page at 0xffffffff80118000/);
    await page.click('#btn-back');
    await page.waitForSelector('#invariant.ok');
    // a frame past the end of the 8 MiB of memory
    const r = await edit(page, { va: '0x7fffff000000', pa: '0x10000000' }, '#btn-map');
    assert.equal(r.result, 0, 'pt_map itself accepts it');
    await page.waitForSelector('#invariant.bad');
    t = await assertStateShown(page);
    assert.deepEqual(t.bad, ['every mapped frame inside physical memory']);
    await page.click('#btn-back');
    await page.waitForSelector('#invariant.ok');
    await assertStateShown(page);
  });

  await test('the exercise: seeded questions, checked against the C code, right and wrong', async () => {
    const seen = new Set();
    for (let seed = 1; seed < 40 && seen.size < 3; seed++) {
      await page.fill('#ex-seed', String(seed));
      await page.click('#ex-new');
      await page.waitForSelector('#ex-form:not([hidden])');
      const q = await page.evaluate(() => window.aurora.question());
      if (seen.has(q.type)) continue;
      seen.add(q.type);
      const w = await truthWalk(page, q.va);
      let right, wrong;
      if (q.type === 'idx') {
        right = w.levels.map((l) => l.index).join(' ');
        wrong = w.levels.map((l, i) => l.index + (i === 3 ? 1 : 0)).join(' ');
      } else if (q.type === 'pa') {
        right = w.mapped ? w.phys : 'fault';
        wrong = w.mapped ? '0x' + (BigInt(w.phys) + 4096n).toString(16) : '0x1000';
      } else {
        const code = await page.evaluate((va) => {
          const M = window.aurora.module;
          return M._lab2_check_access(BigInt(va), AuroraWeb.cEnum(M, M._pt_access_name).WRITE, 1);
        }, q.va);
        const answer = code === ALLOWED ? 0 : code;   // the page asks "0" for allowed
        right = '0x' + answer.toString(16);
        wrong = '0x' + (answer ^ 1).toString(16);
      }
      await page.fill('#ex-answer', wrong);
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.wrong');
      await page.fill('#ex-answer', right);
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.correct');
      // a link to the exercise brings back the same question
      await assertSameQuestion(browser, page);
    }
    assert.deepEqual([...seen].sort(), ['idx', 'pa', 'uw'], 'all three kinds of question came up');
  });

  await test('no errors in the page; screenshot saved', async () => {
    assert.deepEqual(pageErrors, []);
    await page.click('#btn-tour');
    await page.click('#btn-end');
    await page.click('#log li[data-op="0"] button');
    await page.fill('#ex-seed', '2');
    await page.click('#ex-new');
    await page.click('#ex-show');
    await page.waitForSelector('#walk-result[data-done="1"]');
    await screenshot(page, 'lab2.png');
  });
});
