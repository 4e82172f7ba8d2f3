// The desktop page (os.html) in a real browser: Aurora's browser kernel
// boots in the page's worker to its shell, in xterm.js; what is typed runs;
// a file written survives a reload (the disk is in the Origin Private File
// System); a second terminal has a shell of its own; the file browser
// walks the kernel's file system; a fork bomb leaves the shell answering; the downloaded image is
// a clean ext2 file system (e2fsck), and uploaded it replaces the disk; and
// the windows move, resize, focus and close.  Ends with the line "N passed, M failed".
//
//   node web/tests/os.test.mjs     (after `make web browser-site`; or `make test-web`)

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { harness, screenshot, assertIndexLinks, withTimeout, STEP_TIMEOUT } from './harness.mjs';

const { test, run } = harness();

const BOOT_TIMEOUT = 45000;	// fetching the 64 MiB image and booting, the first time
const WRITEBACK_TIMEOUT = 20000;	// the kernel writes back every few seconds
const BOMB_TIMEOUT = 50000;
const POLL_MS = 100;
const PROMPT = /\$ $/;	// the shell's prompt, at the end of the screen
const IMAGE_BYTES = 64 * 1024 * 1024;

// Terminal n's screen: 0 the console's, n /dev/ttyn's.
const screenText = (page, n = 0) => page.evaluate((n) =>
  n ? window.AuroraOS.terminals.text(n) : window.AuroraOS.terminal.text(), n);

// Poll terminal n until ok(text); on a timeout, the error shows the screen.
async function waitForScreen(page, ok, what, ms = STEP_TIMEOUT, n = 0) {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = await screenText(page, n);
    if (ok(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}; the terminal shows:\n${text.trimEnd()}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

// The lines the screen shows after the last prompt followed by command.
function outputOf(text, command) {
  const lines = text.trimEnd().split('\n');
  const at = lines.findLastIndex((l) => l.trimEnd().endsWith(`$ ${command}`));
  return at < 0 ? [] : lines.slice(at + 1);
}

async function boot(page, base) {
  await page.goto(`${base}/os.html`, { timeout: STEP_TIMEOUT });
  await page.waitForSelector('#status[data-state="running"]', { timeout: BOOT_TIMEOUT });
  await waitForScreen(page, (t) => PROMPT.test(t.trimEnd() + ' '), 'the shell prompt', BOOT_TIMEOUT);
}

// Type command into the terminal in front as a person would, and wait
// for its output on terminal n to be followed by the next prompt.
// Returns the output's lines.
async function typeInFront(page, command, ms, n) {
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  const text = await waitForScreen(page, (t) => {
    const out = outputOf(t, command);
    return out.length > 0 && PROMPT.test(out.at(-1) + ' ');
  }, `the prompt after "${command}"`, ms, n);
  return outputOf(text, command).slice(0, -1).map((l) => l.trim());
}

// The same at the console's terminal.
async function shell(page, command, ms = STEP_TIMEOUT) {
  await page.click('.dock-app[data-app="terminal"]');	// to the front, with the keyboard
  return typeInFront(page, command, ms, 0);
}

const flushes = async (page) => Number(await page.getAttribute('#status', 'data-flushes'));
const bootCount = (text) => text.split('init: starting /bin/sh').length - 1;

// The next write-back to reach the disk carries what was written before it.
async function waitForWriteBack(page) {
  const before = await flushes(page);
  await page.waitForFunction((n) => Number(document.getElementById('status').dataset.flushes) > n,
    before, { timeout: WRITEBACK_TIMEOUT, polling: POLL_MS }).catch(async () => {
    throw new Error(`no write-back reached the disk within ${WRITEBACK_TIMEOUT} ms (${await flushes(page)} this boot);` +
      ` the terminal shows:\n${(await screenText(page)).trimEnd()}`);
  });
}

async function e2fsck(file) {
  return new Promise((resolve) => {
    execFile('e2fsck', ['-fn', file], { env: { ...process.env, PATH: `/usr/sbin:/sbin:${process.env.PATH}` } },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, output: stdout + stderr }));
  });
}

