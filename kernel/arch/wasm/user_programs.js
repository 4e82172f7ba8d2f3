/*
 * User programs in the browser kernel, for runtime.js's imports (included
 * in the kernel module's JavaScript with --pre-js).
 *
 * Each process's program is its own WebAssembly instance with its own
 * memory, built from user/ (user/wasm.mk).  Its one import,
 * aurora.syscall(block), takes a block in the program's memory holding the
 * call's number and arguments, laid out as the trap frame's first 64 bytes
 * (syscall_arch.h, trap.h).  It does not serve the call: it unwinds the
 * program's stack into the program's own memory (Binaryen's Asyncify),
 * below its stack pointer, and returns to aurora_user_run, which copies
 * the block into the kernel's trap frame.  The kernel serves the call on
 * the process's kernel thread, which may sleep meanwhile, and calls
 * aurora_user_run again to resume the program: the stack is rewound, and
 * the import puts the result into the block and returns.  So a blocking
 * read, wait4 or pause suspends one program and never the page, and fork
 * is a copy of the memory of a program suspended in fork, resumed twice.
 *
 * A suspended call is a context: the export it was made from (_start, or
 * __aurora_signal for a signal handler running on top of a suspended call)
 * and where its stack was unwound to.  The kernel names the one to resume
 * by that stack pointer, which is why rt_sigreturn, restoring the frame of
 * the call a handler interrupted, drops the handler's own context.
 *
 * The host (Node's runner or the page's worker) gives Module.auroraHost:
 * terminals (how many windows it has besides the console), write(bytes,
 * terminal), disk: { sectors, read(first, count), write(first, bytes),
 * flush() }, power(how); and types with Module.auroraType(bytes, terminal).
 */
