#!/usr/bin/env node
/*
 * Aurora's browser kernel in headless Chromium, on this terminal: the
 * desktop page (os.html, from build/web: make browser-site) in a fresh
 * profile, its console relayed to standard output as it prints, and
 * standard input typed into it.  make bench's Chromium column runs it
 * (tools/bench.py), timing the console's lines as they arrive, as it does
 * QEMU's serial line and Node's runner (aurora-node.mjs).  It exits when
 * Aurora powers off.
 *
 *   node web/os/aurora-chromium.mjs
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launchChromium, WEB_DIR, STEP_TIMEOUT } from '../tests/harness.mjs';

const BOOT_TIMEOUT = 60000;

// From now on the console's output comes here: what it printed so far,
// then each chunk as it prints (one evaluation: nothing falls between).
async function relayConsole(page) {
	await page.exposeBinding('auroraRelay', (_, text) => process.stdout.write(text));
	await page.waitForFunction(() => window.AuroraOS, null, { timeout: BOOT_TIMEOUT });
	await page.evaluate(() => {
		const { machine, terminal } = window.AuroraOS;
		const decoder = new TextDecoder();
		window.auroraRelay(terminal.text().trimEnd());
		machine.addEventListener('output', (e) => {
			if (e.detail.terminal === 0)
				window.auroraRelay(decoder.decode(e.detail.bytes, { stream: true }));
		});
	});
}

function typeStdin(page) {
	if (process.stdin.isTTY)
		process.stdin.setRawMode(true);
	process.stdin.on('data', (bytes) =>
		page.evaluate((b) => window.AuroraOS.machine.type(new Uint8Array(b)), [...bytes]));
}

async function main() {
	const server = await serve(WEB_DIR);
	const userDir = await mkdtemp(path.join(tmpdir(), 'aurora-chromium-'));
	const browser = await launchChromium(userDir);
	const stop = async (status) => {
		await browser.close().catch(() => {});
		server.close();
		await rm(userDir, { recursive: true, force: true }).catch(() => {});
		process.exit(status);
	};
	try {
		const page = browser.pages()[0] || await browser.newPage();
		page.on('pageerror', (e) => process.stderr.write(`page error: ${e}\n`));
		await page.goto(`http://127.0.0.1:${server.address().port}/os.html`, { timeout: STEP_TIMEOUT });
		await relayConsole(page);
		typeStdin(page);
		page.on('console', (m) => { if (m.type() === 'error') process.stderr.write(`${m.text()}\n`); });
		await page.waitForFunction(() => document.getElementById('status').dataset.state === 'off', null,
			{ timeout: 0, polling: 200 });
		await stop(0);
	} catch (e) {
		process.stderr.write(`aurora-chromium: ${e && e.message || e}\n`);
		await stop(1);
	}
}

main();
