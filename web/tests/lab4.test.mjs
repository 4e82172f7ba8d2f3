// The lab 4 page in a real browser: the loader's steps, regions, pages,
// reference counts, stack words and capability verdicts it shows must be
// what the kernel's shared C (elf.c, ustack.c, uvm.c, pagetable.c, caps.c,
// syscall_table.c, in the page's wasm module) holds; and the ELF facts must
// agree with the program file itself, parsed here independently.  Ends with
// the line "N passed, M failed".
//
//   node web/tests/lab4.test.mjs        (after `make web`; or `make test-web`)

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { harness, waitReady, screenshot, inNewPage, assertIndexLinks, assertSameQuestion, WEB_DIR, STEP_TIMEOUT }
  from './harness.mjs';

const { test, run } = harness();

const PROG = 'echo';
const ARGV = ['echo', 'one', 'two words', 'three'];
const CMD = "echo one 'two words' three";
const ENVP = ['HOME=/', 'USER=student'];
const PAGE = 4096n;
const hex = (x) => '0x' + BigInt.asUintN(64, BigInt(x)).toString(16);

// --- the program file, parsed here (not by the page's C) --------------------

async function programFile(name) {
  const ctx = { window: {} };
  vm.runInNewContext(await readFile(path.join(WEB_DIR, 'lab4-programs.js'), 'utf8'), ctx);
  const p = ctx.window.AuroraLab4Programs.find((q) => q.name === name);
  assert.ok(p, `lab4-programs.js holds ${name}`);
  const b = Buffer.from(p.base64, 'base64');
  const phoff = b.readBigUInt64LE(32), phnum = b.readUInt16LE(56), phentsize = b.readUInt16LE(54);
  const loads = [];
  for (let i = 0; i < phnum; i++) {
    const o = Number(phoff) + i * phentsize;
    if (b.readUInt32LE(o) !== 1) continue;	// PT_LOAD
    loads.push({ flags: b.readUInt32LE(o + 4), offset: b.readBigUInt64LE(o + 8), vaddr: b.readBigUInt64LE(o + 16),
      filesz: b.readBigUInt64LE(o + 32), memsz: b.readBigUInt64LE(o + 40) });
  }
  const first = loads.find((s) => s.offset === 0n);
  return { entry: b.readBigUInt64LE(24), phoff, phnum, phentsize, loads, phdr: first ? first.vaddr + phoff : 0n };
}

// PF_R 4, PF_W 2, PF_X 1 as the page writes permissions.
const elfPerm = (f) => (f & 4 ? 'r' : '-') + (f & 2 ? 'w' : '-') + (f & 1 ? 'x' : '-');

// --- reading the page and the module ----------------------------------------

function shownRegions(page) {
  return page.$$eval('#regions tr', (rows) => rows.map((tr) => ({ space: Number(tr.dataset.space), start: tr.dataset.start,
    end: tr.dataset.end, perm: tr.dataset.perm, kind: tr.dataset.kind, mapped: Number(tr.dataset.mapped) })));
}

// The regions and pages of every live space, from the module (read-only
// calls); permissions as the page writes them ("r-x"), from the bits
// lab4_perm_name names.
function moduleSpaces(page) {
  return page.evaluate(() => {
    const M = window.aurora.module, h = (x) => '0x' + BigInt.asUintN(64, x).toString(16);
    const PERM = Object.fromEntries(AuroraWeb.cBits(M, M._lab4_perm_name));
    const perm = (p) => (p & PERM.R ? 'r' : '-') + (p & PERM.W ? 'w' : '-') + (p & PERM.X ? 'x' : '-');
    const out = [];
    for (let s = 0; s < M._lab4_max_spaces(); s++) {
      if (!M._lab4_space_live(s)) continue;
      const regions = [], pages = [];
      for (let i = 0, n = M._lab4_regions(s); i < n; i++)
        regions.push({ start: h(M._lab4_region_start(i)), end: h(M._lab4_region_end(i)), perm: perm(M._lab4_region_perms(i)),
          kind: M.UTF8ToString(M._lab4_region_kind(i)) });
      for (let i = 0, n = M._lab4_pages_of(s); i < n; i++) {
        const pa = M._lab4_page_pa(i);
        pages.push({ va: h(M._lab4_page_va(i)), pa: h(pa), refs: M._lab4_refs(pa), perm: perm(M._lab4_page_perms(i)) });
      }
      out.push({ s, regions, pages, cowCopies: Number(M._lab4_cow_copies(s)), zeroFills: Number(M._lab4_zero_fills(s)),
        brk: h(M._lab4_brk(s)), heapStart: h(M._lab4_heap_start(s)) });
    }
    return out;
  });
}

