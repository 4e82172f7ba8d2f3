/*
 * The desktop: the apps in the dock, their windows (frame.js) one in front
 * of the other, and a taskbar button for each open window.  An app is
 *   { id, title, icon, single, width, height, open() -> { body, focus?, close? } }
 * where open builds what the window shows; single apps (the terminal, as
 * the kernel has one console) have at most one window, which launching
 * again brings to the front.
 */
import { Frame } from './frame.js';

const CASCADE = 28;	// how far each new window sits from the last

export class Desktop {
	constructor({ area, taskbar, dock }) {
		this.area = area;
		this.taskbar = taskbar;
		this.dock = dock;
		this.apps = new Map();
		this.windows = [];
		this.opened = 0;
		// A click into a window's page (an iframe) reaches only that page:
		// the focus leaving ours says which window was clicked.
		window.addEventListener('blur', () => setTimeout(() => this.focusActiveFrame()));
	}

	addApp(app) {
		this.apps.set(app.id, app);
		const button = document.createElement('button');
		button.className = 'dock-app';
		button.dataset.app = app.id;
		button.title = app.title;
		button.innerHTML = `<span class="icon" aria-hidden="true">${app.icon}</span><span class="label"></span>`;
		button.querySelector('.label').textContent = app.title;
		button.addEventListener('click', () => this.launch(app.id));
		this.dock.append(button);
	}

	launch(id) {
		const app = this.apps.get(id);
		const open = app.single && this.windows.find((w) => w.app === app);
		if (open)
			return this.focus(open);
		const content = app.open();
		const last = this.windows.filter((w) => w.app === app).at(-1);
		if (!content)
			return last && this.focus(last);
		const offset = CASCADE * (this.opened++ % 8);
		const frame = new Frame(this.area, { title: content.title || app.title, body: content.body,
			x: 24 + offset, y: 16 + offset, width: app.width, height: app.height });
		const win = { app, frame, content, button: this.taskbarButton(app, content.title) };
		win.button.addEventListener('click', () => this.focus(win));
		frame.root.addEventListener('pointerdown', () => this.focus(win), true);
		frame.closeButton.addEventListener('click', () => this.close(win));
		return this.focus(win);
	}

	taskbarButton(app, title) {
		const button = document.createElement('button');
		button.className = 'task';
		button.textContent = `${app.icon} ${title || app.title}`;
		this.taskbar.append(button);
		return button;
	}

	// The window in front, the last of this.windows, which is kept in the
	// order they were last focused in.
	front() {
		return this.windows.at(-1);
	}

	focus(win) {
		this.windows = this.windows.filter((w) => w !== win).concat(win);
		this.windows.forEach((w, i) => {
			w.frame.root.style.zIndex = i + 1;
			w.frame.root.classList.toggle('focused', w === win);
			w.button.classList.toggle('active', w === win);
		});
		if (win.content.focus)
			win.content.focus();
		return win;
	}

	close(win) {
		if (win.content.close)
			win.content.close();
		win.frame.root.remove();
		win.button.remove();
		const wasFront = this.front() === win;
		this.windows = this.windows.filter((w) => w !== win);
		if (wasFront && this.windows.length)
			this.focus(this.front());
	}

	focusActiveFrame() {
		const active = document.activeElement;
		const win = active && active.tagName === 'IFRAME' &&
			this.windows.find((w) => w.frame.root.contains(active));
		if (win && win !== this.front())
			this.focus(win);
	}
}
