/*
 * User programs in the browser kernel, for runtime.js's imports (included
 * in the kernel module's JavaScript with --pre-js).
 *  Each process's program is its own WebAssembly instance
 * with its own memory, built from user/ (user/wasm.mk).  Its one import,
 * aurora.syscall, does not serve the call: it unwinds the program's stack
 * into the program's own memory (Binaryen's Asyncify), below its stack
 * pointer, and returns to aurora_user_run, which writes the call into the
 * kernel's trap frame (trap.h).  The kernel serves it on the process's
 * kernel thread, which may sleep meanwhile, and calls aurora_user_run
 * again to resume the program with the result: the stack is rewound and
 * the import returns it.  So a blocking read, wait4 or pause suspends one
 * program and never the page, and fork is a copy of the memory of a
 * program suspended in fork, resumed twice.
 *
 * A suspended call is a context: the export it was made from (_start, or
 * __aurora_signal for a signal handler running on top of a suspended call)
 * and where its stack was unwound to.  The kernel names the one to resume
 * by that stack pointer, which is why rt_sigreturn, restoring the frame of
 * the call a handler interrupted, drops the handler's own context.
 *
 * The host (Node's runner or the page's worker) gives Module.auroraHost:
 * write(bytes), disk: { sectors, read(first, count), write(first, bytes),
 * flush() }, power(how); and types with Module.auroraType(bytes).
 */
