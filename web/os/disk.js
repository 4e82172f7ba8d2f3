/*
 * The disk app: the image in the browser's storage that Aurora's root file
 * system lives on.  It can be downloaded (as far as the kernel has written
 * it back: every few seconds, and on sync), replaced by an uploaded image,
 * or replaced by the site's original; both reboot Aurora.
 */
const SECTOR = 512;
const EXT2_MAGIC_AT = 1024 + 56;	// the superblock's s_magic
const EXT2_MAGIC = 0xef53;

function isExt2Image(bytes) {
	return bytes.byteLength % SECTOR === 0 && bytes.byteLength > EXT2_MAGIC_AT + 2 &&
		new DataView(bytes).getUint16(EXT2_MAGIC_AT, true) === EXT2_MAGIC;
}

function saveAs(bytes, name) {
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(link.href));
}

const BODY = `
<p>Aurora's root file system is an ext2 image kept in this browser's
storage (the Origin Private File System), run by the kernel's own ext2.
What you write survives a reload once the kernel has written it back:
it does every few seconds, and at once on <code>sync</code>.</p>
<p class="disk-flushes">Write-backs this boot: <b class="flush-count">0</b></p>
<div class="disk-actions">
  <button class="primary download">Download the image</button>
  <label class="upload-label"><input type="file" class="upload" accept=".img,application/octet-stream" hidden>
    <span class="button">Replace it with an image&hellip;</span></label>
  <button class="fresh">Start afresh</button>
</div>
<p class="disk-note dim">The download holds what the kernel has written back;
<code>e2fsck -fn aurora.img</code> checks it.  Replacing the image reboots Aurora.</p>
<p class="disk-error"></p>`;

export function diskApp(machine) {
	return {
		id: 'disk', title: 'Disk', icon: '\u26c3', single: true, width: 520, height: 340,
		open() {
			const body = document.createElement('div');
			body.className = 'disk-app';
			body.innerHTML = BODY;
			const part = (cls) => body.querySelector(`.${cls}`);
			const showError = (e) => { part('disk-error').textContent = String(e && e.message || e); };
			const count = part('flush-count');
			const showCount = () => { count.textContent = machine.flushes; };
			showCount();
			machine.addEventListener('flushed', showCount);
			part('download').addEventListener('click', () =>
				machine.download().then((bytes) => saveAs(bytes, 'aurora.img'), showError));
			part('upload').addEventListener('change', async (e) => {
				const image = await e.target.files[0].arrayBuffer();
				e.target.value = '';
				if (!isExt2Image(image))
					showError('not an ext2 disk image');
				else if (confirm('Replace the disk with this image? What is on it now is lost.'))
					machine.start({ image });
			});
			part('fresh').addEventListener('click', () => {
				if (confirm('Start afresh from the original image? What is on the disk now is lost.'))
					machine.start({ fresh: true });
			});
			return { body, close: () => machine.removeEventListener('flushed', showCount) };
		},
	};
}
