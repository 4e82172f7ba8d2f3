// The lab 1 page in a real browser: what it shows must be what the C
// allocator holds.  Serves the built site ($AURORA_WEB_DIR, default
// build/web) on 127.0.0.1, drives Debian's chromium with playwright-core,
// and ends with the line "N passed, M failed".
//
//   node web/tests/lab1.test.mjs        (after `make web`; or `make test-web`)

import assert from 'node:assert/strict';
import { harness, waitReady, screenshot, inNewPage, assertIndexLinks, assertSameQuestion, WEB_DIR, STEP_TIMEOUT }
  from './harness.mjs';

const { test, run } = harness();

// --- reading the page and the module ----------------------------------------

// What the page shows, as text from the DOM.
function shown(page) {
  return page.evaluate(() => {
    const num = (id) => Number(document.getElementById(id).textContent);
    const lists = [...document.querySelectorAll('#freelists tr')].map((tr) => ({
      order: Number(tr.dataset.order),
      count: Number(tr.querySelector('.fl-count').textContent),
      pfns: [...tr.querySelectorAll('.fl-pfns button.pfn')].map((b) => Number(b.textContent)),
      more: Number((tr.querySelector('.more')?.textContent.match(/\+(\d+)/) || [0, 0])[1]),
    }));
    return {
      free: num('ctr-free'), managed: num('ctr-managed'), allocated: num('ctr-allocated'),
      total: num('ctr-total'), lists, pos: document.getElementById('pos').textContent,
      invariant: document.getElementById('invariant').dataset.ok,
      invariantText: document.getElementById('invariant-text').textContent,
      steps: document.querySelectorAll('#log > li[data-step]').length,
    };
  });
}

// The same things asked of the C allocator directly.
function truth(page) {
  return page.evaluate(() => {
    const M = window.aurora.module;
    const lists = [];
    for (let k = 0; k <= M._lab1_max_order(); k++)
      lists.push({ order: k, count: M._lab1_free_blocks(k), pfns: window.aurora.freeList(k) });
    const view = M.HEAPU8.subarray(M._lab1_frame_view(), M._lab1_frame_view() + M._lab1_nframes());
    let h = 2166136261;
    for (const b of view) h = Math.imul(h ^ b, 16777619) >>> 0;
    return { free: M._lab1_free_frames(), managed: M._lab1_managed_frames(), total: M._lab1_nframes(),
      check: M._lab1_check(), lists, hash: h };
  });
}

async function assertShowsTruth(page) {
  const s = await shown(page), t = await truth(page);
  assert.equal(s.free, t.free, 'free frames shown vs buddy.free_frames');
  assert.equal(s.managed, t.managed, 'managed frames shown vs buddy.managed_frames');
  assert.equal(s.allocated, t.managed - t.free, 'allocated frames shown');
  assert.equal(s.total, t.total, 'frames in memory shown');
  assert.equal(s.lists.length, t.lists.length, 'number of free lists shown');
  let sum = 0;
  for (const l of t.lists) {
    const d = s.lists[l.order];
    assert.equal(l.count, l.pfns.length, `free_blocks[${l.order}] vs the list's length`);
    assert.equal(d.count, l.count, `order ${l.order}: block count shown`);
    assert.deepEqual(d.pfns, l.pfns.slice(0, d.pfns.length), `order ${l.order}: pfns shown are the list's front`);
    assert.equal(d.pfns.length + d.more, l.pfns.length, `order ${l.order}: shown + "more" = list length`);
    sum += l.pfns.length << l.order;
  }
  if (t.check) assert.equal(sum, t.free, 'the free lists add up to free_frames');
  assert.equal(s.invariant, String(t.check), 'invariant indicator vs buddy_check');
  return { s, t };
}

// The state of frame pfn in the C allocator, by frame_state_name.
function frameState(page, pfn) {
  return page.evaluate((p) => {
    const M = window.aurora.module;
    return M.UTF8ToString(M._frame_state_name(M._lab1_frame_state(p)));
  }, pfn);
}

async function pixelAt(page, pfn) {
  return page.evaluate((pfn) => {
    const p = window.aurora.zoomPoint(pfn);
    if (!p) return null;
    const d = document.getElementById('zoom').getContext('2d').getImageData(Math.floor(p.cx), Math.floor(p.cy), 1, 1).data;
    return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
  }, pfn);
}

// --- the tests --------------------------------------------------------------

