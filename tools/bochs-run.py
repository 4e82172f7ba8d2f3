#!/usr/bin/python3
"""Boot an Aurora ISO in Bochs 2.7 with its serial console on this terminal.

    tools/bochs-run.py ISO          (make bochs; the graders run it too)

As in `make qemu-nox`, COM1 is the console: what the kernel writes appears
here, what you type reaches it, and Ctrl-a x quits.  Bochs's own messages
go to build/bochs/bochs.out, its device log to build/bochs/bochs.log.

Why a program between Bochs and the terminal: Debian's Bochs has no
display-less library, and it is built with its debugger, so its `term`
display does not draw on the terminal it runs on: it opens a pseudo-terminal
of its own (it prints 'Bochs connected to screen "/dev/pts/N"') that nobody
looks at, and reads its keys from there.  So this program gives COM1 a
pseudo-terminal (bochsrc `mode=term`) and joins it to this terminal, and it
reads and drops what the term display draws: left unread, that screen
fills up and Bochs stops in a write.
"""
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import tty
from pathlib import Path

DIR = Path("build/bochs")
CTRL_A = b"\x01"
SCREEN_RE = re.compile(rb'connected to screen "([^"]+)"')
QUIT_GRACE_S = 5


def bochsrc(iso, com1):
    """Bochs's BIOS and VGA BIOS from Debian's bochsbios and vgabios.
    128 MiB; a named CPU model (Sandy Bridge) so that long mode and NX are
    there whatever Bochs's generic CPU defaults to; the CD-ROM the only
    boot device; reset_on_triple_fault=0 makes a triple fault a Bochs panic
    (with a message) instead of a silent reboot loop."""
    return f"""megs: 128
cpu: model=corei7_sandy_bridge_2600k, count=1, ips=100000000, reset_on_triple_fault=0, ignore_bad_msrs=1
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: term
ata0-master: type=cdrom, path="{iso}", status=inserted
boot: cdrom
com1: enabled=1, mode=term, dev="{com1}"
clock: sync=none, time0=local
log: {(DIR / "bochs.log").resolve()}
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
"""


def start_bochs(iso, com1):
    """Bochs, its output on a pipe.  Its debugger runs the `cmds` file
    first: `c` starts the machine at once.  With no input it quits when
    the machine stops, instead of waiting at its prompt."""
    DIR.mkdir(parents=True, exist_ok=True)
    (DIR / "bochsrc").write_text(bochsrc(iso, com1))
    (DIR / "cmds").write_text("c\n")
    return subprocess.Popen(["bochs", "-q", "-f", "bochsrc", "-rc", "cmds"], cwd=DIR,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


class Relay:
    """Copies bytes between the terminal (fds 0 and 1) and COM1's
    pseudo-terminal, Bochs's output into its log, and the term display's
    screen into nothing, until Ctrl-a x, or Bochs has exited and all its
    output is read."""

    def __init__(self, bochs, com1_master, log):
        self.bochs, self.com1, self.log = bochs, com1_master, log
        self.inputs = {0: self.typed, com1_master: self.shown,
                       bochs.stdout.fileno(): self.bochs_said}
        self.bochs_output = b""     # until the screen's name is in it
        self.escape = False         # the last key was Ctrl-a
        self.quit = False

    def run(self):
        while not self.quit:
            ready, _, _ = select.select(list(self.inputs), [], [], 0.5)
            if not ready and self.bochs.poll() is not None:
                return
            for fd in ready:
                try:
                    data = os.read(fd, 4096)
                except OSError:     # a pseudo-terminal whose other side closed
                    data = b""
                if data:
                    self.inputs[fd](data)
                else:
                    del self.inputs[fd]

    def typed(self, data):
        """Keys go to COM1, except Ctrl-a x; Ctrl-a and any other key go as they are."""
        for byte in data:
            key = bytes([byte])
            if self.escape:
                self.escape = False
                if key == b"x":
                    self.quit = True
                    return
                os.write(self.com1, CTRL_A + key)
            elif key == CTRL_A:
                self.escape = True
            else:
                os.write(self.com1, key)

    def shown(self, data):
        os.write(1, data)

    def bochs_said(self, data):
        self.log.write(data)
        self.bochs_output += data
        m = SCREEN_RE.search(self.bochs_output)
        if m:
            screen = os.open(m.group(1), os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
            self.inputs[screen] = self.dropped
            self.bochs_output = b""

    def dropped(self, data):
        pass


def stop(bochs):
    """Bochs's exit status.  Its term display quits on SIGHUP (it turns
    SIGINT and the like into keys)."""
    if bochs.poll() is None:
        bochs.send_signal(signal.SIGHUP)
        try:
            bochs.wait(QUIT_GRACE_S)
        except subprocess.TimeoutExpired:
            bochs.kill()
    return bochs.wait()


def keys_raw(fd):
    """Every key goes to COM1 (Ctrl-C too), while output keeps the
    terminal's processing (a newline returns the carriage too): what
    QEMU's -serial stdio does for `make qemu-nox`."""
    tty.setraw(fd)
    mode = termios.tcgetattr(fd)
    mode[1] |= termios.OPOST       # the output flags
    termios.tcsetattr(fd, termios.TCSADRAIN, mode)


def run(iso):
    """Relay until the end; 0 if the user quit, else Bochs's exit status."""
    master, slave = pty.openpty()
    bochs = start_bochs(iso, os.ttyname(slave))
    saved = termios.tcgetattr(0) if os.isatty(0) else None
    with open(DIR / "bochs.out", "wb") as log:
        relay = Relay(bochs, master, log)
        try:
            if saved:
                keys_raw(0)
            relay.run()
        finally:
            if saved:
                termios.tcsetattr(0, termios.TCSADRAIN, saved)
            status = stop(bochs)
            log.write(bochs.stdout.read())
    if relay.quit:
        return 0
    print(f"\nBochs exited (status {status}); its messages are in {DIR / 'bochs.out'}")
    return status


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} ISO")
    iso = Path(sys.argv[1]).resolve()
    if not iso.is_file():
        sys.exit(f"{sys.argv[0]}: no {iso}")
    # Killed or hung up, leave as after Ctrl-a x: Bochs stopped, the terminal restored.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(1))
    print("Bochs: the serial console is here; quit with Ctrl-a x.", flush=True)
    sys.exit(run(iso))


if __name__ == "__main__":
    main()
