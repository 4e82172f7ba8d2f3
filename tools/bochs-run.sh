#!/bin/sh
# Boot an Aurora ISO in Bochs 2.7, headless.
#
#   tools/bochs-run.sh ISO              interactive (make bochs)
#   tools/bochs-run.sh ISO SERIAL_LOG   for the grader: COM1 goes to SERIAL_LOG
#
# Bochs has no "serial on stdio" mode, and its terminal display library
# (display_library: term, curses) owns the terminal.  The kernel writes its
# console to both COM1 and the VGA text screen, and reads both COM1 and the
# PS/2 keyboard, so interactively the VGA screen drawn by the term display
# *is* the monitor: type at it as on a real PC (the keys become PS/2 scan
# codes).  COM1 always goes to a file as well (build/bochs/serial.log by
# default), so the serial log can be followed from another terminal with
# `tail -f build/bochs/serial.log`.  Quit interactively with Ctrl-C, then
# `q` at the Bochs debugger prompt (Debian's bochs is built with its
# debugger: the cmds file's `c` starts the simulation without stopping).
#
# The Bochs debugger and the term display need a terminal, so the grader
# runs this script under script(1), which gives them a pseudo-terminal.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 ISO [SERIAL_LOG]" >&2
	exit 2
fi
iso=$(realpath "$1")
dir=build/bochs
mkdir -p "$dir"
serial=$(realpath -m "${2:-$dir/serial.log}")
: > "$serial"

# Bochs's BIOS and VGA BIOS from Debian's bochsbios and vgabios packages.
# 128 MiB of memory; a named CPU model (Sandy Bridge) so that long mode and
# NX are there whatever Bochs's generic CPU defaults to.  The CD-ROM is the only boot
# device.  reset_on_triple_fault=0 makes a triple fault a Bochs panic
# (with a message) instead of a silent reboot loop.
cat > "$dir/bochsrc" <<RC
megs: 128
cpu: model=corei7_sandy_bridge_2600k, count=1, ips=100000000, reset_on_triple_fault=0, ignore_bad_msrs=1
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: term
ata0-master: type=cdrom, path="$iso", status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev="$serial"
clock: sync=none, time0=local
log: $(realpath -m "$dir/bochs.log")
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
RC
# Debugger commands: continue at once.
printf 'c\n' > "$dir/cmds"

cd "$dir"
exec script -qefc "bochs -q -f bochsrc -rc cmds" /dev/null
