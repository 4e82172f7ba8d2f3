"""Lab 2 grader: page tables (vmwalk, showmappings), page permissions and the
faults they cause, kernel stacks above guard pages, and the kernel heap."""
import re

import pytest

import aurora
from aurora import GradeError, check, need, parse_showmappings, parse_vmwalk

pytestmark = pytest.mark.lab(2)

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30
PAGE, HUGE_PAGE = 4096, 2 * MiB
TOP = 1 << 64


def _layout(name):
    """A constant of kernel/arch/x86_64/memlayout.h, so the two never disagree."""
    header = (aurora.REPO / "kernel/arch/x86_64/memlayout.h").read_text()
    m = re.search(r"#define\s+%s\s+(?:UL\()?(0x[0-9a-fA-F]+|\d+)" % name, header)
    if not m:
        raise GradeError(f"no #define {name} in kernel/arch/x86_64/memlayout.h")
    return int(m.group(1), 0)


KERNEL_BASE = _layout("KERNEL_BASE")
DIRECT_MAP_BASE = _layout("DIRECT_MAP_BASE")
KERNEL_STACK_SIZE = _layout("KERNEL_STACK_SIZE")


def staged(m, command, timeout=10):
    """The output of a monitor command; when the boot stopped short of what
    the command needs (vm_init failed, a broken invariant, no heap), a
    failure that quotes the boot's own messages, which say where."""
    out = m.run(command, timeout)
    if re.search(r"needs .*, which this boot does not have", out):
        boot = m.text[:m.text.find("Welcome to")].splitlines()[1:]
        raise GradeError(f"{command}: {out.strip()}\n  the boot said:\n"
                         + "\n".join("    | " + line for line in boot if line.strip()))
    return out


def vmwalk(m, va):
    return parse_vmwalk(staged(m, f"vmwalk {va:#x}")), m.text


def showmappings(m, start=DIRECT_MAP_BASE, end=TOP - 1):
    out = staged(m, f"showmappings {start:#x} {end:#x}")
    return parse_showmappings(out), out


def range_holding(ranges, va, out, what):
    for r in ranges:
        if r["start"] <= va < r["end"]:
            return r
    raise GradeError(f"showmappings lists no range holding {va:016x} ({what})\n"
                     f"  output:\n{aurora.tail(out)}")


def sized_symbol(kernel, start, end):
    """A sized symbol (an object) in [start, end) of build/kernel.elf."""
    for name, (addr, size) in sorted(kernel.symbols.items(), key=lambda s: s[1][0]):
        if size and start <= addr < end:
            return name
    raise GradeError(f"no sized symbol in [{start:#x}, {end:#x}) of {kernel.path}")


def monitor_stack(m):
    """[bottom, top) of the monitor's stack: the mapping that holds the frame
    pointers of `backtrace`, whose top is the stack's top, and
    KERNEL_STACK_SIZE (memlayout.h) below it.  The guard page is below bottom."""
    out = m.run("backtrace 1")
    rbps = [int(r, 16) for r in re.findall(r"^\s+#\d+\s+rip [0-9a-f]{16}\s+rbp ([0-9a-f]{16})",
                                           out, re.M)]
    rbps = [r for r in rbps if r]
    check(rbps, "backtrace 1 shows no frame pointers", out)
    ranges, shown = showmappings(m)
    top = range_holding(ranges, rbps[0], shown, "the monitor's stack: rbp in backtrace")["end"]
    return top - KERNEL_STACK_SIZE, top


# --- vmwalk ------------------------------------------------------------------------

SECTIONS = {  # section: the permissions the kernel must map it with
    ".text": "r-x", ".rodata": "r--", ".data": "rw-", ".bss": "rw-",
}


def describe(phys, page_size, perm, user):
    return f"physical {phys:#x}, {page_size // KiB} KiB page, {perm} {'user' if user else 'kernel'}"


