/*
 * The page's handle on the browser kernel: the worker it runs in
 * (kernel-worker.js), started, typed into, asked for its disk and
 * restarted.  It tells what happens as events:
 *   output   { bytes }   what the console printed
 *   state    { state, text }   'starting', 'running', 'off', 'restarting',
 *            'halted' or 'failed', and a line saying so
 *   flushed  { count }   the count of write-backs made durable this boot
 * One machine is one console; a second terminal would be a second tty of
 * the same kernel, which this interface would carry as a console number.
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
		this.pendingDownload = null;
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
		this.worker = new Worker(WORKER);
		this.worker.onmessage = ({ data }) => this.receive(data);
		this.worker.onerror = (e) => this.setState('failed', `the kernel's worker failed: ${e.message}`);
		this.setState('starting', 'opening the disk');
		const transfer = disk.image ? [disk.image] : [];
		this.worker.postMessage({ type: 'boot', cmdline: CMDLINE, ...disk }, transfer);
	}

	// The worker ends with whatever the kernel had not written back.
	stop() {
		if (this.worker)
			this.worker.terminate();
		this.worker = null;
	}

	receive(message) {
		if (message.type === 'output')
			this.emit('output', { bytes: message.bytes });
		else if (message.type === 'status')
			this.setState('starting', message.text);
		else if (message.type === 'booted')
			this.setState('running', 'Aurora is running');
		else if (message.type === 'flushed')
			this.emit('flushed', { count: this.flushes = message.count });
		else if (message.type === 'image')
			this.resolveDownload(message.bytes);
		else if (message.type === 'power')
			this.powered(message.how);
		else if (message.type === 'error')
			this.setState('failed', message.message);
	}

	powered(how) {
		this.worker = null;	// it closed itself
		this.setState(POWER_STATES[how], POWER_TEXT[how]);
		if (POWER_STATES[how] === 'restarting')
			this.start();
	}

	type(bytes) {
		if (this.worker && this.state === 'running')
			this.worker.postMessage({ type: 'type', bytes });
	}

	// The disk image, as far as the kernel has written it back.
	download() {
		if (!this.worker)
			return Promise.reject(new Error('Aurora is not running'));
		if (!this.pendingDownload) {
			this.pendingDownload = new Promise((resolve) => { this.resolveDownload = resolve; })
				.finally(() => { this.pendingDownload = null; });
			this.worker.postMessage({ type: 'download' });
		}
		return this.pendingDownload;
	}
}
