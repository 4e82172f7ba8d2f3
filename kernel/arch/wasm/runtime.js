/*
 * The browser kernel's runtime: the imports of wasm_runtime.h, linked into
 * the kernel's module with --js-library.  The state they share, and how
 * user programs run, are in user_programs.js.
 */
mergeInto(LibraryManager.library, {
	aurora_space_create: function () {
		const id = AuroraUser.nextSpace++;
		AuroraUser.spaces.set(id, { id, contexts: [], fresh: false });
		return id;
	},

	aurora_space_fork: function (parentId) {
		const c = { id: AuroraUser.nextSpace++ };
		try {
			AuroraUser.fork(AuroraUser.space(parentId), c);
		} catch (e) {
			return 0;	// out of memory
		}
		AuroraUser.spaces.set(c.id, c);
		return c.id;
	},

	aurora_space_destroy: function (id) {
		const s = AuroraUser.space(id);
		if (s.exports)
			AuroraUser.release(s);
		AuroraUser.spaces.delete(id);
	},

	aurora_space_size: function (id) {
		const s = AuroraUser.space(id);
		return s.exports ? s.exports.memory.buffer.byteLength : 0;
	},

	aurora_space_grow: function (id, len) {
		const memory = AuroraUser.space(id).exports.memory;
		try {
			return memory.grow((len >>> 0) / 65536) * 65536;
		} catch (e) {
			return 0;
		}
	},

	aurora_space_read: function (id, dst, src, n) {
		const memory = AuroraUser.space(id).exports.memory.buffer;
		HEAPU8.set(new Uint8Array(memory, src >>> 0, n), dst);
	},

	aurora_space_write: function (id, dst, src, n) {
		const memory = AuroraUser.space(id).exports.memory.buffer;
		new Uint8Array(memory, dst >>> 0, n).set(HEAPU8.subarray(src, src + n));
	},

	aurora_space_load: function (id, module, len, stackTop, memoryEnd) {
		const s = AuroraUser.space(id);
		try {
			AuroraUser.load(s, AuroraUser.compile(HEAPU8.slice(module, module + len)));
		} catch (e) {
			return e instanceof RangeError ? -AuroraUser.ENOMEM : -AuroraUser.ENOEXEC;
		}
		HEAPU32[stackTop >> 2] = s.exports.__stack_pointer.value;
		HEAPU32[memoryEnd >> 2] = s.exports.memory.buffer.byteLength;
		return 0;
	},

	aurora_user_run: function (id, tf, what, whatLen) {
		const s = AuroraUser.space(id);
		try {
			AuroraUser.run(s, tf);
			return 0;
		} catch (e) {
			if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError))
				throw e;
			AuroraUser.abandon(s);
			stringToUTF8(`wasm trap: ${e.message}`, what, whatLen);
			return 1;
		}
	},

	aurora_terminal_count: function () {
		return Module.auroraHost.terminals || 0;
	},

	aurora_terminal_write: function (n, s, len) {
		Module.auroraHost.write(HEAPU8.slice(s, s + len), n);
	},

	aurora_terminal_pending: function (n) {
		return AuroraHost.input[n].length > 0;
	},

	aurora_terminal_read: function (n) {
		return AuroraHost.input[n].length ? AuroraHost.input[n].shift() : -1;
	},

	aurora_file_request_pending: function () {
		return AuroraHost.fileRequests.length > 0;
	},

	aurora_file_request: function (buf, size) {
		if (!AuroraHost.fileRequests.length)
			return -1;
		const request = AuroraHost.fileRequests.shift();
		AuroraHost.fileAnswers.push(request.resolve);
		return stringToUTF8(request.text, buf, size);
	},

	aurora_file_answer: function (text, len) {
		AuroraHost.fileAnswers.shift()(UTF8ToString(text, len));
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
