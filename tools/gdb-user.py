"""gdb commands for Aurora's user programs; .gdbinit sources this file.

  user-break PROGRAM LOCATION   stop when a process running PROGRAM reaches
                                LOCATION, and in no other process
  user-symbols [PROGRAM]        load PROGRAM's symbols (by default those of
                                the running process's program)
  $current_process()            the running struct process *, read from
                                kernel memory

Every program is linked at the same user addresses, so an address names no
program: which one is there depends on the running process.  These commands
read that from the kernel's data in memory, never by calling a kernel
function (docs/debugging.md says why calling one in ring 3 kills the process).
"""
import os

import gdb

USER_BIN = os.path.abspath("build/user/bin")
# The kernel's running thread: a static variable in kernel/sched/thread.c,
# named with its file so that no program's `current` can shadow it.
CURRENT_THREAD = "'kernel/sched/thread.c'::current"


def in_user_mode():
    """Is the CPU in ring 3?  The low two bits of cs are the privilege level."""
    return int(gdb.parse_and_eval("$cs")) & 3 == 3


def current_process():
    """The running thread's struct process * (0 for a kernel thread)."""
    return gdb.parse_and_eval(CURRENT_THREAD)["proc"]


def current_program():
    """The name of the running process (its program's file name, as exec
    set it), or None in a kernel thread or before the kernel runs."""
    try:
        proc = current_process()
        return proc["name"].string() if proc else None
    except gdb.error:       # the kernel's memory is not mapped yet
        return None


def runs(program):
    """Is the running process's name `program`, as exec would have cut it?"""
    name = current_program()
    if name is None:
        return False
    size = current_process()["name"].type.sizeof
    return name == program[:size - 1]


def user_objfile():
    """The program whose symbols are loaded, as a gdb.Objfile, or None."""
    return next((o for o in gdb.objfiles() if os.path.dirname(o.filename) == USER_BIN), None)


def load_symbols(program):
    """Load build/user/bin/PROGRAM's symbols in place of another program's:
    two programs' symbols at the same addresses would be confused."""
    path = os.path.join(USER_BIN, program)
    if not os.path.isfile(path):
        raise gdb.GdbError(f"no {path} ('make user' builds the programs)")
    loaded = user_objfile()
    if loaded and loaded.filename == path:
        return loaded
    if loaded:
        gdb.execute(f"remove-symbol-file {loaded.filename}", to_string=True)
    gdb.execute(f"add-symbol-file {path}", to_string=True)
    return user_objfile()


REGISTERS = ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10",
             "r11", "r12", "r13", "r14", "r15", "rip", "eflags")


def registers():
    """The running thread's registers as it stopped, to compare two stops."""
    frame = gdb.newest_frame()
    return [int(frame.read_register(name)) for name in REGISTERS]


class UserBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint at a user address that stops only in ring 3
    in a process running `program`.  Hardware, because an int3 written by
    gdb would land in whichever page the current address space maps there
    (if any: pages appear on first touch), not in the program's."""

    # The registers when gdb last stopped in ring 3.  Now and then QEMU's
    # stub answers gdb's step off a breakpoint at once, without running
    # the instruction, and gdb would report the same breakpoint again.
    last_stop = None

    def __init__(self, address, program):
        super().__init__(f"*{address:#x}", type=gdb.BP_HARDWARE_BREAKPOINT)
        self.program = program

    def stop(self):
        if not (in_user_mode() and runs(self.program)):
            return False
        repeated = registers() == UserBreakpoint.last_stop
        UserBreakpoint.last_stop = None     # a second time, it is a real hit
        return not repeated

    @staticmethod
    def remember(event):
        """Every stop gdb reports: what a repeat of it would look like."""
        UserBreakpoint.last_stop = registers() if in_user_mode() else None


def addresses(location, objfile):
    """Where LOCATION (a linespec) is in objfile's program: the kernel may
    have a function of the same name (they share kernel/lib)."""
    _, sals = gdb.decode_line(location)
    found = [s.pc for s in sals or () if s.symtab and s.symtab.objfile == objfile]
    if not found:
        raise gdb.GdbError(f"{location}: not in {objfile.filename}")
    return found


class UserBreak(gdb.Command):
    """user-break PROGRAM LOCATION: stop when a process running
build/user/bin/PROGRAM reaches LOCATION (a function, FILE:LINE or *ADDRESS
of that program), and in no other process.  Loads PROGRAM's symbols."""

    def __init__(self):
        super().__init__("user-break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 2:
            raise gdb.GdbError("usage: user-break PROGRAM LOCATION")
        program, location = argv
        for address in addresses(location, load_symbols(program)):
            UserBreakpoint(address, program)


class UserSymbols(gdb.Command):
    """user-symbols [PROGRAM]: load build/user/bin/PROGRAM's symbols, by
default those of the running process's program, in place of the program
loaded before."""

    def __init__(self):
        super().__init__("user-symbols", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        program = argv[0] if argv else current_program()
        if program is None:
            raise gdb.GdbError("no user process is running: name the program")
        print(f"symbols of {load_symbols(program).filename}")


class CurrentProcess(gdb.Function):
    """$current_process(): the running struct process * (what the kernel's
process_current() returns), read from memory without calling anything."""

    def __init__(self):
        super().__init__("current_process")

    def invoke(self):
        return current_process()


def refuse_calls_in_user_mode(event):
    """gdb calls a function by running it on the CPU as it stands.  In
    ring 3 a kernel function runs at user privilege and page-faults, and
    the kernel kills the process; so no calls while stopped in ring 3."""
    allowed = "off" if in_user_mode() else "on"
    gdb.execute(f"set may-call-functions {allowed}", to_string=True)


UserBreak()
UserSymbols()
CurrentProcess()
gdb.events.stop.connect(refuse_calls_in_user_mode)
gdb.events.stop.connect(UserBreakpoint.remember)