def check_walk(m, va, want, what):
    """vmwalk va must say: va -> want = (physical, page size, permissions,
    user).  The walk."""
    walk, out = vmwalk(m, va)
    check(walk["mapped"], f"vmwalk {va:#x} ({what}): not mapped", out)
    have = (walk["phys"], walk["page_size"], walk["perm"], walk["user"])
    check(have == want, f"vmwalk {va:#x} ({what}): {describe(*have)}; expected "
          f"{describe(*want)}", out)
    return walk


@pytest.mark.points(3)
@pytest.mark.parametrize("section", list(SECTIONS))
def test_vmwalk_kernel_image_matches_elf(boot, kernel, section):
    start, size = kernel.sections[section]
    name = sized_symbol(kernel, start, start + size)
    va = kernel.address(name)
    m = boot()
    check_walk(m, va, (va - KERNEL_BASE, PAGE, SECTIONS[section], False),
               f"{name}, in {section}, physical = va - {KERNEL_BASE:#x}")


def va_indices(va):
    return [(va >> shift) & 511 for shift in (39, 30, 21, 12)]


@pytest.mark.points(5)
def test_vmwalk_indices_are_va_bits(boot, kernel):
    """Each walk reads exactly the levels down to its leaf, or to the entry
    not present, each at the index the address's bits give."""
    m = boot()
    stack_bottom, _ = monitor_stack(m)
    guard = stack_bottom - PAGE
    levels = {  # va: the levels its walk must read
        kernel.address("kmain"): 4, kernel.address("kernel_heap"): 4,
        DIRECT_MAP_BASE + 0x3456789: 3, 0x7f1234567000: 1,
    }
    if guard // HUGE_PAGE == stack_bottom // HUGE_PAGE:
        levels[guard] = 4   # the PT of the stack above it: its entry not present
    for va, count in levels.items():
        walk, out = vmwalk(m, va)
        names = [name for name, _, _ in walk["levels"]]
        want_names = ["PML4", "PDPT", "PD", "PT"][:count]
        check(names == want_names, f"vmwalk {va:#x}: levels {names}, expected "
              f"{want_names} (a walk reads each level down to the leaf or to the first entry "
              "not present, and no further)", out)
        indices = [index for _, index, _ in walk["levels"]]
        want = va_indices(va)[:count]
        check(indices == want, f"vmwalk {va:#x}: indices {indices}, but bits 47-39, 38-30, "
              f"29-21, 20-12 of the address are {want}", out)


@pytest.mark.points(6)
def test_vmwalk_direct_map(boot):
    m = boot()
    for phys in (0x0, 0x1234568, 0xfee00000):
        check_walk(m, DIRECT_MAP_BASE + phys, (phys, HUGE_PAGE, "rw-", False),
                   f"the direct map, physical = va - {DIRECT_MAP_BASE:#x}")


@pytest.mark.points(3)
def test_vmwalk_lower_half_unmapped(boot):
    m = boot()
    walk, out = vmwalk(m, 0x1000)
    check(not walk["mapped"] and walk["stopped_at"] == "PML4" and len(walk["levels"]) == 1,
          "vmwalk 0x1000: expected 'not mapped (PML4 entry not present)' after reading the "
          "PML4 alone (the kernel maps nothing in the lower half)", out)


@pytest.mark.points(5)
def test_vmwalk_guard_page_unmapped(boot):
    m = boot()
    bottom, top = monitor_stack(m)
    walk, out = vmwalk(m, bottom)
    check(walk["mapped"] and walk["perm"] == "rw-",
          f"vmwalk {bottom:#x}: the bottom page of the monitor's stack "
          f"[{bottom:#x}, {top:#x}) is not mapped rw-", out)
    for va in (bottom - PAGE, bottom - 8):
        walk, out = vmwalk(m, va)
        check(not walk["mapped"], f"vmwalk {va:#x}: the guard page below the monitor's "
              f"stack [{bottom:#x}, {top:#x}) is mapped", out)


# --- showmappings ----------------------------------------------------------------

@pytest.mark.points(6)
def test_showmappings_w_xor_x(boot):
    m = boot()
    ranges, out = showmappings(m)
    check(ranges, "showmappings over the kernel half lists no ranges", out)
    for r in ranges:
        check(not (r["perm"][1] == "w" and r["perm"][2] == "x"),
              f"{r['start']:016x}-{r['end'] - 1:016x} is mapped {r['perm']}: writable and "
              "executable", out)


