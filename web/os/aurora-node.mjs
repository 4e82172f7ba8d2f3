#!/usr/bin/env node
/*
 * Aurora's browser kernel under Node, on the terminal: the same module the
 * page runs (make browser-kernel), with a disk image file as its disk.
 *
 *   node web/os/aurora-node.mjs [--cmdline "..."] DISK.img
 *
 * Standard input is the terminal's keyboard (raw when it is a terminal);
 * the kernel's console is standard output.  The process exits when Aurora
 * powers off (0), restarts (3) or halts after a panic (1), and writes go
 * to the image file as the kernel makes them: what it flushed is durable.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SECTOR = 512;
const here = path.dirname(fileURLToPath(import.meta.url));
const EXIT_CODES = [0, 3, 1];	// power off, restart, halt

function parseArgs(argv) {
	const args = { cmdline: '', kernel: path.join(here, '../../build/browser/kernel.js') };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--cmdline')
			args.cmdline = argv[++i];
		else if (argv[i] === '--kernel')
			args.kernel = argv[++i];
		else
			args.disk = argv[i];
	}
	if (!args.disk) {
		console.error('usage: aurora-node.mjs [--cmdline "..."] [--kernel kernel.js] DISK.img');
		process.exit(2);
	}
	return args;
}

/* The image file as the kernel's disk: reads and writes go straight to it. */
function fileDisk(file) {
	const fd = fs.openSync(file, 'r+');
	return {
		sectors: Math.floor(fs.fstatSync(fd).size / SECTOR),
		read(first, count) {
			const buf = Buffer.alloc(count * SECTOR);
			fs.readSync(fd, buf, 0, buf.length, first * SECTOR);
			return buf;
		},
		write(first, bytes) {
			fs.writeSync(fd, bytes, 0, bytes.length, first * SECTOR);
		},
		flush() {
			fs.fsyncSync(fd);
		},
	};
}

function typeFromStdin(kernel) {
	if (process.stdin.isTTY)
		process.stdin.setRawMode(true);
	process.stdin.on('data', (bytes) => kernel.auroraType(bytes));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const AuroraKernel = createRequire(import.meta.url)(path.resolve(args.kernel));
	const kernel = await AuroraKernel({
		auroraHost: {
			// Only the console: the runner asks for no other terminals.
			write: (bytes, terminal) => terminal === 0 && process.stdout.write(bytes),
			disk: fileDisk(args.disk),
			power: (how) => process.stdout.write('', () => process.exit(EXIT_CODES[how])),
		},
	});
	typeFromStdin(kernel);
	kernel.auroraBoot(args.cmdline);
}

main();
