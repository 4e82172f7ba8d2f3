/*
 * The terminal app: xterm.js (the global Terminal, loaded by os.html) on
 * the machine's console.  The kernel's tty echoes, edits lines and turns
 * Ctrl-C into SIGINT, so keys go to it as they are, and what it prints is
 * shown as it is.  The terminal outlives its window: closing it leaves
 * Aurora running, and opening it again shows the same screen.  When Aurora
 * is off, a key boots it again.
 */
const STOPPED = new Set(['off', 'halted', 'failed']);
const SCROLLBACK = 5000;

export function terminalApp(machine) {
	const screen = document.createElement('div');
	screen.className = 'terminal-screen';
	// The kernel's console ends its lines with a bare newline, as a
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
	let opened = false;
	new ResizeObserver(() => { if (screen.isConnected) fit.fit(); }).observe(screen);

	const encoder = new TextEncoder();
	term.onData((text) => {
		if (STOPPED.has(machine.state))
			machine.start();
		else
			machine.type(encoder.encode(text));
	});
	machine.addEventListener('output', (e) => term.write(e.detail.bytes));
	machine.addEventListener('state', ({ detail }) => {
		// A new boot's first line starts a line of its own.
		if (detail.state === 'starting' && term.buffer.active.cursorX > 0)
			term.write('\r\n');
		else if (STOPPED.has(detail.state))
			term.write(`\r\n\x1b[2m[${detail.text}: press a key to boot]\x1b[0m\r\n`);
	});

	return {
		id: 'terminal', title: 'Terminal', icon: '\u276f_', single: true, width: 780, height: 480,
		open() {
			if (!opened)
				term.open(screen);
			opened = true;
			return { body: screen, focus: () => term.focus() };
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
