/*
 * The browser kernel's runtime: the little that needs JavaScript
 * (wasm_runtime.h).  Linked into the kernel's module with --js-library.
 *
 * User programs.  Each process's program is its own WebAssembly instance
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
mergeInto(LibraryManager.library, {
	$AuroraUser__deps: ['$Asyncify'],
	$AuroraUser: {
		spaces: new Map(),
		nextSpace: 1,
		modules: new Map(),	// compiled modules, by a hash of their bytes
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
			return 0n;
		},

		u64(tf, field) {
			const at = (tf >> 2) + field * 2;
			return HEAPU32[at] + HEAPU32[at + 1] * 4294967296;
		},

		setU64(tf, field, value) {
			const at = (tf >> 2) + field * 2;
			const v = BigInt.asUintN(64, BigInt(value));
			HEAPU32[at] = Number(v & 0xffffffffn);
			HEAPU32[at + 1] = Number(v >> 32n);
		},

		// trap.h's fields, in 64-bit words.
		NR: 0, ARGS: 1, RESULT: 7, PC: 8, SP: 9,

		result(tf) {
			const at = (tf >> 2) + AuroraUser.RESULT * 2;
			return BigInt.asIntN(64, BigInt(HEAPU32[at]) | BigInt(HEAPU32[at + 1]) << 32n);
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
	},

	aurora_space_create__deps: ['$AuroraUser'],
	aurora_space_create: function () {
		const id = AuroraUser.nextSpace++;
		AuroraUser.spaces.set(id, { id, contexts: [], fresh: false });
		return id;
	},

	aurora_space_fork__deps: ['$AuroraUser'],
	aurora_space_fork: function (parentId) {
		const p = AuroraUser.space(parentId);
		const id = AuroraUser.nextSpace++;
		const c = { id, fresh: p.fresh, contexts: p.contexts.map((x) => ({ ...x })) };
		try {
			AuroraUser.instantiate(c, p.module);
			const from = p.exports.memory.buffer;
			const to = c.exports.memory;
			to.grow((from.byteLength - to.buffer.byteLength) / 65536);
			new Uint8Array(to.buffer).set(new Uint8Array(from));
		} catch (e) {
			return 0;	// out of memory
		}
		c.exports.__stack_pointer.value = p.exports.__stack_pointer.value;
		AuroraUser.spaces.set(id, c);
		return id;
	},

	aurora_space_destroy__deps: ['$AuroraUser'],
	aurora_space_destroy: function (id) {
		AuroraUser.spaces.delete(id);
	},

	aurora_space_size__deps: ['$AuroraUser'],
	aurora_space_size: function (id) {
		const s = AuroraUser.space(id);
		return s.exports ? s.exports.memory.buffer.byteLength : 0;
	},

	aurora_space_grow__deps: ['$AuroraUser'],
	aurora_space_grow: function (id, len) {
		const memory = AuroraUser.space(id).exports.memory;
		try {
			return memory.grow((len >>> 0) / 65536) * 65536;
		} catch (e) {
			return 0;
		}
	},

	aurora_space_read__deps: ['$AuroraUser'],
	aurora_space_read: function (id, dst, src, n) {
		const memory = AuroraUser.space(id).exports.memory.buffer;
		HEAPU8.set(new Uint8Array(memory, src >>> 0, n), dst);
	},

	aurora_space_write__deps: ['$AuroraUser'],
	aurora_space_write: function (id, dst, src, n) {
		const memory = AuroraUser.space(id).exports.memory.buffer;
		new Uint8Array(memory, dst >>> 0, n).set(HEAPU8.subarray(src, src + n));
	},

	aurora_space_load__deps: ['$AuroraUser'],
	aurora_space_load: function (id, module, len, stackTop, memoryEnd) {
		const s = AuroraUser.space(id);
		try {
			AuroraUser.instantiate(s, AuroraUser.compile(HEAPU8.slice(module, module + len)));
		} catch (e) {
			return e instanceof RangeError ? -AuroraUser.ENOMEM : -AuroraUser.ENOEXEC;
		}
		s.fresh = true;
		s.contexts = [];
		HEAPU32[stackTop >> 2] = s.exports.__stack_pointer.value;
		HEAPU32[memoryEnd >> 2] = s.exports.memory.buffer.byteLength;
		return 0;
	},

	aurora_user_run__deps: ['$AuroraUser'],
	aurora_user_run: function (id, tf, what, whatLen) {
		const s = AuroraUser.space(id);
		try {
			AuroraUser.run(s, tf);
			return 0;
		} catch (e) {
			if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError))
				throw e;
			s.contexts = [];
			stringToUTF8(`wasm trap: ${e.message}`, what, whatLen);
			return 1;
		}
	},

	$AuroraHost: {
		input: [],
		wake: null,	// the idle wait's, while the kernel waits
	},

	aurora_console_write__deps: ['$AuroraHost'],
	aurora_console_write: function (s, n) {
		Module.auroraHost.write(HEAPU8.slice(s, s + n));
	},

	aurora_console_pending__deps: ['$AuroraHost'],
	aurora_console_pending: function () {
		return AuroraHost.input.length > 0;
	},

	aurora_console_read__deps: ['$AuroraHost'],
	aurora_console_read: function () {
		return AuroraHost.input.length ? AuroraHost.input.shift() : -1;
	},

	aurora_disk_sectors: function () {
		const disk = Module.auroraHost.disk;
		return disk ? Math.min(disk.sectors, 0xffffffff) : 0;
	},

	aurora_disk_read: function (first, count, buf) {
		try {
			HEAPU8.set(Module.auroraHost.disk.read(first >>> 0, count >>> 0), buf);
			return 0;
		} catch (e) {
			return -5;	// EIO
		}
	},

	aurora_disk_write: function (first, count, buf) {
		try {
			Module.auroraHost.disk.write(first >>> 0, HEAPU8.slice(buf, buf + count * 512));
			return 0;
		} catch (e) {
			return -5;
		}
	},

	aurora_disk_flush: function () {
		try {
			Module.auroraHost.disk.flush();
			return 0;
		} catch (e) {
			return -5;
		}
	},

	aurora_wall_clock_ms: function () {
		return Date.now();
	},

	aurora_wait_for_event__deps: ['$AuroraHost', '$Asyncify'],
	aurora_wait_for_event: function (ms) {
		return Asyncify.handleSleep((wakeUp) => {
			const done = () => {
				clearTimeout(timer);
				AuroraHost.wake = null;
				wakeUp();
			};
			const timer = setTimeout(done, ms);
			AuroraHost.wake = done;
		});
	},

	aurora_power: function (how) {
		Module.auroraHost.power(how);
	},
});