@pytest.mark.points(8)
def test_showmappings_kernel_sections_match_elf(boot, kernel):
    m = boot()
    ranges, out = showmappings(m)
    text, rodata = kernel.address("__text_start"), kernel.address("__rodata_start")
    data, end = kernel.address("__data_start"), kernel.address("__kernel_end")
    for (start, stop, perm, what) in ((text, rodata, "r-x", "text"),
                                      (rodata, data, "r--", "read-only data"),
                                      (data, end, "rw-", "data and bss")):
        r = range_holding(ranges, start, out, f"kernel {what}")
        have = (r["start"], r["end"], r["pa"], r["perm"], r["page_size"])
        want = (start, stop, start - KERNEL_BASE, perm, PAGE)
        check(have == want, f"the kernel's {what}: showmappings has "
              f"{have[0]:016x}-{have[1] - 1:016x} -> {have[2]:#x} {have[3]} in "
              f"{have[4] // KiB} KiB pages; expected {want[0]:016x}-{want[1] - 1:016x} -> "
              f"{want[2]:#x} {perm} in 4 KiB pages (the symbols of build/kernel.elf)", out)


@pytest.mark.points(5)
def test_showmappings_direct_map_covers_4g(boot):
    m = boot()
    ranges, out = showmappings(m, DIRECT_MAP_BASE, DIRECT_MAP_BASE + 4 * GiB - 1)
    covered = DIRECT_MAP_BASE
    for r in ranges:
        if r["start"] != covered or r["pa"] != covered - DIRECT_MAP_BASE:
            break
        check(r["page_size"] == HUGE_PAGE and r["perm"] == "rw-" and not r["user"],
              f"direct map {r['start']:016x}-{r['end'] - 1:016x}: {r['perm']} in "
              f"{r['page_size'] // KiB} KiB pages, expected rw- kernel in 2 MiB pages", out)
        covered = r["end"]
    check(covered >= DIRECT_MAP_BASE + 4 * GiB,
          f"the direct map at {DIRECT_MAP_BASE:#x} maps physical [0, {4 * GiB:#x}) "
          f"only up to {covered - DIRECT_MAP_BASE:#x}", out)


# --- faults ------------------------------------------------------------------------

PF_RE = r"^\*\*\* exception 14 #PF \([^)]*\), error code (0x[0-9a-f]+)$"


def page_fault(m, command, unless=""):
    """Run command, which must page-fault and return to the prompt: the
    report's error code, rip, cr2 and the line that explains cr2.  unless:
    what it means if there is no fault."""
    out = staged(m, command)
    fault = re.search(PF_RE, out, re.M)
    check(fault, f"{command}: no page fault{unless} (MISSING '{PF_RE}')", out)
    error = fault.group(1)
    rip = int(need(r"^\s+rip ([0-9a-f]{16})", out, command).group(1), 16)
    cr2 = int(need(r"^\s+cr2 ([0-9a-f]{16})", out, command).group(1), 16)
    explained = need(r"^\s+[0-9a-f]{16} is (mapped to physical|not mapped).*$", out, command)
    return error, rip, cr2, explained


FAULTS = {  # kind: error code, symbol at rip, symbol at cr2, permissions of cr2's page
    "write-text": ("0x3", "fault_write_text_insn", "fault_write_text", "r-x"),
    "exec-data": ("0x11", "fault_data_byte", "fault_data_byte", "rw-"),
}


