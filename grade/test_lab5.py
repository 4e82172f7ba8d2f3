"""Lab 5 grader: ext2 on a disk, judged by Linux's e2fsprogs.  The kernel
boots (command line "grade") with a disk attached and mounts its ext2 file
system as "/"; each test types command lines at the shell, as lab 4's do.

Every test gets an image of its own in a temporary directory: a copy of a
pristine build/disk.img (made afresh, not the student's, which keeps what
Aurora wrote to it), or one made with mke2fs for the test.  Tests that
write end with sync and poweroff in Aurora, then e2fsck -fn on the image,
which must find nothing to fix; e2fsck's output is in the test's log.
Files go both ways and are compared byte for byte: debugfs writes files
into an image that Aurora must read right, and reads back what Aurora
wrote."""
import filecmp
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import aurora
from aurora import check, need, tail
from test_lab4 import run_test_program

pytestmark = pytest.mark.lab(5)

CMDLINE = "grade"
BOOT_TIMEOUT = 30           # seconds to the first prompt
BIG_TIMEOUT = 900           # for each pass over the 70 MiB file under TCG
# For each pass over the 10,000 files (making them, listing them): a name is
# found by reading the directory from its start, and its 160 blocks
# outgrow the block cache.
MANY_TIMEOUT = 900
SHELL_PROMPT = aurora.SHELL_PROMPT
KiB, MiB = 1 << 10, 1 << 20
# Every test's files go into this directory, which debugfs makes in its image.
LAB = "/lab5"
# 70 MiB and an odd tail: past what 1 KiB blocks reach without the
# triple-indirect block ((12 + 256 + 256 * 256) KiB), ending mid-block.
BIG_BYTES = 70 * MiB + 12345
# Sizes that end where each kind of block pointer starts and ends, at 1 KiB blocks.
EDGE_SIZES = [0, 1, 1023, 1024, 1025, 12 * KiB, 12 * KiB + 1, 268 * KiB, 268 * KiB + 1,
              300 * KiB + 7]

# What strerror says for each error (Linux's C library's words).
ERRORS = {
    "ENOENT": "No such file or directory", "EEXIST": "File exists",
    "ENOTDIR": "Not a directory", "EISDIR": "Is a directory",
    "ENOTEMPTY": "Directory not empty", "ENAMETOOLONG": "File name too long",
    "ELOOP": "Too many levels of symbolic links", "EXDEV": "Invalid cross-device link",
    "EROFS": "Read-only file system", "ENOSPC": "No space left on device",
}


# --- images -------------------------------------------------------------------

class System:
    """A pristine disk image, built once per session in a directory of its
    own, and the tree of files it holds (for images of other shapes)."""

    def __init__(self, directory):
        self.image = aurora.build_disk_image(directory / "disk.img")
        self.tree = directory / "tree"
        self.tree.mkdir()
        aurora.Disk(self.image).dump_tree(self.tree)
        shutil.rmtree(self.tree / "lost+found")

    def tree_kib(self):
        return sum(p.stat().st_size for p in self.tree.rglob("*")) // KiB


@pytest.fixture(scope="session")
def system(kernel):
    with tempfile.TemporaryDirectory(prefix="aurora-lab5-") as d:
        yield System(Path(d))


@pytest.fixture
def scratch():
    """A directory for the test's images and files, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="aurora-lab5-") as d:
        yield Path(d)


def with_lab_dir(disk):
    if LAB.strip("/") not in disk.names("/"):
        disk.mkdir(LAB)
    return disk


def copy_image(system, scratch, processes):
    """A copy of the pristine image, with an empty LAB directory."""
    shutil.copyfile(system.image, scratch / "disk.img")
    return with_lab_dir(aurora.Disk(scratch / "disk.img", processes))


@pytest.fixture
def disk(system, scratch, processes):
    return copy_image(system, scratch, processes)


def new_image(system, scratch, processes, size_kib, block_size=1024, options=(), tree=None):
    """An image made with mke2fs holding the system's files (or tree's),
    with an empty LAB directory."""
    return with_lab_dir(aurora.make_ext2(scratch / f"disk-{size_kib}k-{block_size}.img",
                                         size_kib, tree or system.tree, processes,
                                         block_size, options))


def stage(system, scratch):
    """A copy of the system's tree to add files to, for mke2fs -d."""
    tree = scratch / "tree"
    shutil.copytree(system.tree, tree, symlinks=True)
    return tree


