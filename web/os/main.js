/*
 * Aurora's desktop (os.html): the browser kernel's machine, the dock's
 * apps (the terminal on its console, more terminals, the file browser,
 * the disk, the lab visualisers), and
 * the taskbar's status line, which also tells tests when Aurora runs and
 * how many write-backs reached the disk (#status's data-state and
 * data-flushes).  window.AuroraOS gives the same to the console.
 */
import { Machine } from './machine.js';
import { Desktop } from './desktop.js';
import { terminalApp, moreTerminalsApp } from './terminal.js';
import { diskApp } from './disk.js';
import { filesApp } from './files.js';
import { labApps } from './labs.js';

const $ = (id) => document.getElementById(id);

function showStatus(machine, status) {
	const show = (text) => {
		status.dataset.state = machine.state;
		status.dataset.flushes = machine.flushes;
		status.dataset.ready = machine.state === 'running' ? '1' : '0';
		status.className = `status ${machine.state === 'running' ? 'ready' : ''} ${machine.state === 'failed' ? 'error' : ''}`;
		const n = machine.flushes;
		status.textContent = `${text} \u00b7 ${n} write-back${n === 1 ? '' : 's'}`;
	};
	let text = '';
	machine.addEventListener('state', (e) => show(text = e.detail.text));
	machine.addEventListener('flushed', () => show(text));
}

const machine = new Machine();
const desktop = new Desktop({ area: $('desktop'), taskbar: $('tasks'), dock: $('dock') });
const terminal = terminalApp(machine);
const terminals = moreTerminalsApp(machine);
const files = filesApp(machine);
for (const app of [terminal, terminals, files, diskApp(machine), ...labApps])
	desktop.addApp(app);
showStatus(machine, $('status'));
window.AuroraOS = { machine, desktop, terminal, terminals, files };

desktop.launch('terminal');
machine.start();
// Let the disk go at once, so the next page (a reload) can open it.
window.addEventListener('pagehide', () => machine.stop());