@pytest.mark.points(8)
@pytest.mark.parametrize("kind", list(FAULTS))
def test_fault_permissions(boot, kernel, kind):
    want_error, rip_symbol, cr2_symbol, perm = FAULTS[kind]
    m = boot()
    error, rip, cr2, explained = page_fault(m, f"fault {kind}")
    want_rip, want_cr2 = kernel.address(rip_symbol), kernel.address(cr2_symbol)
    check((error, rip, cr2) == (want_error, want_rip, want_cr2),
          f"fault {kind}: error code {error}, rip {rip:016x}, cr2 {cr2:016x}; expected error "
          f"code {want_error}, rip {want_rip:016x} ({rip_symbol}), cr2 {want_cr2:016x} "
          f"({cr2_symbol})", m.text)
    want = (r"^\s+%016x is mapped to physical %#x, 4 KiB page, %s kernel$"
            % (cr2, cr2 - KERNEL_BASE, perm))
    check(re.match(want, explained.group(0)), f"fault {kind}: MISSING '{want}' "
          f"(the explanation of cr2), got '{explained.group(0).strip()}'", m.text)
    out = staged(m, "kmstat")
    need(r"^heap invariants: ok$", out, f"kmstat after fault {kind}")


@pytest.mark.points(8)
def test_fault_stack_overflow_hits_guard(boot):
    m = boot()
    bottom, top = monitor_stack(m)
    m.type_line("fault stack-overflow")
    m.expect(r"^\*\*\* exception 8 #DF \(", 20, allow_death=True)
    cr2 = int(m.expect(r"^\s+cr2 ([0-9a-f]{16}) \(the last page fault's address\)$", 5,
                       allow_death=True).group(1), 16)
    check(bottom - PAGE <= cr2 < bottom, f"fault stack-overflow: cr2 {cr2:016x} is not in the "
          f"guard page {bottom - PAGE:016x}-{bottom - 1:016x} below the monitor's stack", m.text)
    m.expect(r"^\s+%016x is the guard page below the monitor stack: a kernel stack overflow$"
             % cr2, 5, allow_death=True)
    m.expect(r"^\*\*\* kernel halted", 5, allow_death=True)
    try:
        status = m.wait_exit(10)
    except GradeError:
        raise GradeError("fault stack-overflow: the kernel says it halted, but QEMU is still "
                         "running 10 s later (a halt must end QEMU with status 127)") from None
    check(status == aurora.EXIT_HALTED, f"fault stack-overflow: QEMU exited with status "
          f"{status}, expected {aurora.EXIT_HALTED}", m.text)


ALLOC_RE = r"^allocated order (\d+) block at pfn (0x[0-9a-f]+) \(physical (0x[0-9a-f]+)-"


def alloc_block(m, order):
    """The physical address of a fresh block of 2^order frames (`alloc`),
    naturally aligned, as the buddy allocator gives them."""
    return int(need(ALLOC_RE, m.run(f"alloc {order}"), f"alloc {order}").group(3), 16)


# --- vmmap: pt_map on the live kernel ------------------------------------------------

# Indices 1, 1, 1, 1: in the lower half, where the kernel's tables hold nothing.
VMMAP_VA = 0x8040201000


def vmmap(m, va, pa, perm):
    """`vmmap va pa perm`, which must map the 4 KiB page."""
    out = staged(m, f"vmmap {va:#x} {pa:#x} {perm}")
    need(r"^vmmap: %016x -> physical %#x, %s$" % (va, pa, perm), out,
         f"vmmap {va:#x} {pa:#x} {perm}")


@pytest.mark.points(6)
def test_vmmap_makes_tables_then_finds_them(boot):
    """Two 4 KiB pages where the kernel's tables have nothing: the first
    makes a PDPT, a PD and a PT and links them in; the second, in the same
    PT, finds the same three.  The CPU then writes through the new page
    into the frame it maps."""
    m = boot()
    frames = alloc_block(m, 1)
    pages = ((VMMAP_VA, frames), (VMMAP_VA + PAGE, frames + PAGE))
    for va, pa in pages:
        vmmap(m, va, pa, "rw")
    walks = [check_walk(m, va, (pa, PAGE, "rw-", False), "a page vmmap mapped")
             for va, pa in pages]
    upper = [[f"{name} {entry:016x}" for name, _, entry in w["levels"][:3]] for w in walks]
    check(upper[0] == upper[1], f"the PML4, PDPT and PD entries for {VMMAP_VA:#x} "
          f"({', '.join(upper[0])}) and {VMMAP_VA + PAGE:#x} ({', '.join(upper[1])}) "
          "differ: the second pt_map must find the tables the first made "
          "(find_or_make_table), not make new ones", m.text)
    out = m.run(f"poke {VMMAP_VA + 8:#x} 0x600d")
    need(r"^%016x: 000000000000600d$" % (VMMAP_VA + 8), out, f"poke {VMMAP_VA + 8:#x}")
    direct = DIRECT_MAP_BASE + frames + 8
    out = m.run(f"peek {direct:#x}")
    check(re.search(r"^%016x: 000000000000600d$" % direct, out, re.M),
          f"poke {VMMAP_VA + 8:#x} 0x600d did not reach physical {frames + 8:#x} "
          f"(peek {direct:#x} through the direct map)", out)