var AuroraUser = {
	spaces: new Map(),
	nextSpace: 1,
	modules: new Map(),	// programs (compile), by a hash of their bytes
	POOL_MAX: 16,		// instances kept per program
	WASM_PAGE: 65536,
	UNWIND_BYTES: 16384,	// room for a suspended call's stack
	ENOEXEC: 8,
	ENOMEM: 12,

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

	// A module's compiled code, and the memory and stack pointer an
	// instance of it starts with, for an exec into a reused instance.
	compile(bytes) {
		const key = AuroraUser.hash(bytes);
		let program = AuroraUser.modules.get(key);
		if (program && !AuroraUser.sameBytes(program.bytes, bytes))
			program = null;		// a hash collision: the newest program wins the key
		if (!program) {
			const module = new WebAssembly.Module(bytes);
			if (!AuroraUser.runnable(module))
				throw new Error('not an Aurora program');
			const first = AuroraUser.newInstance(module);
			program = { module, bytes, memory: new Uint8Array(first.exports.memory.buffer).slice(),
				    sp: first.exports.__stack_pointer.value, pool: [first] };
			AuroraUser.modules.set(key, program);
		}
		return program;
	},

	sameBytes(a, b) {
		if (a.length !== b.length)
			return false;
		for (let i = 0; i < a.length; i++)
			if (a[i] !== b[i])
				return false;
		return true;
	},

	// An instance whose import serves whichever space owns it now.
	newInstance(module) {
		const owner = {};
		const instance = new WebAssembly.Instance(module, {
			aurora: { syscall: (block) => AuroraUser.syscall(owner.space, block) },
		});
		return { owner, exports: instance.exports };
	},

	// An instance of the program for space s with a memory of `bytes`
	// bytes: one an exited process left, if one has that size, else a new
	// one.  A new memory costs a page fault per page on first touch, most
	// of a fork's time; a reused one is touched already.  The caller
	// overwrites all of its memory.
	takeInstance(s, program, bytes) {
		const i = program.pool.findIndex((x) => x.exports.memory.buffer.byteLength === bytes);
		const instance = i >= 0 ? program.pool.splice(i, 1)[0] : AuroraUser.newInstance(program.module);
		const memory = instance.exports.memory;
		memory.grow((bytes - memory.buffer.byteLength) / AuroraUser.WASM_PAGE);
		instance.owner.space = s;
		s.call = {};	// the system call being made (syscall)
		s.program = program;
		s.instance = instance;
		s.exports = instance.exports;
	},

	// Keep an exited process's instance for the next fork or exec, unless
	// it stopped in the middle of an unwind or rewind (a trap), or grew:
	// a memory that grew stays big, and the next program may need little.
	release(s) {
		const pool = s.program && s.program.pool;
		if (!pool || s.exports.asyncify_get_state() !== 0 ||
		    s.exports.memory.buffer.byteLength !== s.program.memory.length)
			return;
		s.instance.owner.space = null;
		pool.push(s.instance);
		if (pool.length > AuroraUser.POOL_MAX)
			pool.shift();
	},

	// exec: the program's starting memory and stack pointer.
	load(s, program) {
		AuroraUser.takeInstance(s, program, program.memory.length);
		new Uint8Array(s.exports.memory.buffer).set(program.memory);
		s.exports.__stack_pointer.value = program.sp;
		s.fresh = true;
		s.contexts = [];
	},

	// fork: child c gets a copy of parent p's memory, stack pointer and
	// suspended calls.
	fork(p, c) {
		const from = p.exports.memory.buffer;
		AuroraUser.takeInstance(c, p.program, from.byteLength);
		new Uint8Array(c.exports.memory.buffer).set(new Uint8Array(from));
		c.exports.__stack_pointer.value = p.exports.__stack_pointer.value;
		c.fresh = p.fresh;
		c.contexts = p.contexts.map((x) => Object.assign({}, x));
	},

	// The program's memory as 32-bit words, made again only when it grew
	// (growing replaces the buffer): a system call allocates nothing.
	words(s) {
		const buffer = s.exports.memory.buffer;
		if (s.wordsOf !== buffer) {
			s.wordsOf = buffer;
			s.words = new Int32Array(buffer);
		}
		return s.words;
	},

	// The program's system call, its block at `block` (syscall_arch.h):
	// the second time through, while its stack is rewound, the result
	// goes into the block; the first, unwind to the kernel.
	syscall(s, block) {
		const ex = s.exports;
		const w = AuroraUser.words(s);
		if (ex.asyncify_get_state() === 2) {
			ex.asyncify_stop_rewind();
			ex.__stack_pointer.value = s.resumeSp;
			const from = (s.tf + AuroraUser.BLOCK_RESULT) >> 2, to = (block + AuroraUser.BLOCK_RESULT) >> 2;
			w[to] = HEAP32[from];
			w[to + 1] = HEAP32[from + 1];
			return;
		}
		const sp = ex.__stack_pointer.value;
		const data = (sp - AuroraUser.UNWIND_BYTES) & ~15;
		w[data >> 2] = data + 8;	// Asyncify's buffer: [data + 8, sp)
		w[(data >> 2) + 1] = sp;
		ex.__stack_pointer.value = data;	// what runs next runs below it
		s.call.block = block;
		s.call.data = data;
		s.call.savedSp = sp;
		ex.asyncify_start_unwind(data);
	},

	u64(tf, field) {
		const at = (tf >> 2) + field * 2;
		return HEAPU32[at] + HEAPU32[at + 1] * 4294967296;
	},

	// A 64-bit field below 2^32.
	setWord(tf, field, value) {
		const at = (tf >> 2) + field * 2;
		HEAPU32[at] = value;
		HEAPU32[at + 1] = 0;
	},

	// The trap frame's fields the runtime reads, in 64-bit words (trap.h);
	// a call's block (syscall_arch.h) is laid out as the frame's first 64
	// bytes, number, arguments and the result, which is at byte 56.
	ARGS: 1, PC: 8, SP: 9,
	BLOCK_BYTES: 64,
	BLOCK_RESULT: 56,

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
		const w = AuroraUser.words(s);
		for (let i = 0; i < AuroraUser.BLOCK_BYTES / 4; i++)
			HEAP32[(tf >> 2) + i] = w[(c.block >> 2) + i];
		AuroraUser.setWord(tf, AuroraUser.PC, 0);
		AuroraUser.setWord(tf, AuroraUser.SP, c.data);
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
			u64(AuroraUser.ARGS + 2), u64(AuroraUser.ARGS + 3)), tf);
	},

	resume(s, tf) {
		const sp = AuroraUser.u64(tf, AuroraUser.SP);
		const i = s.contexts.findIndex((c) => c.data === sp);
		if (i < 0)
			throw new WebAssembly.RuntimeError('resumed a call that is gone');
		s.contexts.length = i + 1;	// handlers that rt_sigreturn left
		const context = s.contexts[i];
		s.tf = tf;	// where the result is
		s.resumeSp = context.savedSp;
		s.exports.asyncify_start_rewind(context.data);
		AuroraUser.enter(s, context, () => s.exports[context.entry](0, 0, 0, 0, 0), tf);
	},

	// After a trap: no suspended call can be resumed, and Asyncify must
	// not be left unwinding or rewinding for the handler that may run next.
	abandon(s) {
		const ex = s.exports;
		if (ex.asyncify_get_state() === 1)
			ex.asyncify_stop_unwind();
		else if (ex.asyncify_get_state() === 2)
			ex.asyncify_stop_rewind();
		s.contexts = [];
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

/* The host's side of the terminals: bytes typed into each (0: the
   console, n: /dev/ttyn, tty.h's TERMINALS_MAX of them); the file
   browser's requests (file_service.c); and the idle wait to end. */
var AuroraHost = {
	input: [[], [], [], []],
	wake: null,	// the idle wait's, while the kernel waits
	fileRequests: [],	// the file browser's: { text, resolve }
	fileAnswers: [],	// resolves of those the kernel took, oldest first
};
