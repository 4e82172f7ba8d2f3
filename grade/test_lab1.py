"""Lab 1 grader: boot, memory map, kerninfo, backtrace, exceptions, frame allocator."""
import re

import pytest

import aurora
from aurora import GradeError, check, need

pytestmark = pytest.mark.lab(1)

MiB = 1 << 20
FRAME = 4096


def size_bytes(size):
    return int(size[:-1]) * {"M": MiB, "G": 1024 * MiB}[size[-1]]


# --- boot ---------------------------------------------------------------------

@pytest.mark.points(5)
def test_boots_to_prompt(boot):
    m = boot()
    need(r"^Aurora kernel booting \(command line \"grade monitor\"\)$", m.text, "the boot")
    need(r"^physical memory: \d+ MiB managed, \d+ frames free$", m.text, "the boot")
    need(r"^Welcome to the Aurora kernel monitor", m.text, "the boot")


@pytest.mark.points(5)
def test_kerninfo_sections_match_elf(boot, kernel):
    m = boot()
    out = m.run("kerninfo")
    for name in (".text", ".rodata", ".data", ".bss"):
        got = need(r"^\s+%s\s+([0-9a-f]{16})-([0-9a-f]{16})\s+\d+ KiB$" % re.escape(name),
                   out, "kerninfo")
        start, size = kernel.sections[name]
        want = (start, start + size - 1)
        have = (int(got.group(1), 16), int(got.group(2), 16))
        check(have == want, f"kerninfo says {name} is {have[0]:016x}-{have[1]:016x}, "
              f"but build/kernel.elf's section header says {want[0]:016x}-{want[1]:016x}", out)
    got = need(r"^kernel image: physical (0x[0-9a-f]+)-(0x[0-9a-f]+)", out, "kerninfo")
    want = (kernel.address("__kernel_phys_start"), kernel.address("__kernel_phys_end") - 1)
    have = (int(got.group(1), 16), int(got.group(2), 16))
    check(have == want, f"kerninfo says the kernel image is {have[0]:#x}-{have[1]:#x}, the "
          f"symbols say {want[0]:#x}-{want[1]:#x}", out)


# --- the memory map ---------------------------------------------------------------

ALLOC_RE = (r"^allocated order (\d+) block at pfn (0x[0-9a-f]+) "
            r"\(physical (0x[0-9a-f]+)-(0x[0-9a-f]+)\)$")


def mem_ok(m, where):
    out = m.run("mem")
    info = aurora.parse_mem(out)
    check(info["invariants_ok"], f"{where}: MISSING 'allocator invariants: ok'", out)
    return info