// The regions table and every page cell against the module.
async function assertSpacesShown(page) {
  const spaces = await moduleSpaces(page);
  const want = [];
  for (const sp of spaces)
    for (const r of sp.regions)
      want.push({ space: sp.s, start: r.start, end: r.end, perm: r.perm, kind: r.kind,
        mapped: sp.pages.filter((p) => BigInt(p.va) >= BigInt(r.start) && BigInt(p.va) < BigInt(r.end)).length });
  assert.deepEqual(await shownRegions(page), want, 'the regions table vs uvm');
  const cells = await page.$$eval('#spaces .space', (cols) => cols.map((c) => ({ space: Number(c.dataset.space),
    pages: [...c.querySelectorAll('.pg:not(.untouched)')].map((p) => ({ va: p.dataset.va, pa: p.dataset.pa, refs: Number(p.dataset.refs) })) })));
  assert.deepEqual(cells.map((c) => c.space), spaces.map((s) => s.s), 'a column per live space');
  for (const sp of spaces) {
    const shown = cells.find((c) => c.space === sp.s).pages.sort((a, b) => (BigInt(a.va) < BigInt(b.va) ? -1 : 1));
    assert.deepEqual(shown, sp.pages.map((p) => ({ va: p.va, pa: p.pa, refs: p.refs })), `P${sp.s}'s pages vs pt_for_each_range`);
  }
  return spaces;
}

// The invariant, recomputed here from the module's page lists: every data
// frame's refcount is the number of spaces mapping it.
function assertRefcountsConsistent(spaces) {
  const mappers = new Map();
  for (const sp of spaces) for (const p of sp.pages) mappers.set(p.pa, (mappers.get(p.pa) || 0) + 1);
  for (const sp of spaces) for (const p of sp.pages)
    assert.equal(p.refs, mappers.get(p.pa), `frame ${p.pa} (${sp.s}:${p.va}): refcount vs mappers`);
}

function shownStack(page) {
  return page.$$eval('#stack li.cell', (cells) => cells.map((c) => ({ kind: c.dataset.kind, addr: c.dataset.addr,
    value: c.dataset.value, index: c.dataset.index === undefined ? undefined : Number(c.dataset.index),
    str: c.dataset.str, name: c.dataset.name })));
}

function moduleLayout(page) {
  return page.evaluate(() => {
    const M = window.aurora.module, h = (x) => '0x' + BigInt.asUintN(64, x).toString(16);
    return { sp: h(M._lab4_sp()), argc: Number(M._lab4_argc()), envc: Number(M._lab4_envc()), argv: h(M._lab4_argv()),
      envp: h(M._lab4_envp()), auxv: h(M._lab4_auxv()), auxc: Number(M._lab4_auxc()), random: h(M._lab4_random()),
      execfn: h(M._lab4_execfn()), entry: h(M._lab4_entry()), phnum: M._lab4_phnum(), phdr: h(M._lab4_phdr()),
      loadEnd: h(M._lab4_load_end()) };
  });
}

const pos = (page) => page.textContent('#pos');
async function setSpeed(page, v) {
  await page.fill('#speed', String(v));
  await page.dispatchEvent('#speed', 'input');
}
async function clickAndWait(page, sel) {
  const before = await pos(page);
  await page.click(sel);
  await page.waitForFunction((b) => document.getElementById('pos').textContent !== b, before);
}
const invariantOk = (page) => page.getAttribute('#invariant', 'data-ok');
const counter = async (page, id) => Number((await page.textContent('#' + id)).split(' ')[0]);

function callRows(page) {
  return page.$$eval('#calls tr', (rows) => rows.map((tr) => ({ name: tr.dataset.name, allowed: tr.dataset.allowed === '1',
    missing: tr.dataset.missing, text: tr.querySelector('.call').textContent, verdict: tr.querySelector('.verdict').textContent })));
}

