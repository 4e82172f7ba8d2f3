// The lab 5 page in a real browser: the inodes, entries, block maps, disk
// map, changed blocks and answers it shows must be what the kernel's ext2
// (in the page's wasm module) holds; and they must agree with the mke2fs
// image itself, whose superblock, descriptors, inodes, directories and
// indirect blocks are parsed here independently.  Ends with the line
// "N passed, M failed".
//
//   node web/tests/lab5.test.mjs        (after `make web`; or `make test-web`)

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { harness, waitReady, screenshot, assertIndexLinks, assertSameQuestion, WEB_DIR, STEP_TIMEOUT }
  from './harness.mjs';

const { test, run } = harness();

// The image the page embeds: the unit tests' (tests/tests.mk), beside the site.
const IMAGE = path.resolve(WEB_DIR, '../tests/ext2-1k.img');

// --- the image, parsed here (not by the page's C) ----------------------------

function parseImage(b) {
  const sb = 1024;
  const bs = 1024 << b.readUInt32LE(sb + 24);
  const fs = { b, bs, blocks: b.readUInt32LE(sb + 4), inodes: b.readUInt32LE(sb), freeBlocks: b.readUInt32LE(sb + 12),
    freeInodes: b.readUInt32LE(sb + 16), firstData: b.readUInt32LE(sb + 20), perGroup: b.readUInt32LE(sb + 32),
    inodesPerGroup: b.readUInt32LE(sb + 40), inodeSize: b.readUInt16LE(sb + 88), groups: [] };
  const ngroups = Math.ceil((fs.blocks - fs.firstData) / fs.perGroup);
  const gdt = (fs.firstData + 1) * bs;
  for (let g = 0; g < ngroups; g++)
    fs.groups.push({ blockBitmap: b.readUInt32LE(gdt + 32 * g), inodeBitmap: b.readUInt32LE(gdt + 32 * g + 4),
      inodeTable: b.readUInt32LE(gdt + 32 * g + 8) });
  return fs;
}

function inodeAt(fs, ino) {
  const g = fs.groups[Math.floor((ino - 1) / fs.inodesPerGroup)];
  const off = g.inodeTable * fs.bs + ((ino - 1) % fs.inodesPerGroup) * fs.inodeSize;
  const block = [];
  for (let i = 0; i < 15; i++) block.push(fs.b.readUInt32LE(off + 40 + 4 * i));
  return { mode: fs.b.readUInt16LE(off), size: fs.b.readUInt32LE(off + 4), links: fs.b.readUInt16LE(off + 26), block,
    tableBlock: g.inodeTable + Math.floor(((ino - 1) % fs.inodesPerGroup) * fs.inodeSize / fs.bs) };
}

function entriesOf(fs, block) {
  const out = [];
  for (let off = 0; off < fs.bs;) {
    const at = block * fs.bs + off, rec = fs.b.readUInt16LE(at + 4), len = fs.b[at + 6];
    out.push({ ino: fs.b.readUInt32LE(at), rec, name: fs.b.toString('latin1', at + 8, at + 8 + len) });
    off += rec;
  }
  return out;
}

// The inode a path reaches, through the first block of each directory (as
// the image's directories all fit in one).
function lookup(fs, p) {
  let ino = 2;
  for (const name of p.split('/').filter(Boolean))
    ino = entriesOf(fs, inodeAt(fs, ino).block[0]).find((e) => e.ino && e.name === name).ino;
  return ino;
}

const pointers = (fs, block) => Array.from({ length: fs.bs / 4 }, (_, i) => fs.b.readUInt32LE(block * fs.bs + 4 * i)).filter(Boolean);

// Every block of a file's map, data and indirect, read from the image.
function mapBlocks(fs, ino) {
  const i = inodeAt(fs, ino);
  const out = i.block.slice(0, 12).filter(Boolean);
  const walk = (block, depth) => { out.push(block); for (const c of pointers(fs, block)) (depth > 1 ? walk(c, depth - 1) : out.push(c)); };
  [12, 13, 14].forEach((k, d) => { if (i.block[k]) walk(i.block[k], d + 1); });
  return out.sort((a, b) => a - b);
}