@pytest.mark.points(6)
def test_vmmap_inside_2m_page_refused(boot):
    """A 4 KiB page inside a 2 MiB page of the direct map (over a block of
    our own, alloc 9) is refused with EEXIST, and the 2 MiB page stays whole.
    A pt_map that took the 2 MiB page's frame for a page table would write
    the new entry into the block (entry 5 of its first 4 KiB); one that put
    a new table in its place would leave the rest of the 2 MiB unmapped."""
    m = boot()
    block = alloc_block(m, 9)
    va = DIRECT_MAP_BASE + block + 5 * PAGE
    slot = DIRECT_MAP_BASE + block + 5 * 8
    need(r"^%016x: 0000000000000000$" % slot, m.run(f"poke {slot:#x} 0"), f"poke {slot:#x}")
    out = staged(m, f"vmmap {va:#x} {block:#x} rw")
    check(re.search(r"^vmmap: cannot map %016x: EEXIST$" % va, out, re.M),
          f"vmmap {va:#x}, inside the direct map's 2 MiB page at "
          f"{DIRECT_MAP_BASE + block:#x}: expected 'vmmap: cannot map {va:016x}: EEXIST' "
          "(find_or_make_table must refuse to go below a PS entry)", out)
    for where in (va, DIRECT_MAP_BASE + block + HUGE_PAGE - PAGE):
        check_walk(m, where, (where - DIRECT_MAP_BASE, HUGE_PAGE, "rw-", False),
                   "the direct map's 2 MiB page, after a 4 KiB vmmap inside it")
    out = m.run(f"peek {slot:#x}")
    check(re.search(r"^%016x: 0000000000000000$" % slot, out, re.M),
          f"peek {slot:#x}: the refused vmmap {va:#x} wrote into physical {block:#x}, the "
          "frame of the 2 MiB page, as if it were a page table (find_or_make_table "
          "followed a PS entry)", out)


# --- setperm ------------------------------------------------------------------------

def own_page(m, size):
    """The virtual address of a page of `size` that holds nothing else, and
    its physical address: the direct map's 2 MiB page over a block of our
    own (alloc 9), or a frame of our own mapped at VMMAP_VA."""
    if size == HUGE_PAGE:
        block = alloc_block(m, 9)
        return DIRECT_MAP_BASE + block, block
    frame = alloc_block(m, 0)
    vmmap(m, VMMAP_VA, frame, "rw")
    return VMMAP_VA, frame