var AuroraUser = {
	spaces: new Map(),
	nextSpace: 1,
	modules: new Map(),	// compiled modules, by a hash of their bytes
	UNWIND_BYTES: 16384,	// room for a suspended call's stack
	ENOEXEC: 8,
	ENOMEM: 12,
	// BigInt constants (emscripten's JavaScript optimizer predates 0n).
	ZERO: BigInt(0),
	LOW_WORD: BigInt(0xffffffff),
	WORD_BITS: BigInt(32),

	space(id) {
		return AuroraUser.spaces.get(id);
	},

	hash(bytes) {
		let h = 0x811c9dc5;
		for (let i = 0; i < bytes.length; i++)
			h = Math.imul(h ^ bytes[i], 0x01000193);
		return `${bytes.length}:${h >>> 0}`;
	},

	// A module Aurora can run: only aurora.syscall imported, and the
	// exports the runtime uses.
	runnable(module) {
		const imports = WebAssembly.Module.imports(module);
		const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
		return imports.length === 1 && imports[0].module === 'aurora' &&
			imports[0].name === 'syscall' &&
			['_start', '__aurora_signal', '__stack_pointer', 'memory',
			 'asyncify_start_unwind', 'asyncify_stop_unwind',
			 'asyncify_start_rewind', 'asyncify_stop_rewind',
			 'asyncify_get_state'].every((n) => names.has(n));
	},

	compile(bytes) {
		const key = AuroraUser.hash(bytes);
		let module = AuroraUser.modules.get(key);
		if (!module) {
			module = new WebAssembly.Module(bytes);
			if (!AuroraUser.runnable(module))
				throw new Error('not an Aurora program');
			AuroraUser.modules.set(key, module);
		}
		return module;
	},

	instantiate(s, module) {
		s.module = module;
		s.instance = new WebAssembly.Instance(module, {
			aurora: { syscall: (nr, a, b, c, d, e, f) => AuroraUser.syscall(s, nr, [a, b, c, d, e, f]) },
		});
		s.exports = s.instance.exports;
	},

	// The program's system call: the second time through, while its
	// stack is rewound, the result; the first, unwind to the kernel.
	syscall(s, nr, args) {
		const ex = s.exports;
		if (ex.asyncify_get_state() === 2) {
			ex.asyncify_stop_rewind();
			ex.__stack_pointer.value = s.resumeSp;
			return s.result;
		}
		const sp = ex.__stack_pointer.value;
		const data = (sp - AuroraUser.UNWIND_BYTES) & ~15;
		const words = new Int32Array(ex.memory.buffer, data, 2);
		words[0] = data + 8;
		words[1] = sp;
		ex.__stack_pointer.value = data;	// what runs next runs below it
		s.call = { nr, args, data, savedSp: sp };
		ex.asyncify_start_unwind(data);
		return AuroraUser.ZERO;
	},

	u64(tf, field) {
		const at = (tf >> 2) + field * 2;
		return HEAPU32[at] + HEAPU32[at + 1] * 4294967296;
	},

	setU64(tf, field, value) {
		const at = (tf >> 2) + field * 2;
		const v = BigInt.asUintN(64, BigInt(value));
		HEAPU32[at] = Number(v & AuroraUser.LOW_WORD);
		HEAPU32[at + 1] = Number(v >> AuroraUser.WORD_BITS);
	},

	// trap.h's fields, in 64-bit words.
	NR: 0, ARGS: 1, RESULT: 7, PC: 8, SP: 9,

	result(tf) {
		const at = (tf >> 2) + AuroraUser.RESULT * 2;
		return BigInt.asIntN(64, BigInt(HEAPU32[at]) | BigInt(HEAPU32[at + 1]) << AuroraUser.WORD_BITS);
	},

	// Call one of the program's exports; it returns when the program
	// makes a system call, which goes into tf.
	enter(s, context, call, tf) {
		call();
		const ex = s.exports;
		if (ex.asyncify_get_state() !== 1)
			throw new WebAssembly.RuntimeError(`${context.entry} returned`);
		ex.asyncify_stop_unwind();
		const c = s.call;
		context.data = c.data;
		context.savedSp = c.savedSp;
		AuroraUser.setU64(tf, AuroraUser.NR, c.nr);
		for (let i = 0; i < 6; i++)
			AuroraUser.setU64(tf, AuroraUser.ARGS + i, c.args[i]);
		AuroraUser.setU64(tf, AuroraUser.PC, 0);
		AuroraUser.setU64(tf, AuroraUser.SP, c.data);
	},

	start(s, tf) {
		const sp = AuroraUser.u64(tf, AuroraUser.SP);
		const context = { entry: '_start' };
		s.fresh = false;
		s.exports.__stack_pointer.value = sp & ~15;
		s.contexts.push(context);
		AuroraUser.enter(s, context, () => s.exports._start(sp), tf);
	},

	// A signal handler, on top of the suspended calls.
	handle(s, tf) {
		const u64 = (f) => AuroraUser.u64(tf, f);
		const context = { entry: '__aurora_signal' };
		s.exports.__stack_pointer.value = u64(AuroraUser.SP);
		s.contexts.push(context);
		AuroraUser.enter(s, context, () => s.exports.__aurora_signal(
			u64(AuroraUser.PC), u64(AuroraUser.ARGS), u64(AuroraUser.ARGS + 1),
			u64(AuroraUser.ARGS + 2)), tf);
	},

	resume(s, tf) {
		const sp = AuroraUser.u64(tf, AuroraUser.SP);
		const i = s.contexts.findIndex((c) => c.data === sp);
		if (i < 0)
			throw new WebAssembly.RuntimeError('resumed a call that is gone');
		s.contexts.length = i + 1;	// handlers that rt_sigreturn left
		const context = s.contexts[i];
		s.result = AuroraUser.result(tf);
		s.resumeSp = context.savedSp;
		s.exports.asyncify_start_rewind(context.data);
		AuroraUser.enter(s, context, () => s.exports[context.entry](0, 0, 0, 0), tf);
	},

	run(s, tf) {
		if (s.fresh)
			AuroraUser.start(s, tf);
		else if (AuroraUser.u64(tf, AuroraUser.PC) !== 0)
			AuroraUser.handle(s, tf);
		else
			AuroraUser.resume(s, tf);
	},
};

/* The host's side of the terminal: bytes typed, and the idle wait to end. */
var AuroraHost = {
	input: [],
	wake: null,	// the idle wait's, while the kernel waits
};
