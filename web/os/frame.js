/*
 * A window's frame on the desktop: a title bar to drag it by, a close
 * button and a corner to resize it from.  Dragging captures the pointer,
 * so a window that holds a page (an iframe) does not swallow the moves.
 * The desktop (desktop.js) decides which window is in front.
 */
const MIN_WIDTH = 240;
const MIN_HEIGHT = 140;

const element = (tag, className, text) => {
	const e = document.createElement(tag);
	e.className = className;
	if (text)
		e.textContent = text;
	return e;
};

export class Frame {
	// area: the element windows live in, which bounds where they go.
	constructor(area, { title, body, x, y, width, height }) {
		this.area = area;
		this.root = element('section', 'window');
		this.root.setAttribute('aria-label', title);
		const bar = element('header', 'titlebar');
		this.closeButton = element('button', 'close', '\u00d7');
		this.closeButton.title = 'Close';
		bar.append(element('span', 'title', title), this.closeButton);
		const corner = element('div', 'resize');
		corner.title = 'Resize';
		body.classList.add('window-body');
		this.root.append(bar, body, corner);
		area.append(this.root);
		this.place(x, y, width, height);
		this.dragBy(bar, (start, dx, dy) => this.place(start.x + dx, start.y + dy, start.width, start.height));
		this.dragBy(corner, (start, dx, dy) => this.place(start.x, start.y, start.width + dx, start.height + dy));
	}

	box() {
		const r = this.root;
		return { x: r.offsetLeft, y: r.offsetTop, width: r.offsetWidth, height: r.offsetHeight };
	}

	// Keep the window at least its minimum size, and wholly within the
	// area, so that its title bar can always be grabbed again.
	place(x, y, width, height) {
		const area = this.area.getBoundingClientRect();
		const w = Math.max(MIN_WIDTH, Math.min(width, area.width));
		const h = Math.max(MIN_HEIGHT, Math.min(height, area.height));
		const s = this.root.style;
		s.left = `${Math.max(0, Math.min(x, area.width - w))}px`;
		s.top = `${Math.max(0, Math.min(y, area.height - h))}px`;
		s.width = `${w}px`;
		s.height = `${h}px`;
	}

	// reshape(start, dx, dy) from each move of the pointer pressed on handle,
	// start being the window's box when it was pressed.
	dragBy(handle, reshape) {
		handle.addEventListener('pointerdown', (down) => {
			if (down.button !== 0 || down.target.closest('button'))
				return;
			down.preventDefault();
			handle.setPointerCapture(down.pointerId);
			const start = this.box();
			const follow = (e) => reshape(start, e.clientX - down.clientX, e.clientY - down.clientY);
			handle.addEventListener('pointermove', follow);
			handle.addEventListener('lostpointercapture',
				() => handle.removeEventListener('pointermove', follow), { once: true });
		});
	}
}
