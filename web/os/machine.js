/*
 * The page's handle on the browser kernel: the worker it runs in
 * (kernel-worker.js), started, typed into, asked for its disk and
 * restarted.  It tells what happens as events:
 *   output   { bytes, terminal }   what terminal n printed (0: the console)
 *   state    { state, text }   'starting', 'running', 'off', 'restarting',
 *            'halted' or 'failed', and a line saying so
 *   flushed  { count }   the count of write-backs made durable this boot
 */
const WORKER = new URL('kernel-worker.js', import.meta.url);
const CMDLINE = 'root=disk0';
const POWER_STATES = ['off', 'restarting', 'halted'];
const POWER_TEXT = ['Aurora powered off', 'Aurora restarts', 'Aurora halted (see the terminal)'];

export class Machine extends EventTarget {
	constructor() {
		super();
		this.worker = null;
		this.state = 'off';
		this.flushes = 0;
		this.downloads = [];	// { resolve, reject } of each download asked for
		this.questions = [];	// the same, of each file browser's request
	}

	emit(type, detail) {
		this.dispatchEvent(new CustomEvent(type, { detail }));
	}

	setState(state, text) {
		this.state = state;
		this.emit('state', { state, text });
	}

	// Boot on the disk kept in the browser; { image } boots on those bytes
	// instead (they replace it), { fresh: true } on the site's image.
	start(disk = {}) {
		this.stop();
		this.flushes = 0;
		// The browser's storage, where the disk is, is for secure contexts
		// only: a page from https or from 127.0.0.1 is one.
		if (!window.isSecureContext)
			return this.setState('failed', 'Aurora keeps its disk only on https or http://127.0.0.1 (make browser)');
		this.worker = new Worker(WORKER);
		this.worker.onmessage = ({ data }) => this.receive(data);
		this.worker.onerror = (e) => this.setState('failed', `the kernel's worker failed: ${e.message || 'it did not load'}`);
		this.setState('starting', 'opening the disk');
		const transfer = disk.image ? [disk.image] : [];
		this.worker.postMessage({ type: 'boot', cmdline: CMDLINE, ...disk }, transfer);
	}

	// The worker ends with whatever the kernel had not written back.
	stop() {
		if (this.worker)
			this.worker.terminate();
		this.forgetWorker();
	}

	forgetWorker() {
		this.worker = null;
		for (const d of this.downloads.splice(0).concat(this.questions.splice(0)))
			d.reject(new Error('Aurora stopped'));
	}

	receive(message) {
		if (message.type === 'output')
			this.emit('output', { bytes: message.bytes, terminal: message.terminal });
		else if (message.type === 'status')
			this.setState('starting', message.text);
		else if (message.type === 'booted')
			this.setState('running', 'Aurora is running');
		else if (message.type === 'flushed')
			this.emit('flushed', { count: this.flushes = message.count });
		else if (message.type === 'image')
			this.downloads.shift().resolve(message.bytes);
		else if (message.type === 'files')
			this.questions.shift().resolve(message.answer);
		else if (message.type === 'power')
			this.powered(message.how);
		else if (message.type === 'error')
			this.setState('failed', message.message);
	}

	powered(how) {
		this.forgetWorker();	// it closed itself
		this.setState(POWER_STATES[how], POWER_TEXT[how]);
		if (POWER_STATES[how] === 'restarting')
			this.start();
	}

	// Type bytes into terminal n (0: the console).
	type(bytes, terminal = 0) {
		if (this.worker && this.state === 'running')
			this.worker.postMessage({ type: 'type', bytes, terminal });
	}

	// The kernel's answer to the file browser's request (files.js).
	files(request) {
		if (!this.worker || this.state !== 'running')
			return Promise.reject(new Error('Aurora is not running'));
		this.worker.postMessage({ type: 'files', request });
		return new Promise((resolve, reject) => this.questions.push({ resolve, reject }));
	}

	// The disk image, as far as the kernel has written it back.
	download() {
		if (!this.worker)
			return Promise.reject(new Error('Aurora is not running'));
		this.worker.postMessage({ type: 'download' });
		return new Promise((resolve, reject) => this.downloads.push({ resolve, reject }));
	}
}
