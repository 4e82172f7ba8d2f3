#!/bin/sh
# Install the Debian packages (and the npm packages of the web tests) that a
# make target needs, and only those that are missing.  Called by the Makefile;
# safe to run by hand:  tools/install-deps.sh build|run|test|web|wasm|bench
set -eu

build="gcc make binutils python3 e2fsprogs musl-tools console-setup-linux grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools"
run="$build qemu-system-x86"
test="$run python3-pytest python3-pexpect gdb emscripten nodejs bochs bochsbios vgabios bochs-term ovmf chromium"
web="emscripten nodejs e2fsprogs"
# The programs as WebAssembly modules: clang, wasm-ld, llvm-ar, wasm-opt.
wasm="clang-14 lld-14 llvm-14 binaryen"
bench="$run python3-pexpect linux-image-cloud-amd64 nodejs chromium"

case "${1:-}" in
build) want=$build ;;
run) want=$run ;;
test) want=$test ;;
web) want=$web ;;
wasm) want=$wasm ;;
bench) want=$bench ;;
*) echo "usage: $0 build|run|test|web|wasm|bench" >&2; exit 2 ;;
esac

missing=
for pkg in $want; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $pkg"
done
if { [ "$1" = test ] || [ "$1" = bench ]; } && ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "Aurora needs these Debian packages:$missing" >&2
		echo "Run as root, or: sudo apt-get install$missing" >&2
		exit 1
	fi
	echo "Installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi

# The browser tests drive Debian's chromium with playwright-core from npm;
# the desktop page (web/os/os.mk) ships xterm.js from npm.
if { [ "$1" = test ] || [ "$1" = bench ]; } && { [ ! -d web/node_modules/playwright-core ] || [ ! -d web/node_modules/@xterm/xterm ]; }; then
	(cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