await run(async ({ browser, page, base, pageErrors }) => {
  await test('the index links the desktop', () => assertIndexLinks(browser, base, 'os.html'));

  await test('Aurora boots to its shell, which runs a pipeline', async () => {
    await boot(page, base);
    assert.deepEqual(await shell(page, 'echo one two three | wc -w'), ['3']);
  });

  await test('a file written in the shell survives a reload', async () => {
    assert.deepEqual(await shell(page, 'echo persisted > /home/student/note.txt'), []);
    await waitForWriteBack(page);
    await page.reload({ timeout: STEP_TIMEOUT });
    await boot(page, base);
    assert.deepEqual(await shell(page, 'cat /home/student/note.txt'), ['persisted']);
  });

  await test('a new terminal window has a shell of its own', async () => {
    await page.click('.dock-app[data-app="terminal-new"]');
    await waitForScreen(page, (t) => PROMPT.test(t.trimEnd() + ' '), 'the second shell\'s prompt',
      STEP_TIMEOUT, 1);
    assert.deepEqual(await typeInFront(page, 'echo from tty1 > /tmp/tty1.txt; echo done', STEP_TIMEOUT, 1),
      ['done']);
    assert.deepEqual(await shell(page, 'cat /tmp/tty1.txt'), ['from tty1']);
    assert.ok(!(await screenText(page, 0)).includes('done'), 'the second shell wrote to the console');
    const shells = await shell(page, 'ps | grep -c " sh"');
    assert.deepEqual(shells, ['4'], 'init starts a shell on the console and on each of the three terminals');
  });

  await test('the file browser walks the kernel\'s file system', async () => {
    await shell(page, 'echo browsed > /tmp/browse.txt');
    await page.click('.dock-app[data-app="files"]');
    const row = (name) => page.locator('.files-list tr', { hasText: name }).first();
    await row('tmp/').click({ timeout: STEP_TIMEOUT });
    await row('browse.txt').click({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('.files-preview').textContent === 'browsed\n',
      null, { timeout: STEP_TIMEOUT });
    assert.equal(await page.inputValue('.files-path input'), '/tmp');
    await page.fill('.files-path input', '/nosuch');
    await page.press('.files-path input', 'Enter');
    await page.waitForFunction(() => /ENOENT/.test(document.querySelector('.files-error').textContent),
      null, { timeout: STEP_TIMEOUT });
  });

  await test('after a fork bomb, the shell still answers', async () => {
    const out = await shell(page, 't_forkbomb', BOMB_TIMEOUT);
    assert.ok(out.includes('t_forkbomb: recovered'), `t_forkbomb said:\n${out.join('\n')}`);
    assert.deepEqual(await shell(page, 'echo still here'), ['still here']);
  });

  const dir = await mkdtemp(path.join(tmpdir(), 'aurora-image-'));
  const image = path.join(dir, 'aurora.img');

  await test('the downloaded image is a clean ext2 file system', async () => {
    await page.click('.dock-app[data-app="disk"]');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: STEP_TIMEOUT }),
      page.click('.disk-app .download'),
    ]);
    await withTimeout(download.saveAs(image), STEP_TIMEOUT, 'saving the download');
    assert.equal((await stat(image)).size, IMAGE_BYTES);
    const { code, output } = await e2fsck(image);
    assert.equal(code, 0, `e2fsck -fn exited ${code}:\n${output}`);
  });

  await test('an uploaded image replaces the disk, and Aurora boots on it', async () => {
    await shell(page, 'echo later > /home/student/later.txt');
    await waitForWriteBack(page);
    const boots = bootCount(await screenText(page));
    page.once('dialog', (d) => d.accept());
    await page.setInputFiles('.disk-app .upload', image);
    await waitForScreen(page, (t) => bootCount(t) > boots && PROMPT.test(t.trimEnd() + ' '),
      'Aurora booting on the uploaded image', BOOT_TIMEOUT);
    const out = await shell(page, 'cat /home/student/note.txt /home/student/later.txt');
    assert.equal(out[0], 'persisted');
    assert.match(out[1], /^cat: \/home\/student\/later\.txt: /, 'the file written after the download is gone');
  });
  await rm(dir, { recursive: true, force: true });

  await test('windows move, resize, focus and close', async () => {
    await page.click('.dock-app[data-app="lab1"]');
    const lab = page.locator('.window[aria-label^="Lab 1"]');
    await lab.locator('iframe').waitFor({ timeout: STEP_TIMEOUT });
    assert.ok(await lab.evaluate((w) => w.classList.contains('focused')), 'a new window is in front');
    const before = await lab.boundingBox();
    await dragBy(page, lab.locator('.titlebar'), 60, 40);
    await dragBy(page, lab.locator('.resize'), -100, -80);
    const after = await lab.boundingBox();
    assert.deepEqual([after.x - before.x, after.y - before.y], [60, 40], 'the title bar moves the window');
    assert.deepEqual([after.width - before.width, after.height - before.height], [-100, -80], 'the corner resizes it');
    await screenshot(page, 'os.png');
    await page.click('.task:has-text("Terminal")');
    assert.ok(await page.locator('.window[aria-label="Terminal"]').evaluate((w) => w.classList.contains('focused')),
      'its taskbar button brings the terminal to the front');
    await lab.locator('.close').click();
    assert.equal(await lab.count(), 0, 'the close button closes it');
  });

  await test('no errors in the page', async () => {
    assert.deepEqual(pageErrors, []);
  });
});

async function dragBy(page, handle, dx, dy) {
  const box = await handle.boundingBox();
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}
