/*
 * The browser kernel's face to its host (--post-js): how the Node runner
 * and the page's worker boot it and type into its terminal.  The host sets
 * Module.auroraHost (runtime.js says what it holds) before booting.
 */
Module.auroraBoot = (cmdline) => ccall('aurora_boot', null, ['string'], [cmdline], { async: true });

Module.auroraType = (bytes) => {
	for (const b of bytes)
		AuroraHost.input.push(b);
	if (AuroraHost.wake)
		AuroraHost.wake();
};