def managed_frames(info, kernel):
    """The frames the allocator must manage: whole frames of the available
    regions that no range the kernel reserves touches (they may overlap one
    another); the kernel image (by build/kernel.elf's symbols) must be one."""
    image = (kernel.address("__kernel_phys_start"), kernel.address("__kernel_phys_end"))
    check(any(r0 <= image[0] and image[1] <= r1 for r0, r1, _ in info["reserved"]),
          f"mem: no reserved range holds the kernel image {image[0]:#x}-{image[1] - 1:#x}")
    reserved = set()
    for r0, r1, _ in info["reserved"]:
        reserved.update(range(r0 // FRAME, -(-r1 // FRAME)))
    return {pfn for s, e, kind in info["regions"] if kind == "available"
            for pfn in range(-(-s // FRAME), e // FRAME) if pfn not in reserved}


def take_every_free_block(m, info):
    """Allocate every free block, largest orders first (so that none is
    split): their pfns, after which nothing is left."""
    blocks = []
    for order in sorted(info["free_blocks"], reverse=True):
        for _ in range(info["free_blocks"][order]):
            out = m.run(f"alloc {order}")
            got = need(ALLOC_RE, out, f"alloc {order} ('mem' listed a free block of that order)")
            blocks.append((int(got.group(2), 16), order))
    need(r"^alloc: no free block of order 0\b", m.run("alloc 0"),
         "alloc 0 once every free block 'mem' listed is taken")
    return blocks


def check_frames_match_map(m, kernel, where):
    """The allocator manages exactly the available frames the kernel does
    not use, and every free frame is one of them: each free block is
    allocated, checked and freed again."""
    out = m.run("mem")
    info = aurora.parse_mem(out)
    check(info["invariants_ok"], f"{where}: MISSING 'allocator invariants: ok'", out)
    want = managed_frames(info, kernel)
    check(info["managed"] == len(want),
          f"{where}: 'frames: {info['managed']} managed', but the available regions less the "
          f"reserved ranges make {len(want)} frames", out)
    check(info["free"] + info["allocated"] == info["managed"],
          f"{where}: free + allocated frames != managed frames", out)
    blocks = take_every_free_block(m, info)
    taken = [pfn + i for pfn, order in blocks for i in range(1 << order)]
    stray = sorted(set(taken) - want)
    check(not stray, f"{where}: free frames outside the available regions, or in a range "
          f"the kernel reserved: pfn {', '.join(hex(p) for p in stray[:8])}", out)
    check(len(taken) == len(set(taken)) == info["free"],
          f"{where}: the free blocks hold {len(taken)} frames ({len(set(taken))} distinct); "
          f"'mem' said {info['free']} free", out)
    for pfn, _ in blocks:
        m.run(f"free {pfn:#x}")
    check(mem_ok(m, f"{where}, after freeing them")["free_blocks"] == info["free_blocks"],
          f"{where}: the free blocks did not come back as they were")


@pytest.mark.points(5)
@pytest.mark.parametrize("mem", ["128M", "256M"])
def test_mem_matches_machine_size(boot, kernel, mem):
    m = boot(mem=mem)
    out = m.run("mem")
    info = aurora.parse_mem(out)
    size = size_bytes(mem)
    check(size - 4 * MiB < info["usable"] <= size,
          f"usable memory {info['usable']} bytes, but QEMU has -m {mem} = {size} bytes "
          f"(expected at most that, and more than {size - 4 * MiB})", out)
    usable_sum = sum(e - s for s, e, kind in info["regions"] if kind == "available")
    check(usable_sum == info["usable"],
          f"usable memory {info['usable']} is not the sum {usable_sum} of the available regions", out)
    check_frames_match_map(m, kernel, f"-m {mem}")


@pytest.mark.points(5)
def test_uefi_frames_only_in_available_memory(boot, kernel):
    """UEFI firmware's memory map has ACPI, NVS and other reserved regions
    between the available ones: none of them may become frames."""
    m = boot(mem="256M", uefi=True, timeout=120)
    out = m.run("mem")
    kinds = {kind for _, _, kind in aurora.parse_mem(out)["regions"]}
    check(len(kinds) > 2, f"the UEFI memory map has only the kinds {sorted(kinds)}", out)
    check_frames_match_map(m, kernel, "UEFI")


# --- backtrace ------------------------------------------------------------------

FRAME_RE = r"^\s+#(\d+)\s+rip ([0-9a-f]{16})\s+rbp ([0-9a-f]{16})\s+(\S+?)\+(0x[0-9a-f]+|0)$"
STOP_RE = r"^\s+\(frame pointer ([0-9a-f]{16}) is not on a kernel stack: stopping\)$"
MONITOR_FRAMES = ["cmd_backtrace", "run_command", "monitor_main"]


def source_constant(path, name):
    """The value of `#define name <number>` in a kernel source, so the grader
    and the kernel never disagree."""
    text = (aurora.REPO / path).read_text()
    return int(re.search(r"^#define\s+%s\s+(0x[0-9a-f]+|\d+)" % name, text, re.M).group(1), 0)


def symbol_at(kernel, addr):
    """The function holding addr: its sized symbol, or for assembly without
    a size, the nearest symbol below it in .text (as the kernel's own table
    does); None outside .text."""
    name = kernel.function_containing(addr)
    text, size = kernel.sections[".text"]
    if name is None and text <= addr < text + size:
        name = max(((a, n) for n, (a, _) in kernel.symbols.items() if text <= a <= addr),
                   default=(0, None))[1]
    return name


def outermost_frames(m):
    """The frames below monitor_main, down to the one boot.S or task.c began
    with rbp = 0: the boot stack's in a tree whose lab 2 is not done, else
    the monitor thread's (whose first frame returns to task_returned)."""
    if "the monitor runs on the boot stack" in m.text:
        return ["kmain", "higher_half_start"]
    return ["thread_start", "task_returned"]


def parse_backtrace(out, kernel, what):
    """The frames a backtrace printed, as (rip, rbp, name), each checked
    against the kernel's symbols: numbered from 0, rip inside the function
    named, at the offset printed."""
    need(r"^Stack backtrace:$", out, what)
    frames = []
    for i, (num, rip, rbp, name, offset) in enumerate(re.findall(FRAME_RE, out, re.M)):
        rip = int(rip, 16)
        check(int(num) == i, f"{what}: frame #{num} is listed as frame {i}", out)
        inside = symbol_at(kernel, rip)
        check(inside == name, f"{what}: frame #{i}: rip {rip:016x} is in "
              f"{inside or 'no function'} according to nm -S build/kernel.elf, but the "
              f"backtrace says {name}", out)
        check(rip - kernel.address(name) == int(offset, 16),
              f"{what}: frame #{i}: {name}+{offset} is not rip {rip:016x}", out)
        frames.append((rip, int(rbp, 16), name))
    return frames


def peek(m, addr):
    return int(need(r"^[0-9a-f]{16}: ([0-9a-f]{16})$", m.run(f"peek {addr:#x}"),
                    f"peek {addr:#x}").group(1), 16)


def check_read_from_stack(m, frames, command):
    """Each line's rip and rbp are the words at [rbp + 8] and [rbp] of the
    frame above: peek them in the frames that outlive the command (from
    run_command's down; the monitor calls it from the same place each time)."""
    first = [name for _, _, name in frames].index("run_command")
    for (_, rbp, name), (rip_below, rbp_below, _) in zip(frames[first:], frames[first + 1:]):
        saved = (peek(m, rbp + 8), peek(m, rbp))
        check(saved == (rip_below, rbp_below), f"{command}: {name}'s frame at {rbp:016x} holds "
              f"return address {saved[0]:016x} and saved rbp {saved[1]:016x}, but the next "
              f"line shows rip {rip_below:016x} rbp {rbp_below:016x}")


def check_whole_chain(m, kernel, command, want_first):
    """Run a backtrace command: its frames must be want_first, then the
    monitor's, then the outermost ones, exactly, each as the stack holds it;
    the last one's saved rbp is 0 and the others' grow towards the stack's
    base."""
    out = m.run(command)
    frames = parse_backtrace(out, kernel, command)
    want = want_first + MONITOR_FRAMES + outermost_frames(m)
    names = [name for _, _, name in frames]
    check(names == want, f"{command}: expected the frames {want}, down to the outermost "
          f"(saved rbp 0); got {names}", out)
    after = re.split(FRAME_RE, out, flags=re.M)[-1].strip()
    check(after == "", f"{command}: the walk must end at the outermost frame, but then "
          f"printed '{after}'", out)
    rbps = [rbp for _, rbp, _ in frames]
    check(rbps[-1] == 0, f"{command}: the last frame shows rbp {rbps[-1]:016x}; the walk "
          "ends with the frame whose saved rbp is 0, and shows that 0", out)
    check(all(0 < a < b for a, b in zip(rbps[:-1], rbps[1:-1])),
          f"{command}: frame pointers {[f'{r:x}' for r in rbps]} do not grow towards the "
          "stack's base", out)
    check_read_from_stack(m, frames, command)


@pytest.mark.points(10)
@pytest.mark.parametrize("depth", [0, 2, 5])
def test_backtrace_shows_nested_calls(boot, kernel, depth):
    m = boot()
    check_whole_chain(m, kernel, f"backtrace {depth}", ["nested_call"] * (depth + 1))


@pytest.mark.points(5)
def test_backtrace_stops_at_corrupt_frame_pointer(boot, kernel):
    """backtrace corrupt walks from a frame whose saved rbp is CORRUPT_RBP:
    the walk prints that frame, then stops with its message instead of
    reading through the pointer; the monitor carries on."""
    corrupt = source_constant("kernel/debug/cmd_debug.c", "CORRUPT_RBP")
    m = boot()
    out = m.run("backtrace corrupt")
    check("*** exception" not in out, "backtrace corrupt: the walk read through the corrupt "
          f"frame pointer {corrupt:016x} (check it with plausible_frame() first)", out)
    frames = parse_backtrace(out, kernel, "backtrace corrupt")
    names = [name for _, _, name in frames]
    check(names == ["walk_broken_chain", "cmd_backtrace"] and frames[1][1] == corrupt,
          f"backtrace corrupt: expected the frames walk_broken_chain, then cmd_backtrace "
          f"with rbp {corrupt:016x}; got {names}", out)
    stop = need(STOP_RE, out, "backtrace corrupt")
    check(int(stop.group(1), 16) == corrupt and out[stop.end():].strip() == "",
          f"backtrace corrupt: the walk must end with '(frame pointer {corrupt:016x} is not "
          "on a kernel stack: stopping)'", out)
    check_whole_chain(m, kernel, "backtrace", [])


@pytest.mark.points(3)
def test_backtrace_cut_at_max_frames(boot, kernel):
    """backtrace loop walks a frame whose saved rbp is itself: a plausible
    frame pointer, so only the MAX_FRAMES limit ends the walk."""
    limit = source_constant("kernel/arch/x86_64/backtrace.c", "MAX_FRAMES")
    m = boot()
    out = m.run("backtrace loop")
    frames = parse_backtrace(out, kernel, "backtrace loop")
    check(len(frames) == limit, f"backtrace loop: {len(frames)} frames printed, expected "
          f"MAX_FRAMES = {limit}", out)
    check(len({rbp for _, rbp, _ in frames}) == 1 and
          [name for _, _, name in frames[1:]] == ["cmd_backtrace"] * (limit - 1),
          "backtrace loop: every frame after #0 is the same frame, in cmd_backtrace", out)
    check_whole_chain(m, kernel, "backtrace", [])


# --- exceptions -----------------------------------------------------------------

FAULTS = {  # kind: (vector, mnemonic), error code, symbol
    "divide": ((0, "DE"), "0x0", "fault_divide_insn"),
    "breakpoint": ((3, "BP"), "0x0", "fault_breakpoint_insn"),
    "invalid-opcode": ((6, "UD"), "0x0", "fault_invalid_opcode_insn"),
    "gp": ((13, "GP"), "0x0", "fault_general_protection_insn"),
    "page-read": ((14, "PF"), "0x0", "fault_page_read_insn"),
    "page-write": ((14, "PF"), "0x2", "fault_page_write_insn"),
    "double": ((8, "DF"), "0x0", "fault_double_insn"),
}


@pytest.mark.points(2)
def test_fault_lists_kinds(boot):
    m = boot()
    out = m.run("fault")
    need(r"^kinds of fault:$", out, "fault")
    for kind in FAULTS:
        need(r"^\s+%s\s+\S" % re.escape(kind), out, "fault")


@pytest.mark.points(3)
@pytest.mark.parametrize("kind", list(FAULTS))
def test_fault_report(boot, kernel, kind):
    (want_vector, want_mnemonic), error, symbol = FAULTS[kind]
    m = boot()
    m.type_line(f"fault {kind}")
    report = m.expect(r"^\*\*\* exception (\d+) #(\w+) \([^)]*\), error code (0x[0-9a-f]+)$",
                      10, allow_death=True)
    vector, mnemonic = int(report.group(1)), report.group(2)
    check((vector, mnemonic) == (want_vector, want_mnemonic) and report.group(3) == error,
          f"fault {kind}: reported exception {vector} #{mnemonic} error code {report.group(3)}; "
          f"expected {want_vector} #{want_mnemonic} error code {error}", m.text)
    rip = int(m.expect(r"^\s+rip ([0-9a-f]{16})", 5, allow_death=True).group(1), 16)
    if kind != "double":    # a double fault's rip is undefined
        want = kernel.address(symbol) + (1 if kind == "breakpoint" else 0)
        check(rip == want, f"fault {kind}: rip {rip:016x}, expected {want:016x} "
              f"({symbol}{'+1: int3 is a trap' if kind == 'breakpoint' else ''})", m.text)
    if mnemonic == "PF":
        m.expect(r"^\s+cr2 00000000deadb000\b", 5)
    if kind == "breakpoint":
        m.expect(r"resuming", 5)
        m.expect(r"^fault: back from breakpoint$", 5)
    if kind == "double":
        m.expect(r"^\*\*\* kernel halted", 5, allow_death=True)
        try:
            status = m.wait_exit(10)
        except GradeError:
            raise GradeError("fault double: the kernel says it halted, but QEMU is still running "
                             "10 s later; under the grader (command line 'grade') a halt must end "
                             "QEMU with status 127 through isa-debug-exit (power_halt())") from None
        check(status == aurora.EXIT_HALTED,
              f"fault double: QEMU exited with status {status}, expected {aurora.EXIT_HALTED} "
              "(the kernel halts after a double fault)", m.text)
    else:
        m.wait_prompt(10)
        check("kernel halted" not in m.text, f"fault {kind}: the kernel halted", m.text)


# --- the frame allocator ----------------------------------------------------------

def after_alloc(free_blocks, order):
    """Free blocks by order after an allocation of that order: the smallest
    free block that fits is taken, and split, one upper half left at each
    order below it."""
    have = min(o for o, n in free_blocks.items() if o >= order and n > 0)
    want = dict(free_blocks)
    want[have] -= 1
    for o in range(order, have):
        want[o] += 1
    return want


@pytest.mark.points(10)
def test_alloc_aligned_and_counted(boot):
    m = boot()
    before = mem_ok(m, "at boot")
    free, free_blocks, blocks = before["free"], before["free_blocks"], []
    for order in (0, 3, 1, 5, 0, 10, 2):
        out = m.run(f"alloc {order}")
        got = need(ALLOC_RE, out, f"alloc {order}")
        pfn = int(got.group(2), 16)
        check(int(got.group(1)) == order, f"alloc {order} returned an order {got.group(1)} block", out)
        check(pfn % (1 << order) == 0, f"alloc {order}: pfn {pfn:#x} is not a multiple of "
              f"2^{order}", out)
        check((int(got.group(3), 16), int(got.group(4), 16)) ==
              (pfn * FRAME, (pfn + (1 << order)) * FRAME - 1),
              f"alloc {order}: physical range does not match pfn {pfn:#x}", out)
        for other, o in blocks:
            check(pfn + (1 << order) <= other or other + (1 << o) <= pfn,
                  f"alloc {order}: block at pfn {pfn:#x} overlaps the order {o} block at "
                  f"pfn {other:#x}", out)
        blocks.append((pfn, order))
        info = mem_ok(m, f"after alloc {order}")
        free -= 1 << order
        check(info["free"] == free, f"after alloc {order}: {info['free']} frames free, "
              f"expected {free} (2^{order} fewer)", out)
        want = after_alloc(free_blocks, order)
        check(info["free_blocks"] == want, f"after alloc {order}: free blocks by order "
              f"{info['free_blocks']}, expected {want} (was {free_blocks})", out)
        free_blocks = want


@pytest.mark.points(10)
def test_free_restores_counts(boot):
    m = boot()
    before = mem_ok(m, "at boot")
    blocks = []
    for order in (2, 0, 4, 1, 0, 7):
        got = need(ALLOC_RE, m.run(f"alloc {order}"), f"alloc {order}")
        blocks.append((int(got.group(2), 16), order))
    free = mem_ok(m, "after the allocations")["free"]
    for pfn, order in list(reversed(blocks[::2])) + blocks[1::2]:   # out of order
        out = m.run(f"free {pfn:#x}")
        need(r"^freed order %d block at pfn %#x$" % (order, pfn), out, f"free {pfn:#x}")
        got = mem_ok(m, f"after free {pfn:#x}")["free"]
        check(got == free + (1 << order), f"after free {pfn:#x}: {got} frames free, expected "
              f"{free + (1 << order)} (2^{order} more)")
        free = got
    after = mem_ok(m, "after freeing everything")
    check(after["free"] == before["free"],
          f"free frames: {before['free']} at boot, {after['free']} after allocating and freeing")
    check(after["free_blocks"] == before["free_blocks"],
          f"free blocks by order: {before['free_blocks']} at boot, {after['free_blocks']} "
          "after allocating and freeing (blocks were not merged back)")


@pytest.mark.points(10)
def test_alloc_splits_and_free_merges(boot):
    """Take every free order-0 block, then one more: only a split of a larger
    block can give it, its lowest frame, leaving one free block at each order
    below, the first the frame after it.  Freeing everything must merge the
    pieces back into the blocks there were."""
    m = boot()
    before = mem_ok(m, "at boot")["free_blocks"]
    larger = [o for o in sorted(before) if o > 0 and before[o] > 0]
    check(larger, f"no free block larger than one frame at boot: {before}")
    pfns, want = [], before
    for i in range(before[0] + 1):
        pfns.append(int(need(ALLOC_RE, m.run("alloc 0"),
                             f"alloc 0 (number {i + 1}, {before[0]} order-0 blocks were free "
                             "at boot, so this one needs a split)").group(2), 16))
        want = after_alloc(want, 0)
    split = larger[0]
    got = mem_ok(m, "after the split")["free_blocks"]
    check(got == want, f"free blocks by order after splitting an order {split} block for "
          f"one frame: {got}, expected {want}")
    check(pfns[-1] % (1 << split) == 0, f"the split of an order {split} block gave pfn "
          f"{pfns[-1]:#x}, not the block's first frame (keep the lower half)")
    out = m.run("alloc 0")
    pfns.append(int(need(ALLOC_RE, out, "alloc 0 after the split").group(2), 16))
    check(pfns[-1] == pfns[-2] + 1, f"after the split gave pfn {pfns[-2]:#x}, the one free "
          f"order-0 block should be its upper half, pfn {pfns[-2] + 1:#x}", out)
    for pfn in pfns:
        m.run(f"free {pfn:#x}")
    got = mem_ok(m, "after freeing everything")["free_blocks"]
    check(got == before, f"free blocks by order: {before} at boot, {got} after freeing "
          "(the pieces of the split were not merged back)")


@pytest.mark.points(5)
def test_double_free_rejected(boot):
    m = boot()
    pfn = int(need(ALLOC_RE, m.run("alloc 3"), "alloc 3").group(2), 16)
    need(r"^freed order 3 block at pfn %#x$" % pfn, m.run(f"free {pfn:#x}"), "free")
    before = mem_ok(m, "after the free")
    out = m.run(f"free {pfn:#x}")
    need(r"^free: pfn %#x does not start an allocated block$" % pfn, out, "a second free")
    after = mem_ok(m, "after a double free")
    check(after["free"] == before["free"] and after["free_blocks"] == before["free_blocks"],
          "a rejected double free changed the free counts", out)
    out = m.run(f"free {pfn + 1:#x}")
    need(r"does not start an allocated block$", out, "free of a pfn inside a free block")


@pytest.mark.points(5)
def test_no_frames_leaked(boot):
    """Leak count: free frames before and after a run of commands that give
    back what they take (faults abandon their command half-way)."""
    m = boot()
    before = m.free_frames()
    for command in ("help", "kerninfo", "backtrace 4", "fault page-read", "fault gp",
                    "fault breakpoint", "fault divide", "free 0x0"):
        m.run(command)
    for order in (9, 0, 4):
        got = need(ALLOC_RE, m.run(f"alloc {order}"), f"alloc {order}")
        m.run(f"free {got.group(2)}")
    after = m.free_frames()
    check(after == before, f"frames lost: {before} free before the commands, {after} after")


# --- the end ----------------------------------------------------------------------

@pytest.mark.points(5)
def test_poweroff_exits_qemu(boot):
    m = boot()
    m.command("poweroff")
    m.expect(r"^Powering off\.$", 5, allow_death=True)
    status = m.wait_exit(15)
    check(status == aurora.EXIT_POWEROFF, f"QEMU exited with status {status}, expected "
          f"{aurora.EXIT_POWEROFF} (isa-debug-exit)", m.text)


@pytest.mark.points(5)
def test_uefi_boot_framebuffer_console(boot):
    m = boot(mem="256M", uefi=True, timeout=120)
    out = m.run("kerninfo")
    need(r"^framebuffer: RGB, \d+x\d+, \d+ bits per pixel", out, "kerninfo under UEFI")
    need(r"^consoles:.*\bframebuffer\b", out, "kerninfo under UEFI")
