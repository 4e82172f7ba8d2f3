/*
 * The file browser app: Aurora's file system as the kernel sees it.  The
 * kernel answers (arch/wasm/file_service.c: a kernel thread walking the
 * VFS, as a program's ls would): "list PATH" gives a line per entry,
 * TYPE MODE SIZE NAME; "read PATH" gives a file's first 64 KiB.  Click a
 * directory to go in, a file to see it; the path bar goes anywhere.
 */
const TYPES = { d: 'directory', '-': 'file', l: 'symbolic link', c: 'device' };

// "d 755 1024 bin" -> { type, mode, size, name }
function parseEntry(line) {
	const [type, mode, size, ...name] = line.split(' ');
	return { type, mode, size: Number(size), name: name.join(' ') };
}

function joinPath(dir, name) {
	if (name === '..')
		return dir.replace(/\/[^/]*$/, '') || '/';
	return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

// The kernel's answer: its text after "ok", or an Error naming its errno.
async function ask(machine, request) {
	const answer = await machine.files(request);
	if (!answer.startsWith('ok\n'))
		throw new Error(`${request}: ${answer.replace(/^error /, '').trim()}`);
	return answer.slice(3);
}

function entryRow(entry, onOpen) {
	const row = document.createElement('tr');
	row.className = `entry type-${TYPES[entry.type] ? entry.type.replace('-', 'f') : 'c'}`;
	const cells = [entry.type === 'd' ? `${entry.name}/` : entry.name,
		entry.mode.padStart(4, '0'), entry.type === 'd' ? '' : String(entry.size)];
	for (const text of cells) {
		const cell = document.createElement('td');
		cell.textContent = text;
		row.append(cell);
	}
	row.title = TYPES[entry.type] || 'device';
	row.addEventListener('click', () => onOpen(entry));
	return row;
}

export function filesApp(machine) {
	const body = document.createElement('div');
	body.className = 'files-app';
	body.innerHTML = `<form class="files-path"><input name="path" value="/" aria-label="Path">
		<button>Go</button></form><p class="files-error"></p>
		<table class="files-list"><tbody></tbody></table><pre class="files-preview"></pre>`;
	const input = body.querySelector('input');
	const error = body.querySelector('.files-error');
	const rows = body.querySelector('tbody');
	const preview = body.querySelector('.files-preview');

	async function show(path) {
		error.textContent = '';
		try {
			const entries = (await ask(machine, `list ${path}`)).split('\n').filter(Boolean)
				.map(parseEntry).sort((a, b) => a.name.localeCompare(b.name));
			input.value = path;
			preview.textContent = '';
			rows.replaceChildren(...[{ type: 'd', mode: '', size: 0, name: '..' }, ...entries]
				.map((e) => entryRow(e, (entry) => open(path, entry))));
		} catch (e) {
			error.textContent = e.message;
		}
	}

	async function open(dir, entry) {
		const path = joinPath(dir, entry.name);
		if (entry.type === 'd')
			return show(path);
		try {
			preview.textContent = await ask(machine, `read ${path}`);
		} catch (e) {
			error.textContent = e.message;
		}
	}

	body.querySelector('form').addEventListener('submit', (e) => {
		e.preventDefault();
		show(input.value.trim() || '/');
	});
	return {
		id: 'files', title: 'Files', icon: '\u2630', single: true, width: 620, height: 520,
		open() {
			show(input.value);
			return { body, focus: () => input.focus() };
		},
	};
}
