/*
 * The browser kernel's disk in the Origin Private File System: one file,
 * aurora.img, behind a synchronous access handle.  Only a dedicated worker
 * may hold such a handle, and it reads and writes in place without
 * awaiting, as the kernel's block device expects (runtime.js calls the
 * disk synchronously).  A classic script for the worker's importScripts.
 */
'use strict';

const OpfsDisk = (function () {
	const SECTOR = 512;
	const FILE = 'aurora.img';
	// A handle another worker still holds (the page before a reload was
	// torn down, or a second tab) is released when that worker ends.
	const OPEN_TRIES = 50;
	const OPEN_RETRY_MS = 100;

	const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

	async function openHandle() {
		const root = await navigator.storage.getDirectory();
		const file = await root.getFileHandle(FILE, { create: true });
		for (let i = 1; ; i++) {
			try {
				return await file.createSyncAccessHandle();
			} catch (e) {
				if (e.name !== 'NoModificationAllowedError')
					throw e;
				if (i === OPEN_TRIES)
					throw new Error('the disk is in use: is Aurora open in another tab?');
				await pause(OPEN_RETRY_MS);
			}
		}
	}

	function replaceContents(handle, bytes) {
		handle.truncate(0);
		handle.write(bytes, { at: 0 });
		handle.flush();
	}

	function readAll(handle) {
		const bytes = new Uint8Array(handle.getSize());
		handle.read(bytes, { at: 0 });
		return bytes;
	}

	/*
	 * The kernel's disk (runtime.js: sectors, read, write, flush) over the
	 * handle; onFlush(n) hears of the n-th flush that followed writes, the
	 * moment what the kernel wrote back became durable.
	 */
	function blockDevice(handle, onFlush) {
		let written = false;
		let flushes = 0;
		return {
			sectors: Math.floor(handle.getSize() / SECTOR),
			read(first, count) {
				const bytes = new Uint8Array(count * SECTOR);
				handle.read(bytes, { at: first * SECTOR });
				return bytes;
			},
			write(first, bytes) {
				handle.write(bytes, { at: first * SECTOR });
				written = true;
			},
			flush() {
				handle.flush();
				if (written)
					onFlush(++flushes);
				written = false;
			},
		};
	}

	return { openHandle, replaceContents, readAll, blockDevice };
})();