await run(async ({ browser, page, base, pageErrors }) => {
  let initial, afterAlloc, afterFree, allocPfn;

  await test('the page loads and runs the C module', async () => {
    await page.goto(`${base}/lab1.html`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    assert.match(await page.textContent('#status'), /buddy\.c/);
    assert.deepEqual(pageErrors, []);
  });

  await test('the index page links lab 1', () => assertIndexLinks(browser, base, 'lab1.html'));

  await test('the site also works opened from disk (file://), no server', () =>
    inNewPage(browser, `file://${WEB_DIR}/lab1.html#mem=16&ops=a2&pos=1`, async (p) => {
      const { s } = await assertShowsTruth(p);
      assert.equal(s.total, 4096, '16 MiB from the URL');
      assert.equal(s.pos, '1 / 1');
    }));

  await test('the boot view shows what the allocator holds, invariants green', async () => {
    const { s, t } = await assertShowsTruth(page);
    initial = s;
    assert.equal(t.total, 32768, '128 MiB is 32768 frames');
    assert.equal(s.invariant, '1');
    assert.match(s.invariantText, /all invariants hold/);
    assert.equal(await page.getAttribute('#invariant', 'class'), 'invariant ok');
    assert.equal(s.pos, '0 / 0');
  });

  await test('the memory map is a PC layout: holes, kernel and ACPI are never given to buddy', async () => {
    const r = await page.evaluate(() => {
      const M = window.aurora.module, regs = [], str = (p) => M.UTF8ToString(p);
      for (let i = 0; i < M._lab1_region_count(); i++)
        regs.push({ start: M._lab1_region_start(i), n: M._lab1_region_frames(i),
          kind: str(M._lab1_region_kind_name(M._lab1_region_kind(i))),
          states: [...new Set(Array.from({ length: M._lab1_region_frames(i) },
            (_, j) => str(M._frame_state_name(M._lab1_frame_state(M._lab1_region_start(i) + j)))))] });
      return { regs, rows: document.querySelectorAll('#regions tr').length };
    });
    assert.equal(r.rows, r.regs.length, 'one table row per region');
    let usable = 0;
    for (const g of r.regs) {
      if (g.kind === 'usable') usable += g.n;
      else assert.deepEqual(g.states, ['reserved'], `region at ${g.start} must stay reserved`);
    }
    assert.equal(initial.managed, usable, 'managed frames = usable frames');
    assert.ok(r.regs.some((g) => g.kind === 'kernel' && g.start === 256), 'kernel image at 1 MiB');
    assert.ok(r.regs.some((g) => g.kind === 'hole' && g.start === 160), 'the VGA/ROM hole at 640 KiB');
  });

  await test('buddy_alloc(order 3) from the UI: 8 frames fewer, an order-3 block allocated', async () => {
    await page.selectOption('#alloc-order', '3');
    await page.click('#btn-alloc');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '1 / 1');
    const { s } = await assertShowsTruth(page);
    assert.equal(s.free, initial.free - 8, 'free frames dropped by 8');
    assert.equal(s.allocated, initial.allocated + 8);
    const top = await page.textContent('#log > li[data-step="1"] .op');
    const m = top.match(/buddy_alloc\(order 3\) \u2192 pfn (\d+)/);
    assert.ok(m, `log says what buddy_alloc returned: ${top}`);
    allocPfn = Number(m[1]);
    const c = await page.evaluate((p) => {
      const M = window.aurora.module;
      return { order: M._lab1_block_order(p), align: p % 8 };
    }, allocPfn);
    assert.deepEqual({ ...c, state: await frameState(page, allocPfn) }, { order: 3, align: 0, state: 'allocated' },
      'the C allocator holds it allocated, order 3');
    const sel = await page.$eval('#selection', (e) => ({ ...e.dataset }));
    assert.deepEqual(sel, { pfn: String(allocPfn), order: '3', state: 'allocated' });
    const want = await page.evaluate((p) => window.aurora.colorOf(window.aurora.module._lab1_frame_state(p), 3, 0), allocPfn);
    assert.equal(await pixelAt(page, allocPfn), want, 'the map draws it in the order-3 allocated colour');
    afterAlloc = s;
  });

  await test('clicking the block on the map selects it, and buddy_free gives it back', async () => {
    // Select something else first, so the click on the map is what selects the block.
    await page.click('#freelists tr[data-order="0"] button.pfn');
    assert.notEqual(await page.getAttribute('#selection', 'data-state'), 'allocated');
    assert.ok(await page.isDisabled('#btn-free'), 'free is disabled for a free block');
    await page.evaluate((p) => {
      // bring the block's 4 MiB row into the zoom
      const c = document.getElementById('overview'), r = c.getBoundingClientRect();
      const rows = Math.ceil(window.aurora.module._lab1_nframes() / 1024);
      const y = (Math.floor(p / 1024) + 0.5) * r.height / rows, x = (p % 1024 + 0.5) * r.width / c.width;
      c.dispatchEvent(new MouseEvent('click', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
    }, allocPfn);
    const pt = await page.evaluate((p) => window.aurora.zoomPoint(p), allocPfn);
    assert.ok(pt, 'the block is in the zoomed chunk');
    await page.click('#zoom', { position: { x: pt.x, y: pt.y } });
    const sel = await page.$eval('#selection', (e) => ({ ...e.dataset }));
    assert.deepEqual(sel, { pfn: String(allocPfn), order: '3', state: 'allocated' });
    await page.click('#btn-free');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '2 / 2');
    const { s } = await assertShowsTruth(page);
    assert.equal(s.free, initial.free, 'every frame came back');
    assert.deepEqual(s.lists, initial.lists, 'the free lists are as at boot again');
    assert.match(await page.textContent('#log > li[data-step="2"]'), /Merging stops at block \d+/);
    assert.notEqual(await frameState(page, allocPfn), 'allocated', 'no longer allocated');
    afterFree = s;
  });

  await test('step back restores the previous view, step forward redoes it', async () => {
    await page.click('#btn-back');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '1 / 2');
    let { s } = await assertShowsTruth(page);
    assert.deepEqual({ ...s, steps: 0 }, { ...afterAlloc, pos: '1 / 2', steps: 0 });
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '0 / 2');
    ({ s } = await assertShowsTruth(page));
    assert.deepEqual(s.lists, initial.lists);
    assert.equal(s.free, initial.free);
    await page.click('#btn-fwd');
    await page.click('#btn-fwd');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '2 / 2');
    ({ s } = await assertShowsTruth(page));
    assert.deepEqual(s, afterFree);
  });

  let linkState, link;
  await test('a seeded workload plays to the end with invariants holding', async () => {
    await page.fill('#seed', '7');
    await page.fill('#nops', '60');
    await page.click('#btn-generate');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '0 / 60');
    await page.fill('#speed', '6');
    await page.dispatchEvent('#speed', 'input');
    await page.click('#btn-play');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '60 / 60', null,
      { timeout: STEP_TIMEOUT * 2 });
    const { s } = await assertShowsTruth(page);
    assert.equal(s.invariant, '1');
    assert.ok(s.allocated > 0, 'the workload leaves blocks allocated');
    for (let i = 0; i < 7; i++) await page.click('#btn-back');
    await page.waitForFunction(() => document.getElementById('pos').textContent === '53 / 60');
    linkState = await assertShowsTruth(page);
    link = page.url();
    assert.match(link, /#.*seed=7.*ops=a\d/);
  });

  await test('the URL reproduces exactly what was on screen', () =>
    inNewPage(browser, link, async (p) => {
      const got = await assertShowsTruth(p);
      assert.deepEqual(got.s, linkState.s, 'same view');
      assert.equal(got.t.hash, linkState.t.hash, 'same frame array in the C allocator');
      // and the history is there too: stepping on from the link continues the script
      await p.click('#btn-end');
      await p.waitForFunction(() => document.getElementById('pos').textContent === '60 / 60');
      await assertShowsTruth(p);
    }));

  await test('the exercise checks answers against what the C code does', async () => {
    await page.fill('#ex-seed', '5');
    await page.click('#ex-new');
    await page.waitForSelector('#ex-form:not([hidden])');
    const q = await page.evaluate(() => window.aurora.question());
    // Work the answer out on a second, independent instance of the module.
    const expected = await page.evaluate(async (q) => {
      const sc = window.aurora.scenario;
      const M = await AuroraLab1();
      M._lab1_init(sc.mem, sc.kern);
      for (const op of sc.ops.slice(0, q.pos))
        op[0] === 'a' ? M._lab1_alloc(Number(op.slice(1))) : M._lab1_free(Number(op.slice(1)));
      M._lab1_events_clear();
      if (q.type === 'alloc') return { pfn: M._lab1_alloc(q.order) };
      M._lab1_free(q.pfn);
      const EVENT = AuroraWeb.cEnum(M, M._buddy_event_name);
      let pfn = q.pfn, order = q.order;
      for (let i = 0; i < M._lab1_event_count(); i++)
        if (M._lab1_event_kind(i) === EVENT.MERGE) { pfn = M._lab1_event_pfn(i); order = M._lab1_event_order(i); }
      return { pfn, order };
    }, q);
    assert.ok(expected.pfn >= 0, 'the question has an answer');
    await page.fill('#ex-pfn', String(expected.pfn + 1));
    if (q.type === 'free') await page.fill('#ex-order', String(expected.order));
    await page.click('#ex-submit');
    await page.waitForSelector('#ex-result.wrong');
    assert.equal(await page.getAttribute('#ex-result', 'data-correct'), '0');
    await page.fill('#ex-pfn', String(expected.pfn));
    await page.click('#ex-submit');
    await page.waitForSelector('#ex-result.correct');
    assert.match(await page.textContent('#ex-result'), new RegExp(`pfn ${expected.pfn}`));
    await assertShowsTruth(page);
    // a link to the exercise brings back the same question
    await assertSameQuestion(browser, page);
  });

  await test('a broken invariant turns the indicator red with the reason, step back heals it', async () => {
    await page.click('#btn-tamper');
    await page.waitForSelector('#invariant.bad');
    const { s } = await assertShowsTruth(page);
    assert.equal(s.invariant, '0');
    const reason = await page.evaluate(() => {
      const M = window.aurora.module;
      M._lab1_check();
      return M.UTF8ToString(M._lab1_check_reason());
    });
    assert.ok(reason.length > 0, 'buddy_check gives a reason');
    assert.equal(s.invariantText, `buddy_check failed: ${reason}`);
    await page.click('#btn-back');
    await page.waitForSelector('#invariant.ok');
    assert.equal((await assertShowsTruth(page)).s.invariant, '1');
  });

  await test('no errors in the page; screenshot saved', async () => {
    assert.deepEqual(pageErrors, []);
    await page.click('#ex-show');
    await page.waitForTimeout(300);
    await screenshot(page, 'lab1.png');
  });
});