def pattern_pieces(size, piece=64 * KiB):
    """t_disk's pattern (user/bin/t_disk.c), piece bytes at a time: each
    16 bytes their number in 15 hex digits and a newline."""
    for start in range(0, size, piece):
        end = min(start + piece, size)
        units = range(start // 16, (end + 15) // 16)
        yield b"".join(b"%015x\n" % i for i in units)[:end - start]


def pattern(size):
    return b"".join(pattern_pieces(size))


def write_pattern_file(path, size):
    with open(path, "wb") as f:
        f.writelines(pattern_pieces(size))


def random_bytes(size, seed):
    return random.Random(seed).randbytes(size)


# --- the machine ------------------------------------------------------------------

def boot_disk(processes, disk, kind="disk"):
    """A Shell booted with disk attached; once a boot of this kind failed,
    later ones fail at once."""
    return aurora.boot_shell(processes, aurora.build_iso(CMDLINE),
                             f"qemu (shell, {disk.path.name})", kind=kind,
                             extra=disk.drive(), timeout=BOOT_TIMEOUT)


@pytest.fixture
def shell(kernel, processes, disk):
    return boot_disk(processes, disk)


def power_off_and_fsck(sh, disk, after):
    """The kernel's invariants hold; sync and poweroff end QEMU; e2fsck -fn
    then finds nothing to fix."""
    sh.check_invariants(5)
    sh.power_off()
    disk.check_clean(after)


def fails_with(sh, command, error):
    """command fails (exit status not 0) and its message names error."""
    out = sh.run(f"{command}; echo status=$?", 30)
    status = int(need(r"^status=(\d+)$", out, command).group(1))
    check(status != 0, f"'{command}' succeeded; it should fail with {error}", out)
    check(ERRORS[error] in out or error in out,
          f"'{command}': its message is not {error} ('{ERRORS[error]}')", out)


def succeeds(sh, command, timeout=30):
    out = sh.run(f"{command}; echo status=$?", timeout)
    need(r"^status=0$", out, command)
    return out


def check_cksums(sh, host_dir, aurora_dir, names):
    """cksum in aurora_dir prints for each name what Linux's cksum prints
    for it in host_dir."""
    expected = subprocess.run(["cksum", *names], cwd=host_dir, check=True, text=True,
                              capture_output=True).stdout.splitlines()
    sh.run(f"cd {aurora_dir}")
    out = sh.run("cksum " + " ".join(names), 120)
    for line in expected:
        need("^" + re.escape(line) + "$", out, f"cksum in {aurora_dir} (Linux's: {line})")


def long_name(sh, length):
    """Words that the shell expands to a name of length bytes ("nnn..."):
    a command line holds at most 255 characters (LINE_MAX)."""
    sh.run(f"N={'n' * 85}")
    return "${N}" * (length // 85) + "n" * (length % 85)


def check_bytes(disk, path, expected):
    got = disk.read(path)
    check(got == expected, f"{path} as debugfs reads it: {len(got)} bytes "
          f"{got[:60]!r}..., expected {len(expected)} bytes {expected[:60]!r}...")


def stat_fields(sh, path):
    """Inode number and links of path, from Aurora's stat."""
    out = sh.run(f"stat {path}")
    m = need(r"Inode: (\d+)\s+Links: (\d+)", out, f"stat {path}")
    return int(m.group(1)), int(m.group(2))


def debugfs_stat(disk, path):
    """Inode number and links of path, from debugfs."""
    out = disk.debugfs(f"stat {path}").decode()
    inode = int(need(r"^Inode: (\d+)", out, f"debugfs stat {path}").group(1))
    links = int(need(r"Links: (\d+)", out, f"debugfs stat {path}").group(1))
    return inode, links


# --- the root file system ------------------------------------------------------------

@pytest.mark.points(5)
def test_root_is_the_disk(disk, kernel, processes, scratch):
    """With a disk attached, "/" is its ext2 file system: a file only this
    image holds is there, stat agrees with debugfs on its inode, and df
    (statfs) says ext2."""
    marker = scratch / "marker"
    marker.write_text(f"only on {scratch.name}\n")
    disk.write(marker, f"{LAB}/marker")
    sh = boot_disk(processes, disk)
    out = sh.run(f"cat {LAB}/marker")
    need(f"^only on {re.escape(scratch.name)}$", out, f"cat {LAB}/marker")
    check(stat_fields(sh, f"{LAB}/marker") == debugfs_stat(disk, f"{LAB}/marker"),
          "stat's inode and links differ from debugfs's", out)
    need(r"^ext2\s+\d+\s+\d+\s+\d+\s+\S+\s+/$", sh.run("df /"), "df / (statfs of \"/\")")
    power_off_and_fsck(sh, disk, "reading a file")


@pytest.mark.points(10)
def test_mke2fs_files_read_right(system, scratch, kernel, processes):
    """Files that mke2fs -d put on the disk read back byte for byte: every
    size at the edges of direct, indirect and double-indirect blocks, a
    sparse file, a 255-byte name, fast and slow symbolic links."""
    tree = stage(system, scratch)
    lab = tree / LAB.strip("/")
    lab.mkdir()
    names = []
    for i, size in enumerate(EDGE_SIZES):
        names.append(f"edge{size}")
        (lab / names[-1]).write_bytes(random_bytes(size, i))
    with open(lab / "sparse", "wb") as f:
        f.write(b"start")
        f.seek(2 * MiB)
        f.write(b"end")
    (lab / ("n" * 255)).write_text("the longest name\n")
    (lab / "fast").symlink_to("edge1025")
    (lab / "slow").symlink_to("../" + LAB.strip("/") + "/" + "./" * 40 + "edge1025")
    disk = new_image(system, scratch, processes, 64 * 1024, tree=tree)
    sh = boot_disk(processes, disk)
    check_cksums(sh, lab, LAB, names + ["sparse", "fast", "slow"])
    need(r"^the longest name$", sh.run(f"cat {LAB}/{long_name(sh, 255)}"),
         "cat of a file with a 255-byte name")
    power_off_and_fsck(sh, disk, "reading files")


@pytest.mark.points(10)
def test_debugfs_files_read_right(disk, kernel, processes, scratch):
    """Files that Linux's debugfs -w wrote into the image, in directories it
    made, read back right in Aurora, through a symbolic link too."""
    host = scratch / "files"
    (host / "sub").mkdir(parents=True)
    names = []
    for i, size in enumerate([0, 1, 1025, 300 * KiB + 7, 2 * MiB + 3]):
        names.append(f"f{size}")
        (host / names[-1]).write_bytes(random_bytes(size, 100 + i))
    (host / "sub/inner").write_bytes(b"in a directory debugfs made\n")
    disk.mkdir(f"{LAB}/sub")
    for name in names + ["sub/inner"]:
        disk.write(host / name, f"{LAB}/{name}")
    disk.symlink(f"{LAB}/link", "sub/inner")
    sh = boot_disk(processes, disk)
    check_cksums(sh, host, LAB, names + ["sub/inner"])
    out = sh.run(f"cat {LAB}/link")
    need(r"^in a directory debugfs made$", out, f"cat {LAB}/link (-> sub/inner)")
    power_off_and_fsck(sh, disk, "reading files debugfs wrote")


@pytest.mark.points(10)
def test_aurora_files_read_right_by_debugfs(shell, disk):
    """Files Aurora writes (by echo, t_disk past the double-indirect start,
    cp of a program) are what Linux's debugfs reads, byte for byte."""
    succeeds(shell, f"echo hello disk > {LAB}/hello")
    succeeds(shell, f"t_disk write {LAB}/pattern {300 * KiB + 7}", 120)
    succeeds(shell, f"cp /bin/sh {LAB}/sh.copy", 60)
    succeeds(shell, f"mkdir {LAB}/dir")
    succeeds(shell, f"echo deep > {LAB}/dir/file")
    power_off_and_fsck(shell, disk, "writing files")
    check_bytes(disk, f"{LAB}/hello", b"hello disk\n")
    check_bytes(disk, f"{LAB}/pattern", pattern(300 * KiB + 7))
    check_bytes(disk, f"{LAB}/sh.copy", disk.read("/bin/sh"))
    check_bytes(disk, f"{LAB}/dir/file", b"deep\n")


@pytest.mark.points(10)
def test_file_commands(shell, disk):
    """mkdir, rmdir, rm -r, ln, ln -s, mv (a file, a directory), cp, touch
    and stat change the disk as Linux sees it afterwards."""
    m = f"{LAB}/m"
    for command in (f"mkdir {m}", f"mkdir {m}/gone", f"rmdir {m}/gone",
                    f"mkdir {m}/tree", f"mkdir {m}/tree/sub", f"echo leaf > {m}/tree/sub/leaf",
                    f"rm -r {m}/tree", f"echo data > {m}/file", f"ln {m}/file {m}/hard",
                    f"ln -s file {m}/soft", f"mkdir {m}/dir", f"echo moved > {m}/dir/f",
                    f"mv {m}/dir {m}/renamed", f"mv {m}/renamed/f {m}/moved",
                    f"cp {m}/file {m}/copy", f"touch {m}/empty"):
        succeeds(shell, command)
    need(r"^data$", shell.run(f"cat {m}/soft"), f"cat {m}/soft")
    hard = stat_fields(shell, f"{m}/hard")
    check(hard == stat_fields(shell, f"{m}/file") and hard[1] == 2,
          f"stat: {m}/file and its hard link {m}/hard are not one inode with 2 links")
    power_off_and_fsck(shell, disk, "mkdir, rmdir, rm -r, ln, mv, cp and touch")
    names = sorted(disk.names(m))
    expected = sorted(["file", "hard", "soft", "renamed", "moved", "copy", "empty"])
    check(names == expected, f"debugfs lists {m} as {names}, expected {expected}")
    check(disk.names(f"{m}/renamed") == [], f"{m}/renamed should be empty")
    check(debugfs_stat(disk, f"{m}/hard") == hard, f"debugfs's inode and links of {m}/hard "
          f"differ from what stat said: {debugfs_stat(disk, f'{m}/hard')} vs {hard}")
    for path, data in (("copy", b"data\n"), ("moved", b"moved\n"), ("empty", b"")):
        check_bytes(disk, f"{m}/{path}", data)
    soft = disk.debugfs(f"stat {m}/soft").decode()
    check('Fast link dest: "file"' in soft or disk.read(f"{m}/soft") == b"file",
          f"debugfs does not find {m}/soft a symbolic link to file:\n{tail(soft)}")


@pytest.mark.points(5)
def test_redirections_on_disk(shell, disk):
    """The shell's >, >>, < and 2> open files on the disk."""
    succeeds(shell, f"echo one > {LAB}/r")
    succeeds(shell, f"echo two >> {LAB}/r")
    succeeds(shell, f"cat < {LAB}/r > {LAB}/r2")
    shell.run(f"ls {LAB}/none 2> {LAB}/err")
    need(r"^one\ntwo$", shell.run(f"cat {LAB}/r2"), f"cat {LAB}/r2")
    power_off_and_fsck(shell, disk, "redirections")
    check_bytes(disk, f"{LAB}/r", b"one\ntwo\n")
    check_bytes(disk, f"{LAB}/r2", b"one\ntwo\n")
    err = disk.read(f"{LAB}/err")
    check(b"none" in err and ERRORS["ENOENT"].encode() in err,
          f"{LAB}/err holds {err!r}, not ls's complaint about {LAB}/none")


@pytest.mark.points(10)
def test_error_numbers(disk, kernel, processes):
    """Each mistake gets Linux's error: ENOENT, EEXIST, ENOTDIR, EISDIR,
    ENOTEMPTY, ENAMETOOLONG, ELOOP (a loop debugfs made), EXDEV (/dev is
    another file system); the file system stays consistent."""
    disk.symlink(f"{LAB}/loop1", "loop2")
    disk.symlink(f"{LAB}/loop2", "loop1")
    sh = boot_disk(processes, disk)
    succeeds(sh, f"mkdir {LAB}/full")
    succeeds(sh, f"echo x > {LAB}/full/file")
    for command, error in ((f"cat {LAB}/nothing", "ENOENT"),
                           (f"echo x > {LAB}/nodir/file", "ENOENT"),
                           (f"mkdir {LAB}/full", "EEXIST"),
                           (f"mkdir {LAB}/full/file/sub", "ENOTDIR"),
                           (f"rm {LAB}/full", "EISDIR"),
                           (f"rmdir {LAB}/full", "ENOTEMPTY"),
                           (f"touch {LAB}/{long_name(sh, 256)}", "ENAMETOOLONG"),
                           (f"cat {LAB}/loop1", "ELOOP"),
                           (f"ln /dev/null {LAB}/null", "EXDEV")):
        fails_with(sh, command, error)
    power_off_and_fsck(sh, disk, "calls that failed")


@pytest.mark.points(10)
def test_file_system_calls(shell, disk):
    """t_fs checks the file-system calls from inside, on the disk."""
    run_test_program(shell, f"t_fs {LAB}/t_fs", 300)
    power_off_and_fsck(shell, disk, "t_fs")


@pytest.mark.points(10)
def test_files_survive_a_reboot(disk, kernel, processes):
    """What one boot wrote and synced, the next boot of the same image reads."""
    sh = boot_disk(processes, disk)
    succeeds(sh, f"mkdir {LAB}/kept")
    succeeds(sh, f"echo across reboots > {LAB}/kept/note")
    succeeds(sh, f"t_disk write {LAB}/kept/pattern {64 * KiB + 5}", 60)
    succeeds(sh, f"ln -s note {LAB}/kept/link")
    power_off_and_fsck(sh, disk, "the first boot")
    sh = boot_disk(processes, disk)
    need(r"^across reboots$", sh.run(f"cat {LAB}/kept/link"), f"cat {LAB}/kept/link")
    succeeds(sh, f"t_disk verify {LAB}/kept/pattern {64 * KiB + 5}", 60)
    power_off_and_fsck(sh, disk, "the second boot")


@pytest.mark.points(10)
def test_crash_keeps_fsynced_data(disk, kernel, processes):
    """A file written and fsynced is on the disk after QEMU is killed (no
    sync, no poweroff) while other writes go on; e2fsck -fy repairs the
    rest, and a second e2fsck finds nothing."""
    sh = boot_disk(processes, disk)
    size = 300 * KiB + 7
    sh.type_line(f"t_disk crash {LAB}/synced {size}")
    for line in (f"t_disk: fsynced {size} bytes to {LAB}/synced",
                 "t_disk: unsynced writes under way"):
        said = sh.expect(r"^(t_disk: .*)\n", 120).group(1)
        check(said == line, f"t_disk crash said '{said}', not '{line}'", sh.text)
    sh.kill()
    check_bytes(disk, f"{LAB}/synced", pattern(size))
    disk.repair("QEMU was killed")


# --- big and many ------------------------------------------------------------------

@pytest.mark.points(10)
def test_big_file(system, scratch, kernel, processes):
    """A 70 MiB file (past the double-indirect blocks at 1 KiB) is written
    and read back with the same checksum, and debugfs reads the same bytes."""
    disk = new_image(system, scratch, processes, 128 * 1024)
    expected = scratch / "big.expected"
    write_pattern_file(expected, BIG_BYTES)
    sh = boot_disk(processes, disk)
    succeeds(sh, f"t_disk write {LAB}/big {BIG_BYTES}", BIG_TIMEOUT)
    succeeds(sh, f"t_disk verify {LAB}/big {BIG_BYTES}", BIG_TIMEOUT)
    with open(expected, "rb") as f:
        want = subprocess.run(["cksum"], stdin=f, check=True, capture_output=True,
                              text=True).stdout.strip()
    need("^" + re.escape(want) + f" {LAB}/big$", sh.run(f"cksum {LAB}/big", BIG_TIMEOUT),
         f"cksum {LAB}/big (Linux's: {want})")
    power_off_and_fsck(sh, disk, "writing the big file")
    disk.dump(f"{LAB}/big", scratch / "big.debugfs")
    check(filecmp.cmp(expected, scratch / "big.debugfs", shallow=False),
          f"{LAB}/big as debugfs reads it differs from what t_disk wrote")


@pytest.mark.points(10)
def test_ten_thousand_files(shell, disk):
    """10,000 files in one directory: all listed, each read right, one
    removed; e2fsck and debugfs agree."""
    many = f"{LAB}/many"
    succeeds(shell, f"t_disk files {many} 10000", MANY_TIMEOUT)
    need(r"^\s*10000\s*$", shell.run(f"ls {many} | wc -l", MANY_TIMEOUT), f"ls {many} | wc -l")
    need(r"^f09999$", shell.run(f"cat {many}/f09999"), f"cat {many}/f09999")
    succeeds(shell, f"rm {many}/f05000")
    fails_with(shell, f"cat {many}/f05000", "ENOENT")
    power_off_and_fsck(shell, disk, "making 10,000 files")
    names = disk.names(many)
    check(len(names) == 9999 and "f05000" not in names,
          f"debugfs lists {len(names)} files in {many}, expected 9999 without f05000")
    check_bytes(disk, f"{many}/f04999", b"f04999\n")


@pytest.mark.points(10)
def test_full_disk_gives_enospc(system, scratch, kernel, processes):
    """Filling a small disk ends in ENOSPC, not damage: removing the file
    gives the space back, and e2fsck finds nothing to fix."""
    disk = new_image(system, scratch, processes, system.tree_kib() + 3 * 1024)
    sh = boot_disk(processes, disk)
    out = sh.run(f"t_disk write {LAB}/fill {64 * MiB}", 300)
    need(r"^t_disk: write: %s/fill: %s after [1-9]\d* bytes$"
         % (LAB, ERRORS["ENOSPC"]), out, "t_disk write on a full disk")
    succeeds(sh, f"rm {LAB}/fill")
    succeeds(sh, f"t_disk write {LAB}/again {MiB}", 60)
    power_off_and_fsck(sh, disk, "filling the disk")
    check_bytes(disk, f"{LAB}/again", pattern(MiB))


@pytest.mark.points(5)
def test_4k_blocks(system, scratch, kernel, processes):
    """A file system with 4 KiB blocks boots, and a file past its
    double-indirect start is written and read right."""
    disk = new_image(system, scratch, processes, 32 * 1024, block_size=4096)
    sh = boot_disk(processes, disk, kind="4 KiB blocks")
    size = (12 + 1024 + 3) * 4 * KiB + 1
    succeeds(sh, f"t_disk write {LAB}/p {size}", 120)
    succeeds(sh, f"t_disk verify {LAB}/p {size}", 120)
    power_off_and_fsck(sh, disk, "writing with 4 KiB blocks")
    check_bytes(disk, f"{LAB}/p", pattern(size))


# --- disks Aurora must not trust -------------------------------------------------------

def boot_refused(processes, disk, message):
    """Boot with a disk the kernel must refuse, saying message: it then
    boots from the initrd (without LAB) or stops cleanly, never panics,
    and leaves the disk as it was."""
    before = disk.path.read_bytes()
    m = aurora.Shell(f"qemu (shell, {disk.path.name})", iso=aurora.build_iso(CMDLINE),
                     extra=disk.drive())
    processes.append(m)
    stop = r"^\*\*\* kernel halted|" + re.escape(SHELL_PROMPT) + r"\Z"
    said = m.expect(f"({message})|{stop}", BOOT_TIMEOUT, allow_death=True)
    check(said.group(1) is not None, f"the kernel went on without a message "
          f"'{message}' about the disk", m.text)
    m.expect(stop, BOOT_TIMEOUT, allow_death=True)
    check(not re.search(r"kernel panic|KERNEL BUG", m.text), "the kernel failed", m.text)
    if m.at_prompt():
        fails_with(m, f"ls {LAB}", "ENOENT")
        m.check_invariants(5)
    m.kill()
    check(disk.path.read_bytes() == before, "the kernel wrote to the disk it refused")


@pytest.mark.points(5)
def test_unsupported_feature_refused(system, scratch, kernel, processes):
    """An incompat feature Aurora does not know (extent) refuses the mount,
    with a message naming it."""
    disk = new_image(system, scratch, processes, 16 * 1024, options=["-O", "extent"])
    boot_refused(processes, disk, r"unsupported incompat feature extent")


@pytest.mark.points(5)
def test_bad_magic_refused(disk, processes, kernel):
    """A superblock without ext2's magic number is refused with a message."""
    with open(disk.path, "r+b") as f:
        f.seek(1024 + 56)       # the superblock's s_magic
        f.write(b"\0\0")
    boot_refused(processes, disk, r"(?i:magic)")


@pytest.mark.points(5)
def test_unknown_ro_compat_mounts_read_only(disk, kernel, processes, scratch):
    """An ro_compat feature Aurora does not know (huge_file) mounts
    read-only: files read, every change gives EROFS, and not a byte of the
    image changes."""
    note = scratch / "note"
    note.write_text("read me\n")
    disk.write(note, f"{LAB}/note")
    disk.debugfs("feature huge_file", writable=True)
    before = disk.path.read_bytes()
    sh = boot_disk(processes, disk, kind="read-only")
    need(r"(?i)read-only.*huge_file", sh.text, "the kernel's boot messages")
    need(r"^read me$", sh.run(f"cat {LAB}/note"), f"cat {LAB}/note")
    for command in (f"touch {LAB}/new", f"mkdir {LAB}/dir", f"echo x >> {LAB}/note",
                    f"rm {LAB}/note", f"ln -s note {LAB}/link"):
        fails_with(sh, command, "EROFS")
    sh.power_off()
    check(disk.path.read_bytes() == before, "the read-only file system's image changed")


@pytest.mark.points(10)
def test_corrupt_disk_gives_errors(system, scratch, kernel, processes):
    """A directory entry with rec_len 0 and a block pointer past the end of
    the disk make the calls that meet them fail (listing the directory may
    stop short); the kernel does not fault or hang, and the rest of the
    file system still works."""
    tree = stage(system, scratch)
    bad = tree / LAB.strip("/") / "bad"
    bad.mkdir(parents=True)
    for name in ("first", "second", "third"):
        (bad / name).write_text(name + "\n")
    (tree / LAB.strip("/") / "far").write_bytes(random_bytes(4 * KiB, 7))
    (tree / LAB.strip("/") / "fine").write_text("fine\n")
    disk = new_image(system, scratch, processes, 16 * 1024, tree=tree)
    zero_rec_len(disk, f"{LAB}/bad", "..")
    disk.set_inode_field(f"{LAB}/far", "block[0]", 16 * 1024 + 1000)
    sh = boot_disk(processes, disk, kind="corrupt")
    sh.run(f"ls {LAB}/bad", 30)     # may list what comes before the bad entry, as Linux does
    for command in (f"cat {LAB}/bad/third", f"cat {LAB}/far"):
        out = sh.run(f"{command}; echo status=$?", 30)
        check(not re.search(r"^status=0$", out, re.M),
              f"'{command}' on a corrupt disk succeeded; it should fail", out)
    need(r"^fine$", sh.run(f"cat {LAB}/fine"), f"cat {LAB}/fine (a file that is not corrupt)")
    sh.alive("the corrupt disk")


def zero_rec_len(disk, directory, name):
    """Set the rec_len of name's entry in directory's first block to 0."""
    size = disk.block_size()
    offset = disk.block_of(directory) * size
    with open(disk.path, "r+b") as f:
        f.seek(offset)
        block = f.read(size)
        at = 0
        while block[at + 8:at + 8 + block[at + 6]] != name.encode():
            at += int.from_bytes(block[at + 4:at + 6], "little")
            check(0 < at < size, f"no entry {name} in {directory}'s first block")
        f.seek(offset + at + 4)
        f.write(b"\0\0")
