/*
 * The terminal apps: xterm.js (the global Terminal, loaded by os.html) on
 * the kernel's terminals.  "Terminal" is the console; "New terminal" opens
 * a window on the next of /dev/tty1 .. /dev/tty3, each with a shell of its
 * own (init starts one on every terminal).  The kernel's tty echoes, edits
 * lines and turns Ctrl-C into SIGINT, so keys go to it as they are, and
 * what it prints is shown as it is.  A screen outlives its window: closing
 * it leaves the shell running, and opening it again shows the same screen.
 * When Aurora is off, a key boots it again.
 */
const STOPPED = new Set(['off', 'halted', 'failed']);
const SCROLLBACK = 5000;
const TERMINALS = 3;	// /dev/tty1 ..: tty.h's TERMINALS_MAX
const ICON = '\u276f_';

// An xterm on terminal n (0: the console) of the machine.
function screen(machine, n) {
	const element = document.createElement('div');
	element.className = 'terminal-screen';
	// The kernel's terminals end their lines with a bare newline, as a
	// serial console does; the terminal returns the carriage itself.
	const term = new Terminal({
		convertEol: true,
		scrollback: SCROLLBACK,
		lineHeight: 1.2,
		fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
		fontSize: 14,
		theme: { background: '#101418', foreground: '#d8dee4', cursor: '#7ee787' },
	});
	const fit = new FitAddon.FitAddon();
	term.loadAddon(fit);
	new ResizeObserver(() => { if (element.isConnected) fit.fit(); }).observe(element);

	const encoder = new TextEncoder();
	term.onData((text) => {
		if (STOPPED.has(machine.state))
			machine.start();
		else
			machine.type(encoder.encode(text), n);
	});
	machine.addEventListener('output', (e) => {
		if (e.detail.terminal === n)
			term.write(e.detail.bytes);
	});
	machine.addEventListener('state', ({ detail }) => {
		// A new boot's first line starts a line of its own.
		if (detail.state === 'starting' && term.buffer.active.cursorX > 0)
			term.write('\r\n');
		else if (STOPPED.has(detail.state))
			term.write(`\r\n\x1b[2m[${detail.text}: press a key to boot]\x1b[0m\r\n`);
	});

	let opened = false;
	return {
		shown: false,
		open() {
			if (!opened)
				term.open(element);
			opened = this.shown = true;
			return { body: element, focus: () => term.focus(), close: () => { this.shown = false; } };
		},
		// The screen's text, its scrollback included, a line per row.
		text() {
			const buffer = term.buffer.active;
			const lines = [];
			for (let i = 0; i < buffer.length; i++)
				lines.push(buffer.getLine(i).translateToString(true));
			return lines.join('\n');
		},
	};
}

export function terminalApp(machine) {
	const console = screen(machine, 0);

	return {
		id: 'terminal', title: 'Terminal', icon: ICON, single: true, width: 780, height: 480,
		open: () => console.open(),
		text: () => console.text(),
	};
}

// The other terminals: each launch opens the first one without a window.
export function moreTerminalsApp(machine) {
	const screens = Array.from({ length: TERMINALS }, (_, i) => screen(machine, i + 1));

	return {
		id: 'terminal-new', title: 'New terminal', icon: `+${ICON}`, single: false,
		width: 720, height: 440,
		open() {
			const i = screens.findIndex((s) => !s.shown);
			return i < 0 ? null : { ...screens[i].open(), title: `Terminal ${i + 2} (/dev/tty${i + 1})` };
		},
		text: (n) => screens[n - 1].text(),
	};
}
