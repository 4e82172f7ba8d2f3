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
@pytest.mark.parametrize("mem", ["128M", "256M"])
def test_mem_matches_machine_size(boot, mem):
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
    # Managed frames: whole frames of available regions that no reserved
    # range touches (reserved ranges may overlap one another).
    reserved = set()
    for r0, r1, _ in info["reserved"]:
        reserved.update(range(r0 // FRAME, -(-r1 // FRAME)))
    managed = sum(1 for s, e, kind in info["regions"] if kind == "available"
                  for pfn in range(-(-s // FRAME), e // FRAME) if pfn not in reserved)
    check(info["managed"] == managed,
          f"'frames: {info['managed']} managed', but the available regions less the reserved "
          f"ranges make {managed} frames", out)
    check(info["free"] + info["allocated"] == info["managed"],
          "free + allocated frames != managed frames", out)
    check(info["invariants_ok"], "MISSING 'allocator invariants: ok'", out)


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


# --- backtrace ------------------------------------------------------------------

FRAME_RE = r"^\s+#(\d+)\s+rip ([0-9a-f]{16})\s+rbp ([0-9a-f]{16})\s+(\S+?)\+(0x[0-9a-f]+|0)$"


@pytest.mark.points(10)
@pytest.mark.parametrize("depth", [2, 5])
def test_backtrace_shows_nested_calls(boot, kernel, depth):
    m = boot()
    out = m.run(f"backtrace {depth}")
    need(r"^Stack backtrace:$", out, f"backtrace {depth}")
    frames = re.findall(FRAME_RE, out, re.M)
    want = ["nested_call"] * (depth + 1) + ["cmd_backtrace", "run_command", "monitor_main"]
    names = [f[3] for f in frames]
    check(names[:len(want)] == want,
          f"backtrace {depth}: expected frames {want} first, got {names}", out)
    for i, (num, rip, rbp, name, offset) in enumerate(frames[:len(want)]):
        rip = int(rip, 16)
        check(int(num) == i, f"frame #{num} is listed as frame {i}", out)
        inside = kernel.function_containing(rip)
        check(inside == name, f"frame #{i}: rip {rip:016x} is in {inside} according to "
              f"nm -S build/kernel.elf, but the backtrace says {name}", out)
        check(rip - kernel.address(name) == int(offset, 16),
              f"frame #{i}: {name}+{offset} is not rip {rip:016x}", out)
    rbps = [int(f[2], 16) for f in frames[:len(want)]]
    check(all(a < b for a, b in zip(rbps, rbps[1:])),
          "frame pointers do not grow towards the stack's base", out)


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

ALLOC_RE = (r"^allocated order (\d+) block at pfn (0x[0-9a-f]+) "
            r"\(physical (0x[0-9a-f]+)-(0x[0-9a-f]+)\)$")


def mem_ok(m, where):
    out = m.run("mem")
    info = aurora.parse_mem(out)
    check(info["invariants_ok"], f"{where}: MISSING 'allocator invariants: ok'", out)
    return info


@pytest.mark.points(10)
def test_alloc_aligned_and_counted(boot):
    m = boot()
    before = mem_ok(m, "at boot")
    free, blocks = before["free"], []
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


@pytest.mark.points(10)
def test_free_restores_counts(boot):
    m = boot()
    before = mem_ok(m, "at boot")
    blocks = []
    for order in (2, 0, 4, 1, 0, 7):
        got = need(ALLOC_RE, m.run(f"alloc {order}"), f"alloc {order}")
        blocks.append((int(got.group(2), 16), order))
    mem_ok(m, "after the allocations")
    for pfn, order in list(reversed(blocks[::2])) + blocks[1::2]:   # out of order
        out = m.run(f"free {pfn:#x}")
        need(r"^freed order %d block at pfn %#x$" % (order, pfn), out, f"free {pfn:#x}")
        mem_ok(m, f"after free {pfn:#x}")
    after = mem_ok(m, "after freeing everything")
    check(after["free"] == before["free"],
          f"free frames: {before['free']} at boot, {after['free']} after allocating and freeing")
    check(after["free_blocks"] == before["free_blocks"],
          f"free blocks by order: {before['free_blocks']} at boot, {after['free_blocks']} "
          "after allocating and freeing (blocks were not merged back)")


@pytest.mark.points(10)
def test_alloc_splits_and_free_merges(boot):
    """Take every free order-0 block, then one more: only a split of a larger
    block can give it, leaving one free block at each order below.  Freeing
    everything must merge the pieces back into the blocks there were."""
    m = boot()
    before = mem_ok(m, "at boot")["free_blocks"]
    larger = [o for o in sorted(before) if o > 0 and before[o] > 0]
    check(larger, f"no free block larger than one frame at boot: {before}")
    pfns = []
    for i in range(before.get(0, 0) + 1):
        pfns.append(need(ALLOC_RE, m.run("alloc 0"),
                         f"alloc 0 (number {i + 1}, {before.get(0, 0)} order-0 blocks were free "
                         "at boot, so this one needs a split)").group(2))
    split = larger[0]
    want = dict(before)
    want[0] = 1
    for o in range(1, split):
        want[o] = before.get(o, 0) + 1
    want[split] -= 1
    got = mem_ok(m, "after the split")["free_blocks"]
    check(got == want, f"free blocks by order after splitting an order {split} block for "
          f"one frame: {got}, expected {want}")
    for pfn in pfns:
        m.run(f"free {pfn}")
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