// The disk block holding byte n of inode ino, by the ext2 layout.
function blockOfByte(fs, ino, n) {
  const i = inodeAt(fs, ino), per = fs.bs / 4;
  let f = Math.floor(n / fs.bs);
  if (f < 12) return i.block[f];
  f -= 12;
  if (f < per) return pointers(fs, i.block[12])[f];
  f -= per;
  return pointers(fs, pointers(fs, i.block[13])[Math.floor(f / per)])[f % per];
}

// --- reading the page ----------------------------------------------------------

const invariantOk = (page) => page.getAttribute('#invariant', 'data-ok');
const pos = (page) => page.textContent('#pos');
async function clickAndWait(page, sel) {
  const before = await pos(page);
  await page.click(sel);
  await page.waitForFunction((b) => document.getElementById('pos').textContent !== b, before);
}
const changedRows = (page) => page.$$eval('#changes tr', (rows) => rows.map((tr) => ({ block: Number(tr.dataset.block),
  kind: tr.dataset.kind, detail: tr.children[2].textContent })));

// A digest of the module's disk (or its snapshot before the last operation).
function diskDigest(page, which) {
  return page.evaluate((w) => {
    const M = window.aurora.module, at = M[w](), n = M._lab5_blocks_count() * M._lab5_block_size();
    let h = 0;
    for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + M.HEAPU8[at + i]) | 0;
    return h;
  }, which);
}

// Walk p on the page; what it shows must be what vfs_lookup says.
async function walkTo(page, p) {
  await page.fill('#walk-path', p);
  await page.click('#walk-form button');
  await page.waitForFunction((q) => document.getElementById('walk-result').textContent.startsWith(q), p);
  const shown = Number(await page.getAttribute('#walk-result', 'data-ino')) || null;
  const kernel = await page.evaluate((q) => window.aurora.lookup(q), p);
  assert.equal(shown, kernel > 0 ? kernel : null, `${p}: the walk shown vs vfs_lookup`);
}

async function runOp(page, name, p, extra = {}) {
  const before = await pos(page);
  await page.selectOption('#op', name);
  await page.fill('#op-path', p);
  if (extra.to) await page.fill('#op-to', extra.to);
  if (extra.offset !== undefined) await page.fill('#op-offset', String(extra.offset));
  if (extra.len !== undefined) await page.fill('#op-len', String(extra.len));
  await page.click('#btn-op');
  await page.waitForFunction((b) => document.getElementById('pos').textContent !== b, before);
}