@pytest.mark.points(5)
@pytest.mark.parametrize("size", [HUGE_PAGE, PAGE], ids=["2M", "4K"])
def test_setperm_read_only_then_writable(boot, size):
    """The page is written first, so the TLB holds a writable translation of
    it: setperm r must take effect at once all the same (invlpg of that
    page), and setperm rw again."""
    m = boot()
    va, phys = own_page(m, size)
    target = va + 8
    out = m.run(f"poke {target:#x} 0x1")
    need(r"^%016x: 0000000000000001$" % target, out, f"poke {target:#x} while writable")
    out = staged(m, f"setperm {va:#x} r")
    need(r"^setperm: %016x is now r$" % va, out, f"setperm {va:#x} r")
    check_walk(m, va, (phys, size, "r--", False), "after setperm r")
    error, _, cr2, explained = page_fault(
        m, f"poke {target:#x} 0x5eed", ": the write went through the TLB's stale writable "
        "translation (vm_set_permissions must invlpg the page after changing its entry)")
    check((error, cr2) == ("0x3", target), f"poke {target:#x} into a read-only page: error "
          f"code {error}, cr2 {cr2:016x}; expected error code 0x3 (a write to a present "
          f"page), cr2 {target:016x}", m.text)
    want = (r"^\s+%016x is mapped to physical %#x, %s page, r-- kernel$"
            % (target, phys + 8, "2 MiB" if size == HUGE_PAGE else "4 KiB"))
    check(re.match(want, explained.group(0)), f"poke {target:#x}: MISSING '{want}' (the "
          f"explanation of cr2), got '{explained.group(0).strip()}'", m.text)
    need(r"^setperm: %016x is now rw$" % va, m.run(f"setperm {va:#x} rw"), "setperm rw")
    out = m.run(f"poke {target:#x} 0x5eed")
    need(r"^%016x: 0000000000005eed$" % target, out, f"poke {target:#x} after setperm rw")
    out = m.run(f"peek {target:#x}")
    need(r"^%016x: 0000000000005eed$" % target, out, f"peek {target:#x} after the poke")


# --- the kernel heap ----------------------------------------------------------------

KMSTAT_RE = (r"^kmalloc: (\d+) live blocks, (\d+) bytes requested, (\d+) pages held\n"
             r"kmalloc: (\d+) allocations, (\d+) frees, (\d+) errors caught$")


def kmstat(m, where):
    """kmstat's numbers; fails unless it says 'heap invariants: ok'."""
    out = staged(m, "kmstat")
    got = need(KMSTAT_RE, out, f"kmstat {where}")
    need(r"^heap invariants: ok$", out, f"kmstat {where}")
    return dict(zip(("live", "bytes", "pages", "allocs", "frees", "errors"),
                    map(int, got.groups())))


@pytest.mark.points(5)
def test_kmtest_stress_passes(boot):
    m = boot()
    before = kmstat(m, "at boot")
    out = m.run("kmtest 3000", timeout=120)
    need(r"^kmtest: 3000 operations, passed, 0 blocks leaked$", out, "kmtest 3000")
    after = kmstat(m, "after kmtest 3000")
    held = ("live", "bytes", "pages")
    check([after[k] for k in held] == [before[k] for k in held],
          f"after kmtest 3000: {after['live']} live blocks of {after['bytes']} bytes in "
          f"{after['pages']} pages, {before['live']} of {before['bytes']} in "
          f"{before['pages']} before (an empty slab goes back at once)", m.text)
    check(after["allocs"] - before["allocs"] == after["frees"] - before["frees"] > 0,
          "kmtest 3000: allocations and frees counted differently (or not at all)", m.text)


@pytest.mark.points(4)
def test_kmtest_returns_frames(boot):
    m = boot()
    before = m.free_frames()
    m.run("kmtest 3000", timeout=120)
    after = m.free_frames()
    check(after == before, f"frames lost to the heap: {before} free before kmtest 3000, "
          f"{after} after")


MISTAKES = {
    "double-free": r"^kmalloc: double free at 0x[0-9a-f]+$",
    "overrun": r"^kmalloc: write past the end of the block at 0x[0-9a-f]+$",
    "bad-pointer": r"^kmalloc: free of a pointer kmalloc never returned at 0x[0-9a-f]+$",
}


@pytest.mark.points(3)
@pytest.mark.parametrize("kind", list(MISTAKES))
def test_kmtest_mistake_caught(boot, kind):
    m = boot()
    before = kmstat(m, "at boot")
    out = m.run(f"kmtest {kind}")
    need(MISTAKES[kind], out, f"kmtest {kind}")
    after = kmstat(m, f"after kmtest {kind}")
    # One block allocated, freed once, and one bad free caught, which changed nothing.
    want = dict(before, allocs=before["allocs"] + 1, frees=before["frees"] + 1,
                errors=before["errors"] + 1)
    check(after == want, f"kmtest {kind}: kmstat went from {before} to {after}; expected "
          f"{want} (one allocation, one free, one error caught, the heap as it was)",
          m.text)
