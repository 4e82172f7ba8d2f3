/*
 * The browser kernel's machine: a dedicated worker that holds the disk
 * (opfs-disk.js), boots the kernel over it, and carries the console to
 * and from the page: the console and the terminals beside it, by number.  A worker because the disk's synchronous handle and
 * the compiling of large WebAssembly modules (every user program) are
 * allowed only off the page's thread.
 *
 * From the page (machine.js says what each means):
 *   { type: 'boot', cmdline, image?, fresh? }   once, first
 *   { type: 'type', bytes, terminal }   { type: 'download' }   { type: 'files', request }
 * To the page:
 *   { type: 'status', text }   { type: 'booted' }   { type: 'output', bytes, terminal }
 *   { type: 'flushed', count }   { type: 'image', bytes }   { type: 'files', answer }
 *   { type: 'power', how }   { type: 'error', message }
 */
'use strict';

importScripts('../kernel.js', 'opfs-disk.js');

const SITE_IMAGE = '../aurora.img';	// the disk a first visit starts from
const TERMINALS = 3;	// /dev/tty1 ..: the page's "New terminal" windows

let kernel = null;
let handle = null;

const tell = (message, transfer) => self.postMessage(message, transfer || []);

async function siteImage() {
	tell({ type: 'status', text: 'fetching the disk image' });
	const response = await fetch(SITE_IMAGE);
	if (!response.ok)
		throw new Error(`${SITE_IMAGE}: ${response.status} ${response.statusText}`);
	return new Uint8Array(await response.arrayBuffer());
}

// The disk this boot runs: the one kept from before, unless the page
// hands another (an upload), asks for the site's afresh, or has none yet.
async function prepareDisk(request) {
	handle = await OpfsDisk.openHandle();
	if (request.image)
		OpfsDisk.replaceContents(handle, new Uint8Array(request.image));
	else if (request.fresh || handle.getSize() === 0)
		OpfsDisk.replaceContents(handle, await siteImage());
}

// After a power off the disk is let go, so that the page's next boot (a
// new worker) can open it at once.
function powerOff(how) {
	handle.flush();
	handle.close();
	tell({ type: 'power', how });
	self.close();
}

async function boot(request) {
	await prepareDisk(request);
	tell({ type: 'status', text: 'booting' });
	kernel = await AuroraKernel({
		auroraHost: {
			terminals: TERMINALS,
			write: (bytes, terminal) => tell({ type: 'output', bytes, terminal }, [bytes.buffer]),
			disk: OpfsDisk.blockDevice(handle, (count) => tell({ type: 'flushed', count })),
			power: powerOff,
		},
	});
	tell({ type: 'booted' });
	kernel.auroraBoot(request.cmdline);
}

// The image as the disk holds it: what the kernel has written back so far.
function download() {
	handle.flush();
	const bytes = OpfsDisk.readAll(handle);
	tell({ type: 'image', bytes }, [bytes.buffer]);
}

self.onmessage = ({ data }) => {
	if (data.type === 'boot')
		boot(data).catch((e) => tell({ type: 'error', message: String(e && e.message || e) }));
	else if (data.type === 'type' && kernel)
		kernel.auroraType(data.bytes, data.terminal);
	else if (data.type === 'download' && handle)
		download();
	else if (data.type === 'files' && kernel)
		kernel.auroraFiles(data.request).then((answer) => tell({ type: 'files', answer }));
};
