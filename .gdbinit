# gdb set-up for Aurora.  In one terminal:  make qemu-nox-gdb   (or qemu-gdb)
# in another, from the repository root:      gdb
#
# gdb reads this file only if you allow it.  If gdb says "auto-loading has
# been declined", add this line to ~/.config/gdb/gdbinit (or ~/.gdbinit):
#     add-auto-load-safe-path /path/to/aurora/.gdbinit
# or run:  gdb -x .gdbinit
# (the grader runs gdb -batch -nx -x .gdbinit ...).

# QEMU (qemu-system-x86_64) always describes the CPU with the 64-bit register
# set, even in real mode.  Say x86-64 before connecting, or gdb guesses a
# 32-bit machine and fails with "Remote 'g' packet reply is too long".
set architecture i386:x86-64
# The kernel's symbols and DWARF (.boot is linked at physical addresses,
# everything else in the higher half at 0xffffffff80000000 + physical).
file build/kernel.elf
set disassembly-flavor att
set print pretty on

# Connect to QEMU on the port the Makefile uses: 25000 + uid % 5000, or
# $GDBPORT if set (make qemu-gdb GDBPORT=N, as the graders do when that
# port is taken).
python
import os
gdb.execute("target remote localhost:%s" % os.environ.get("GDBPORT", 25000 + os.getuid() % 5000))
end

# QEMU starts (and waits, -S) at the BIOS reset vector in real mode, with no
# paging.  A software breakpoint at a higher-half address can't be planted
# then: the address is not mapped yet.  A hardware breakpoint (hbreak) is
# compared with the linear address of each instruction, so it works before
# and after paging is turned on: use hbreak for the first stop in the
# kernel, then break as usual.  `kstart` does that: run to kmain, in long
# mode with the higher half mapped.
define kstart
  hbreak kmain
  continue
  delete
end
document kstart
Run to kmain (a hardware breakpoint: the higher half is not mapped until
boot.S turns paging on), then remove the breakpoint.  After it, `break`
works normally.
end

# Aurora is a single CPU; do not ask before killing or quitting.
set confirm off

# user-break, user-symbols and $current_process(), for user programs.
source tools/gdb-user.py
