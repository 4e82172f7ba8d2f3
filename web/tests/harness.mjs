// What every lab page's browser test shares: a tiny test runner that ends
// with "N passed, M failed", timeouts on every wait, a static server of the
// built site on 127.0.0.1 and Debian's chromium driven by playwright-core.
//
//   const h = harness();
//   await h.run(async ({ browser, page, base, pageErrors }) => {
//     await h.test('name', async () => { ... });
//   });

import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const WEB_DIR = path.resolve(process.env.AURORA_WEB_DIR || path.join(root, 'build/web'));
export const ARTIFACTS = path.resolve(process.env.AURORA_ARTIFACTS || path.join(root, 'build/test-artifacts'));
const CHROMIUM = process.env.AURORA_CHROMIUM || '/usr/bin/chromium';
export const STEP_TIMEOUT = 15000;	// any one wait
const TOTAL_TIMEOUT = 240000;	// the whole run

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// --- a static server --------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png',
  '.wasm': 'application/wasm', '.json': 'application/json' };

export function serve(dir) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// --- the page ---------------------------------------------------------------

// Every lab page sets #status[data-ready="1"] once its module runs.
export async function waitReady(page) {
  await page.waitForSelector('#status[data-ready="1"]', { timeout: STEP_TIMEOUT });
}

// Open url in a new tab, wait for the module, run fn(tab), close the tab.
export async function inNewPage(browser, url, fn) {
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  try {
    await p.goto(url, { timeout: STEP_TIMEOUT });
    await waitReady(p);
    const r = await fn(p);
    if (errors.length) throw new Error(`errors in ${url}: ${errors.join('; ')}`);
    return r;
  } finally { await p.close(); }
}

// The index page links the lab's page.
export async function assertIndexLinks(browser, base, href) {
  const p = await browser.newPage();
  try {
    await p.goto(`${base}/index.html`, { timeout: STEP_TIMEOUT });
    const got = await p.getAttribute(`a[href="${href}"]:not(.home)`, 'href');
    if (got !== href) throw new Error(`index.html does not link ${href}`);
  } finally { await p.close(); }
}

// A link to an exercise brings back the same question.
export async function assertSameQuestion(browser, page) {
  const want = await page.textContent('#ex-question');
  const got = await inNewPage(browser, page.url(), (p) => p.textContent('#ex-question'));
  if (got !== want) throw new Error(`the link asks "${got}", not "${want}"`);
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true, timeout: STEP_TIMEOUT });
  console.log(`     screenshot: ${file}`);
}

// --- chromium ---------------------------------------------------------------

// Debian's chromium, headless, with a fresh profile in userDir.
export async function launchChromium(userDir) {
  const browser = await withTimeout(chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1000 },
    timeout: STEP_TIMEOUT,
  }), STEP_TIMEOUT * 2, 'launching chromium');
  browser.setDefaultTimeout(STEP_TIMEOUT);
  return browser;
}

// --- the runner -------------------------------------------------------------

export function harness() {
  let passed = 0, failed = 0;

  async function test(name, fn) {
    const t0 = Date.now();
    try {
      await withTimeout(fn(), 60000, name);
      passed++;
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
    }
  }

  // Start the server and chromium, run body, always clean up, and end with
  // the summary line and the exit status.
  async function run(body) {
    const watchdog = setTimeout(() => {
      console.log(`the whole run timed out after ${TOTAL_TIMEOUT} ms`);
      console.log(`${passed} passed, ${failed + 1} failed`);
      process.exit(1);
    }, TOTAL_TIMEOUT);
    watchdog.unref();

    let server, browser, userDir;
    const pageErrors = [];
    try {
      server = await serve(WEB_DIR);
      const base = `http://127.0.0.1:${server.address().port}`;
      userDir = await mkdtemp(path.join(tmpdir(), 'aurora-chromium-'));
      browser = await launchChromium(userDir);
      const page = browser.pages()[0] || await browser.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
      await body({ browser, page, base, pageErrors });
    } catch (e) {
      failed++;
      console.log(`FAIL setup: ${e && e.stack || e}`);
    } finally {
      if (browser) await withTimeout(browser.close(), STEP_TIMEOUT, 'closing chromium').catch((e) => console.log(String(e)));
      if (server) { server.closeAllConnections?.(); await new Promise((r) => server.close(r)); }
      if (userDir) await rm(userDir, { recursive: true, force: true }).catch(() => {});
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed || !passed ? 1 : 0;
  }

  return { test, run };
}