await run(async ({ browser, page, base, pageErrors }) => {
  const fs = parseImage(await readFile(IMAGE));

  await test('the page loads and mounts the image with the kernel\'s ext2', async () => {
    await page.goto(`${base}/lab5.html`, { timeout: STEP_TIMEOUT });
    await waitReady(page);
    assert.match(await page.textContent('#status'), /kernel\/fs\/ext2/);
    assert.deepEqual(pageErrors, []);
    assert.equal(await invariantOk(page), '1');
  });

  await test('the index page links lab 5', () => assertIndexLinks(browser, base, 'lab5.html'));

  await test('the counts and the group layout are the image\'s', async () => {
    const text = await page.textContent('#counters');
    assert.ok(text.includes(`blocks, free${fs.blocks}, ${fs.freeBlocks}`), text);
    assert.ok(text.includes(`inodes, free${fs.inodes}, ${fs.freeInodes}`), text);
    fs.groups.forEach((g, i) => assert.ok(text.includes(`group ${i}: bitmaps, table${g.blockBitmap}, ${g.inodeBitmap}, ${g.inodeTable} `),
      `group ${i}`));
    assert.match(await page.textContent('#cache-line'), /^bcache: 16 buffers of 1024 bytes, 0 dirty; \d+ hits, \d+ misses/);
  });

  await test('the disk map: each group\'s metadata where its descriptor says, free blocks as the superblock counts', async () => {
    const kinds = await page.evaluate(() => {
      const M = window.aurora.module;
      M._lab5_map();
      const names = AuroraWeb.cNames(M, M._lab5_block_kind_name);
      return Array.from({ length: M._lab5_blocks_count() }, (_, b) => names[M._lab5_block_kind(b)]);
    });
    assert.equal(kinds.filter((k) => k === 'free').length, fs.freeBlocks);
    fs.groups.forEach((g) => {
      assert.equal(kinds[g.blockBitmap], 'block bitmap');
      assert.equal(kinds[g.inodeBitmap], 'inode bitmap');
      assert.equal(kinds[g.inodeTable], 'inode table');
    });
    assert.equal(kinds[fs.firstData], 'superblock');
    const big = lookup(fs, '/big.bin');
    for (const b of inodeAt(fs, big).block.slice(0, 12)) assert.equal(kinds[b], 'data');
    assert.equal(kinds[inodeAt(fs, big).block[12]], 'indirect');
    assert.equal(kinds[inodeAt(fs, 2).block[0]], 'directory');
    // a click on a cell names its block: the first inode table's
    const b = fs.groups[0].inodeTable, box = await page.$eval('#disk', (c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, top: r.top, scale: r.width / c.width };
    });
    await page.mouse.click(box.left + ((b % 64) * 6 + 3) * box.scale, box.top + (Math.floor(b / 64) * 6 + 3) * box.scale);
    assert.equal(await page.textContent('#block-info'), `block ${b}: inode table (group 0)`);
  });

  await test('walk /big.bin: the root\'s entries, the match, and a block map to the double indirect', async () => {
    await walkTo(page, '/big.bin');
    const big = lookup(fs, '/big.bin');
    assert.equal(Number(await page.getAttribute('#walk-result', 'data-ino')), big);
    const names = await page.$$eval('#walk .walk-step:first-child .entries tbody tr', (r) => r.map((tr) => tr.children[5].textContent));
    assert.deepEqual(names, entriesOf(fs, inodeAt(fs, 2).block[0]).map((e) => e.name));
    assert.equal(await page.textContent('#walk .entries tr.match td:nth-child(6)'), 'big.bin');
    const shown = (await page.getAttribute('#block-map', 'data-blocks')).split(' ').map(Number).sort((a, b) => a - b);
    assert.deepEqual(shown, mapBlocks(fs, big));
    assert.ok(await page.$$eval('#block-map .map-line[data-depth="2"]', (l) => l.length) === 1, 'a double indirect block');
  });

  await test('walk a symlink and ".." visibly', async () => {
    await walkTo(page, '/link');
    assert.equal(Number(await page.getAttribute('#walk-result', 'data-ino')), lookup(fs, '/hello.txt'));
    assert.match(await page.textContent('#walk .follow'), /symlink to "hello\.txt"/);
    await walkTo(page, '/dir/sub/../nested.txt');
    assert.equal(Number(await page.getAttribute('#walk-result', 'data-ino')), lookup(fs, '/dir/nested.txt'));
    assert.equal(await page.$$eval('#walk .walk-step', (s) => s.length), 4);
    await walkTo(page, '/nope');
    assert.match(await page.textContent('#walk-result'), /-ENOENT/);
  });

  await test('create, then write: the bitmaps, the inode table and the directory change, and step back', async () => {
    await runOp(page, 'create', '/t.txt');
    let rows = await changedRows(page);
    const ino = await page.evaluate(() => window.aurora.walk('/t.txt'));
    const g = fs.groups[Math.floor((ino - 1) / fs.inodesPerGroup)];
    const bit = (ino - 1) % fs.inodesPerGroup;
    assert.ok(rows.some((r) => r.block === g.inodeBitmap && r.kind === 'inode bitmap' &&
      r.detail === `set bit ${bit} = inode ${ino}`), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.block === inodeAt(fs, ino).tableBlock && r.kind === 'inode table' && r.detail.includes(String(ino))));
    assert.ok(rows.some((r) => r.block === inodeAt(fs, 2).block[0] && r.kind === 'directory'));
    assert.ok(rows.some((r) => r.block === fs.firstData && r.kind === 'superblock'));
    assert.equal(await invariantOk(page), '1');

    await runOp(page, 'write', '/t.txt', { offset: 0, len: 3000 });
    rows = await changedRows(page);
    const data = rows.filter((r) => r.kind === 'data');
    assert.equal(data.length, 3, '3000 bytes: three 1 KiB blocks');
    const bitmap = rows.find((r) => r.kind === 'block bitmap');
    assert.ok(bitmap && fs.groups.some((gr) => gr.blockBitmap === bitmap.block), 'a block bitmap block');
    assert.match(bitmap.detail, new RegExp(`^set bits \\d+-\\d+ = blocks ${data[0].block}-${data[2].block}$`));
    assert.ok(rows.some((r) => r.kind === 'group descriptors' && /free blocks \d+ -> \d+/.test(r.detail)));
    assert.ok(rows.some((r) => r.kind === 'inode table' && r.block === inodeAt(fs, ino).tableBlock));
    assert.ok(await page.$$eval('#bytes .byte.diff', (b) => b.length) > 0, 'the changed bytes');
    assert.equal(await invariantOk(page), '1');
    assert.match(await page.textContent('#op-detail'), /before the sync: bcache: 16 buffers of 1024 bytes, [1-9]\d* dirty/);
    await screenshot(page, 'lab5-write.png');

    const before = await diskDigest(page, '_lab5_snapshot');
    await clickAndWait(page, '#btn-back');
    assert.equal(await diskDigest(page, '_lab5_disk'), before, 'back: the disk is the write\'s snapshot again');
    rows = await changedRows(page);
    assert.ok(rows.some((r) => r.kind === 'inode bitmap'), 'back at the create');
    assert.equal(await page.evaluate(() => window.aurora.walk('/t.txt')), ino);
    await clickAndWait(page, '#btn-start');
    assert.equal(await page.evaluate(() => window.aurora.walk('/t.txt')), -2, 'the image again: no /t.txt');
  });

  await test('unlink and rename keep ext2_check green', async () => {
    await clickAndWait(page, '#btn-end');
    await runOp(page, 'rename', '/t.txt', { to: '/dir/u.txt' });
    assert.ok((await changedRows(page)).some((r) => r.kind === 'directory'));
    await runOp(page, 'unlink', '/big.bin');
    const rows = await changedRows(page);
    const bitmaps = rows.filter((r) => r.kind === 'block bitmap');
    assert.ok(bitmaps.length >= 1 && bitmaps.every((r) => r.detail.startsWith('cleared')), JSON.stringify(bitmaps));
    assert.equal(await invariantOk(page), '1');
  });

  await test('exercise: answers checked against the image, and a link brings the question back', async () => {
    await clickAndWait(page, '#btn-start');
    const seen = new Set();
    for (let seed = 1; seed < 80 && seen.size < 4; seed++) {
      await page.fill('#ex-seed', String(seed));
      await page.click('#ex-new');
      await page.waitForSelector('#ex-form:not([hidden])');
      const q = await page.evaluate(() => window.aurora.question());
      if (seen.has(q.type)) continue;
      seen.add(q.type);
      const t = await page.evaluate(() => window.aurora.truth());
      if (q.type === 'byte') assert.equal(t, blockOfByte(fs, lookup(fs, q.path), q.byte), q.text);
      else if (q.type === 'ino' && !q.path.endsWith('link')) assert.equal(t, lookup(fs, q.path), q.text);
      else if (q.type === 'unlink') {
        const ino = lookup(fs, q.op.split(':')[1]);
        assert.ok(t.includes(inodeAt(fs, ino).tableBlock) && mapBlocks(fs, ino).every((b) => !t.includes(b)),
          'the inode table changes, the freed data blocks do not');
      }
      await page.fill('#ex-answer', '1');
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.wrong');
      await page.fill('#ex-answer', (Array.isArray(t) ? [...t].reverse() : [t]).join(', '));
      await page.click('#ex-submit');
      await page.waitForSelector('#ex-result.correct');
      await assertSameQuestion(browser, page);
    }
    assert.ok(seen.size >= 3, 'most kinds of question came up: ' + [...seen]);
    assert.deepEqual(pageErrors, []);
  });
});
