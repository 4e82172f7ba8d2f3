/*
 * The browser kernel's face to its host (--post-js): how the Node runner
 * and the page's worker boot it and type into its terminals (0, the
 * console, if none is named; 1 .. 3 are /dev/tty1 ...).  The host sets
 * Module.auroraHost (runtime.js says what it holds) before booting; its
 * write(bytes, terminal) gets each terminal's output.
 */
Module.auroraBoot = (cmdline) => ccall('aurora_boot', null, ['string'], [cmdline], { async: true });

// The file browser's question (file_service.c: "list PATH", "read PATH"):
// a promise of the kernel's answer.
Module.auroraFiles = (text) => new Promise((resolve) => {
	AuroraHost.fileRequests.push({ text, resolve });
	if (AuroraHost.wake)
		AuroraHost.wake();
});

Module.auroraType = (bytes, terminal = 0) => {
	for (const b of bytes)
		AuroraHost.input[terminal].push(b);
	if (AuroraHost.wake)
		AuroraHost.wake();
};
