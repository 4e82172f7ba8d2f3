#!/bin/sh
# The kernel is linked twice (see the Makefile); check that no function
# moved between the two links, or the built-in symbol table would lie.
set -eu
text_symbols() { nm -n "$1" | awk '$2 ~ /^[Tt]$/'; }
if [ "$(text_symbols "$1")" != "$(text_symbols "$2")" ]; then
	echo "check-symbols: functions moved between $1 and $2; the symbol table would be wrong" >&2
	exit 1
fi