// --- the tests --------------------------------------------------------------

await run(async ({ browser, page, base, pageErrors }) => {
  const elf = await programFile(PROG);

  await test('the page loads and runs the C module', async () => {
    await page.goto(`${base}/lab4.html`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    assert.match(await page.textContent('#status'), /uvm\.c/);
    assert.deepEqual(pageErrors, []);
    assert.ok(await page.$$eval('#prog option', (o) => o.length) >= 2, 'programs embedded');
    assert.ok(await page.$$eval('#trace option', (o) => o.length) >= 4, 'traces embedded');
  });

  await test('the index page links lab 4', () => assertIndexLinks(browser, base, 'lab4.html'));

  let loaderSteps;
  await test('exec with typed argv and envp; step through the loader, each step as exec.c takes it', async () => {
    await page.selectOption('#prog', PROG);
    await page.fill('#cmd', CMD);
    await page.fill('#env', ENVP.join(' '));
    await page.fill('#seed', '7');
    await page.click('#btn-load');
    await page.waitForFunction(() => /^0 \//.test(document.getElementById('pos').textContent));
    loaderSteps = await page.evaluate(() => window.aurora.loaderSteps());
    assert.equal(loaderSteps, 1 + elf.loads.length + 1 + 3, 'parse, a step per PT_LOAD, heap, stack build/map/fill');
    assert.match(await page.textContent('#stack'), /Not built yet/);
    for (let k = 1; k <= loaderSteps; k++) {
      await clickAndWait(page, '#btn-fwd');
      const title = await page.textContent('#step-detail .title');
      if (k === 1) assert.match(title, new RegExp(`elf_parse: ${elf.loads.length} PT_LOAD segments, entry ${hex(elf.entry)}`));
      else if (k <= 1 + elf.loads.length) {
        const s = elf.loads[k - 2];
        const start = s.vaddr & ~(PAGE - 1n), end = (s.vaddr + s.memsz + PAGE - 1n) & ~(PAGE - 1n);
        assert.match(title, new RegExp(`segment ${k - 2}: uvm_add_region\\(${hex(start)}, ${hex(end)}, ${elfPerm(s.flags)}\\) \\+ uvm_fill\\(${s.filesz} bytes\\)`));
        assert.equal(await page.$$eval('#segments tr.current', (r) => r.length), 1, 'the segment is highlighted');
      } else if (k === 2 + elf.loads.length) assert.match(title, /^uvm_set_heap\(0x[0-9a-f]+\)$/);
      else if (k === 3 + elf.loads.length) {
        assert.match(title, /^ustack_build: argc 4, envc 2, /);
        assert.equal(await page.getAttribute('#stack', 'data-source'), 'buffer', 'the stack is still the kernel\'s buffer');
        assert.equal((await shownRegions(page)).some((r) => r.kind === 'stack'), false, 'no stack region yet');
      } else if (k === 4 + elf.loads.length) assert.match(title, /^uvm_add_region\(0x7fffff7ff000, 0x7ffffffff000, rw-, stack\)$/);
      else assert.match(title, /^uvm_fill\(0x7fff/);
      await assertSpacesShown(page);
      assert.equal(await invariantOk(page), '1', `invariants after step ${k}`);
    }
    assert.equal(await page.getAttribute('#stack', 'data-source'), 'memory');
    assert.equal(await page.isDisabled('#btn-fwd'), true, 'the loader is the whole script so far');
  });

  await test('the stack shown holds argc, the argv and envp given, and auxv from the ELF header', async () => {
    const cells = await shownStack(page), L = await moduleLayout(page);
    const argc = cells.find((c) => c.kind === 'argc');
    assert.deepEqual([argc.addr, argc.value], [L.sp, hex(ARGV.length)], 'argc at %rsp');
    assert.equal(BigInt(L.sp) % 16n, 0n, '%rsp 16-byte aligned');
    const argv = cells.filter((c) => c.kind === 'argv').sort((a, b) => a.index - b.index);
    assert.deepEqual(argv.map((c) => c.str), ARGV, 'argv strings, quoting kept');
    argv.forEach((c, i) => assert.equal(c.addr, hex(BigInt(L.argv) + BigInt(8 * i)), `argv[${i}] slot`));
    const envp = cells.filter((c) => c.kind === 'envp').sort((a, b) => a.index - b.index);
    assert.deepEqual(envp.map((c) => c.str), ENVP, 'envp strings');
    // every pointer lands on a string cell holding that string
    for (const c of [...argv, ...envp]) {
      const s = cells.find((x) => x.kind === 'string' && x.addr === c.value);
      assert.ok(s, `${c.value} points at a string cell`);
      assert.equal(s.str, c.str);
    }
    const aux = Object.fromEntries(cells.filter((c) => c.kind === 'auxv').map((c) => [c.name, c.value]));
    assert.equal(aux.AT_ENTRY, hex(elf.entry), 'AT_ENTRY = e_entry');
    assert.equal(aux.AT_PHNUM, hex(elf.phnum), 'AT_PHNUM = e_phnum');
    assert.equal(aux.AT_PHENT, hex(56), 'AT_PHENT = sizeof(Elf64_Phdr)');
    assert.equal(aux.AT_PHDR, hex(elf.phdr), 'AT_PHDR: the headers inside the first segment');
    assert.equal(aux.AT_PAGESZ, hex(4096));
    assert.equal(aux.AT_RANDOM, L.random);
    assert.equal(aux.AT_EXECFN, L.execfn);
    assert.equal(aux.AT_NULL, '0x0');
    assert.equal(cells.filter((c) => c.kind === 'auxv').length, L.auxc);
    assert.equal(cells.find((c) => c.kind === 'string' && c.addr === L.execfn).str, ARGV[0], 'AT_EXECFN names argv[0]');
    assert.equal(cells.find((c) => c.kind === 'random').addr, L.random);
  });

  await test('the regions: text r-x, data rw-, read-only data r--, stack rw-, heap after brk', async () => {
    let regions = await shownRegions(page);
    for (const s of elf.loads) {
      const start = hex(s.vaddr & ~(PAGE - 1n));
      const r = regions.find((g) => g.start === start);
      assert.ok(r, `a region for the segment at ${hex(s.vaddr)}`);
      assert.deepEqual([r.perm, r.kind], [elfPerm(s.flags), 'segment']);
    }
    assert.ok(regions.some((r) => r.perm === 'r-x' && r.kind === 'segment'), 'text r-x');
    assert.ok(regions.some((r) => r.perm === 'rw-' && r.kind === 'segment'), 'data rw-');
    const stack = regions.find((r) => r.kind === 'stack');
    assert.deepEqual([stack.start, stack.end, stack.perm], ['0x7fffff7ff000', '0x7ffffffff000', 'rw-']);
    assert.equal(regions.some((r) => r.kind === 'heap'), false, 'the heap has no region until brk grows it');
    const L = await moduleLayout(page);
    await clickAndWait(page, '#btn-brk');
    regions = await shownRegions(page);
    const heap = regions.find((r) => r.kind === 'heap');
    assert.deepEqual([heap.start, heap.end, heap.perm, heap.mapped], [L.loadEnd, hex(BigInt(L.loadEnd) + PAGE), 'rw-', 0],
      'brk +4 KiB: a heap region right after the highest segment, no page yet');
    const zero = await counter(page, 'ctr-zero');
    assert.equal(await page.inputValue('#touch-region'), heap.start, 'touch picks the heap');
    await clickAndWait(page, '#btn-touch');
    assert.equal((await shownRegions(page)).find((r) => r.kind === 'heap').mapped, 1, 'touch: the page is mapped');
    assert.equal(await counter(page, 'ctr-zero'), zero + 1, 'by a zero fill');
    await clickAndWait(page, '#btn-mmap');
    const mmap = (await shownRegions(page)).find((r) => r.kind === 'mmap');
    assert.equal(BigInt(mmap.end) - BigInt(mmap.start), 8192n, 'mmap 8 KiB');
    await assertSpacesShown(page);
  });

  let cowLink, cowState;
  await test('fork + write: a copy-on-write copy, refcounts = mappers, invariants green', async () => {
    const before = await assertSpacesShown(page);
    const copies = await counter(page, 'ctr-cow');
    await clickAndWait(page, '#btn-cow');
    const spaces = await assertSpacesShown(page);
    assert.equal(spaces.length, 2, 'a child');
    assert.equal(await counter(page, 'ctr-cow'), copies + 1, 'one COW copy');
    assert.equal(spaces[1].cowCopies, 1, 'made by the child');
    const va = await page.inputValue('#write-va');
    const parent = spaces[0].pages.find((p) => p.va === va), child = spaces[1].pages.find((p) => p.va === va);
    assert.notEqual(child.pa, parent.pa, 'the child has its own frame now');
    assert.equal(parent.pa, before[0].pages.find((p) => p.va === va).pa, 'the parent kept its frame');
    assert.deepEqual([parent.refs, child.refs], [1, 1]);
    assert.match(child.perm, /w/, 'writable in the child');
    assert.doesNotMatch(parent.perm, /w/, 'still read-only in the parent until it writes');
    const shared = spaces[1].pages.filter((p) => p.refs === 2);
    assert.equal(shared.length, spaces[1].pages.length - 1, 'every other page shared');
    for (const p of shared) assert.doesNotMatch(p.perm, /w/, `shared page ${p.va} is read-only`);
    assertRefcountsConsistent(spaces);
    assert.equal(await invariantOk(page), '1');
    // the parent's write: no one else has the frame now, so no copy
    await page.selectOption('#act-space', '0');
    await page.fill('#write-va', va);
    await clickAndWait(page, '#btn-write');
    assert.match(await page.textContent('#action-result'), /made writable again, no copy/);
    assert.equal(await counter(page, 'ctr-cow'), copies + 1, 'still one copy');
    assertRefcountsConsistent(await assertSpacesShown(page));
    assert.equal(await invariantOk(page), '1');
    cowLink = page.url();
    cowState = { regions: await shownRegions(page), stack: await shownStack(page), pos: await pos(page) };
  });

  await test('step back undoes the copy, step forward redoes it; break it turns the invariant red', async () => {
    const copies = await counter(page, 'ctr-cow');
    await clickAndWait(page, '#btn-back');	// the parent's write
    await clickAndWait(page, '#btn-back');	// the child's write
    assert.equal(await counter(page, 'ctr-cow'), copies - 1);
    const spaces = await assertSpacesShown(page);
    assert.equal(spaces.length, 2, 'the fork is still there');
    assert.ok(spaces[1].pages.every((p) => p.refs === 2), 'everything shared right after fork');
    assertRefcountsConsistent(spaces);
    await clickAndWait(page, '#btn-fwd');
    assert.equal(await counter(page, 'ctr-cow'), copies);
    await clickAndWait(page, '#btn-fwd');
    await page.click('#btn-tamper');
    await page.waitForSelector('#invariant.bad');
    assert.equal(await page.getAttribute('#inv-list li:first-child', 'data-ok'), '0', 'the refcount invariant');
    assert.match(await page.textContent('#inv-list li[data-ok="0"]'), /refcount \d+, mapped by \d+ spaces/);
    await page.click('#btn-back');
    await page.waitForSelector('#invariant.ok');
    // the tamper is the last step: going back dropped nothing but it
    await page.click('#btn-fwd');
    await page.waitForSelector('#invariant.bad');
    await page.click('#btn-back');
    await page.waitForSelector('#invariant.ok');
    await screenshot(page, 'lab4-cow.png');
  });

  await test('the URL reproduces the scenario, served and from disk', async () => {
    for (const url of [cowLink, `file://${WEB_DIR}/lab4.html#${cowLink.split('#')[1]}`]) {
      await inNewPage(browser, url, async (p) => {
        assert.equal(await p.inputValue('#cmd'), CMD);
        assert.equal(await p.inputValue('#seed'), '7');
        assert.equal(await pos(p), cowState.pos);
        assert.deepEqual(await shownRegions(p), cowState.regions, 'same regions');
        assert.deepEqual(await shownStack(p), cowState.stack, 'same stack, random bytes included');
        await assertSpacesShown(p);
      });
    }
  });

  await test('system calls: formatted by the C, fs-read off denies open, on again allows it', async () => {
    await page.selectOption('#trace', 'cat');
    await page.waitForFunction(() => document.querySelector('#calls tr[data-name="open"]'));
    let rows = await callRows(page);
    const truth = await page.evaluate(() => window.aurora.judge('cat', window.aurora.scenario.caps));
    assert.deepEqual(rows.map((r) => [r.name, r.text, r.allowed]), truth.map((t) => [t.name, t.text, t.allowed]),
      'every line is syscall_format_call\'s and cap_allows\'s');
    const open = () => rows.find((r) => r.name === 'open');
    assert.match(open().text, /^open\("etc\/motd", 0x0, 0x0\) = \d+$/);
    assert.equal(open().allowed, true);
    assert.match(rows[rows.length - 1].text, /^exit_group\(0\) = \?$/, 'exit_group never returns');
    await page.uncheck('#cap-fs-read');
    await page.waitForSelector('#calls tr[data-name="open"][data-allowed="0"]');
    rows = await callRows(page);
    assert.equal(open().missing, 'fs-read');
    assert.match(open().verdict, /denied: needs fs-read/);
    assert.equal(rows.find((r) => r.name === 'execve').allowed, false, 'execve needs fs-read too');
    assert.ok(rows.filter((r) => r.name === 'read' || r.name === 'write').every((r) => r.allowed), 'a held descriptor needs nothing');
    assert.match(page.url(), /caps=fs-write%2Cproc%2Cnet%2Csystem/);
    assert.match(await page.textContent('#trace-summary'), /denied/);
    await page.check('#cap-fs-read');
    await page.waitForSelector('#calls tr[data-name="open"][data-allowed="1"]');
    // the sandbox preset: nothing held
    await page.click('#cap-presets button[data-caps="-"]');
    await page.waitForSelector('#calls tr[data-name="open"][data-allowed="0"]');
    assert.equal(await page.isChecked('#cap-fs-write'), false);
    await page.click('#cap-presets button[data-caps="fs-read"]');
    await page.waitForSelector('#calls tr[data-name="open"][data-allowed="1"]');
    // mkdir wants fs-write; Aurora's own calls fail on Linux with ENOSYS
    await page.selectOption('#trace', 'mkdir');
    await page.waitForSelector('#calls tr[data-name="mkdir"][data-allowed="0"]');
    assert.equal(await page.getAttribute('#calls tr[data-name="mkdir"]', 'data-missing'), 'fs-write');
    // the shell's pipeline: forks followed, each record with its pid
    await page.selectOption('#trace', 'sh');
    await page.click('#cap-presets button[data-caps="fs-read,fs-write"]');
    await page.waitForSelector('#calls tr[data-name$="fork"][data-allowed="0"]');
    assert.equal(await page.getAttribute('#calls tr[data-name$="fork"]', 'data-missing'), 'proc');
    assert.match(await page.textContent('#trace-summary'), /from [2-9] processes/);
    await page.check('#cap-proc');
    await page.waitForSelector('#calls tr[data-name$="fork"][data-allowed="1"]');
    await page.uncheck('#cap-proc');
    await page.selectOption('#trace', 'sandbox');
    await page.waitForSelector('#calls tr[data-name="aurora_cap_drop"]');
    assert.match(await page.textContent('#calls tr[data-name="aurora_cap_drop"] .call'), /= -38 ENOSYS$/);
    // the trace and the capabilities are in the link
    const url = page.url();
    await inNewPage(browser, url, async (p) => {
      assert.equal(await p.inputValue('#trace'), 'sandbox');
      assert.deepEqual(await callRows(p), await callRows(page));
      assert.equal(await p.isChecked('#cap-fs-read'), true);
      assert.equal(await p.isChecked('#cap-proc'), false);
    });
    await screenshot(page, 'lab4-syscalls.png');
  });

  await test('play runs the loader to the end; speed and playback controls', async () => {
    await page.click('#btn-start');
    await setSpeed(page, 6);
    const total = await page.evaluate(() => window.aurora.total());
    await page.click('#btn-play');
    await page.waitForFunction((t) => document.getElementById('pos').textContent === `${t} / ${t}`, total,
      { timeout: STEP_TIMEOUT * 2 });
    await assertSpacesShown(page);
    await page.click(`#log li[data-step="${loaderSteps}"] button`);
    assert.equal(await pos(page), `${loaderSteps} / ${total}`);
    assert.equal((await moduleSpaces(page)).length, 1, 'at the end of loading: one process');
  });

  await test('the exercise: seeded questions about the stack, checked against the C code', async () => {
    const seen = new Set();
    for (let seed = 1; seed < 60 && seen.size < 3; seed++) {
      await page.fill('#ex-seed', String(seed));
      await page.click('#ex-new');
      await page.waitForSelector('#ex-form:not([hidden])');
      const q = await page.evaluate(() => window.aurora.question());
      if (seen.has(q.type)) continue;
      seen.add(q.type);
      // the right answer, from the file and the module's layout, not the page
      const L = await moduleLayout(page);
      let right;
      if (q.type === 'aux') {
        const fromFile = { AT_ENTRY: elf.entry, AT_PHNUM: BigInt(elf.phnum), AT_PHDR: elf.phdr, AT_PHENT: 56n,
          AT_PAGESZ: 4096n, AT_RANDOM: BigInt(L.random), AT_EXECFN: BigInt(L.execfn) };
        right = fromFile[q.name];
      } else if (q.type === 'argv') {
        const cells = await shownStack(page);
        const slot = hex(BigInt(L.argv) + BigInt(8 * q.index));
        right = BigInt(cells.find((c) => c.kind === 'argv' && c.addr === slot).value);
        assert.equal(cells.find((c) => c.kind === 'string' && c.addr === hex(right)).str, ARGV[q.index]);
      } else right = BigInt(L.sp);
      assert.equal((await page.evaluate(() => window.aurora.truth())).v, hex(right), 'the page\'s answer');
      await page.fill('#ex-answer', hex(right + 8n));
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.wrong');
      await page.fill('#ex-answer', q.type === 'aux' ? String(right) : hex(right));
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.correct');
      await assertSameQuestion(browser, page);
    }
    assert.deepEqual([...seen].sort(), ['argv', 'aux', 'sp'], 'all three kinds of question came up');
    await page.click('#ex-show');
    await page.waitForSelector('#stack li.answer');
  });

  await test('a program from an ordinary toolchain (musl-gcc -static) loads the same way', async () => {
    const musl = await programFile('musl-hello');
    await page.selectOption('#prog', 'musl-hello');
    await page.waitForFunction(() => /^0 \//.test(document.getElementById('pos').textContent));
    await page.click('#btn-end');
    assert.equal(await page.getAttribute('#stack', 'data-source'), 'memory');
    const aux = Object.fromEntries((await shownStack(page)).filter((c) => c.kind === 'auxv').map((c) => [c.name, c.value]));
    assert.deepEqual([aux.AT_ENTRY, aux.AT_PHDR, aux.AT_PHNUM], [hex(musl.entry), hex(musl.phdr), hex(musl.phnum)]);
    const regions = await shownRegions(page);
    for (const s of musl.loads)
      assert.equal(regions.find((r) => r.start === hex(s.vaddr & ~(PAGE - 1n))).perm, elfPerm(s.flags));
    assert.equal(await invariantOk(page), '1');
  });

  await test('a file that is not a static executable: elf_parse says why', async () => {
    await page.setInputFiles('#file', { name: 'notelf.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not an ELF file\n'.repeat(8)) });
    await page.waitForFunction(() => document.getElementById('prog').value === 'notelf.txt');
    await clickAndWait(page, '#btn-fwd');
    assert.match(await page.textContent('#step-detail'), /not an ELF file \(bad magic\)/);
    assert.equal(await page.isDisabled('#btn-fwd'), true, 'loading stops there');
    assert.equal(await page.isDisabled('#btn-brk'), true);
    assert.equal((await shownRegions(page)).length, 0);
  });

  await test('no errors in the page; screenshot saved', async () => {
    assert.deepEqual(pageErrors, []);
    await page.goto('about:blank');
    await page.goto(cowLink, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    await page.selectOption('#trace', 'cat');
    await page.uncheck('#cap-fs-read');
    await page.fill('#ex-seed', '3');
    await page.click('#ex-new');
    await screenshot(page, 'lab4.png');
    assert.deepEqual(pageErrors, []);
  });
});
