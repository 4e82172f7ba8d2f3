#!/usr/bin/python3
"""Write Aurora's disk image: an ext2 file system holding the initrd's tree
(the same entries tools/mkinitrd.py takes) and a student's home.

Usage:  mkdisk.py [options] OUTPUT ENTRY...

ENTRY is as for mkinitrd.py (PATH=FILE, PATH=DIR, PATH/; no devices).
Options:
    --size-mib N          the image's size (default 64)
    --mode PATH=OCTAL     a mode for a staged path (tmp=1777)
    --generate PATH=BYTES a text file of that many bytes of numbered lines

The image is reproducible: the same entries give the same bytes.  Every
file and directory belongs to root (uid 0, gid 0) and has the same times
(SOURCE_DATE_EPOCH, by default 2026-01-01 00:00:00 UTC); the UUID and the
directory hash seed are fixed, and so are mke2fs's choices (1 KiB blocks,
256-byte inodes, one inode per 4 KiB, and the features
ext_attr resize_inode dir_index filetype sparse_super large_file, which
are Debian's defaults for ext2 on a disk this small, named here so that
another mke2fs.conf cannot change them).

The image is rebuilt only when the tree it would hold changed: the tree's
digest is kept beside it (OUTPUT.tree), so remaking it after, say, a
program was rebuilt identically keeps what Aurora wrote to the disk.  When
the tree did change, the old image is kept as OUTPUT.old.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mkinitrd import collect  # noqa: E402

UUID = "a0a0a0a0-5ab5-4e2f-8d15-000000000001"
HASH_SEED = "a0a0a0a0-5ab5-4e2f-8d15-000000000002"
DEFAULT_EPOCH = 1767225600  # 2026-01-01 00:00:00 UTC
FEATURES = "none,ext_attr,resize_inode,dir_index,filetype,sparse_super,large_file"
MKE2FS = "/usr/sbin/mke2fs"
DEBUGFS = "/usr/sbin/debugfs"
# Debian's mke2fs.conf, less what does not concern ext2: the image does not
# depend on the host's.
MKE2FS_CONF = """[defaults]
	base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
	default_mntopts = acl,user_xattr
	enable_periodic_fsck = 0
	blocksize = 1024
	inode_size = 256
	inode_ratio = 4096
[fs_types]
	ext2 = {
	}
	small = {
		blocksize = 1024
		inode_ratio = 4096
	}
"""
LINE = "{:06d} Aurora's disk: a line of generated text, 64 bytes in all\n"


def generated_text(size):
    """Numbered 64-byte lines (the last one cut short), so a reader can
    tell which part of the file it got."""
    out = []
    n = 0
    total = 0
    while total < size:
        line = LINE.format(n)
        assert len(line) == 64
        out.append(line)
        total += len(line)
        n += 1
    return "".join(out).encode()[:size]


def stage(members, modes, generated, root):
    """Write the tree into the directory root; return its digest."""
    digest = hashlib.sha256()
    paths = dict(members)
    for path in generated:
        parts = path.split("/")
        for i in range(1, len(parts)):
            paths.setdefault("/".join(parts[:i]), None)
        paths[path] = ("generated", generated[path])
    for path in sorted(paths):
        source = paths[path]
        target = os.path.join(root, path)
        if source is None:
            os.makedirs(target, exist_ok=True)
            mode = 0o755
            data = None
        elif isinstance(source, tuple) and source[0] == "generated":
            data = generated_text(source[1])
            mode = 0o644
        elif isinstance(source, tuple):
            sys.exit(f"mkdisk: {path}: devices do not go on the disk")
        else:
            with open(source, "rb") as f:
                data = f.read()
            mode = 0o755 if os.stat(source).st_mode & 0o111 else 0o644
        mode = modes.get(path, mode)
        if data is not None:
            with open(target, "wb") as f:
                f.write(data)
        os.chmod(target, mode)
        digest.update(f"{path}\0{mode:o}\0".encode())
        digest.update(b"dir" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest(), sorted(paths)


def make_image(root, paths, output, size_mib, epoch):
    config = os.path.join(os.path.dirname(root), "mke2fs.conf")
    with open(config, "w") as f:
        f.write(MKE2FS_CONF)
    env = dict(os.environ, E2FSPROGS_FAKE_TIME=str(epoch), MKE2FS_CONFIG=config)
    if os.path.exists(output):
        os.unlink(output)
    subprocess.run([MKE2FS, "-F", "-q", "-t", "ext2", "-b", "1024", "-I", "256",
                    "-i", "4096", "-m", "5", "-O", FEATURES, "-U", UUID, "-L", "aurora",
                    "-E", f"root_owner=0:0,hash_seed={HASH_SEED},no_copy_xattrs",
                    "-d", root, output, f"{size_mib}M"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    # mke2fs -d copies owners and times from the staging tree: make every
    # inode root's, with the one fixed time.
    script = []
    for path in ["/"] + ["/" + p for p in paths] + ["/lost+found"]:
        for field, value in (("uid", "0"), ("gid", "0"), ("atime", f"@{epoch}"),
                             ("mtime", f"@{epoch}"), ("ctime", f"@{epoch}"),
                             ("crtime", f"@{epoch}")):
            script.append(f'sif "{path}" {field} {value}')
    with tempfile.NamedTemporaryFile("w", suffix=".debugfs") as f:
        f.write("\n".join(script) + "\n")
        f.flush()
        result = subprocess.run([DEBUGFS, "-w", "-f", f.name, output], env=env,
                                capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines()
              if line and not line.startswith("debugfs 1.")]
    if result.returncode != 0 or errors:
        sys.exit("mkdisk: debugfs: " + "; ".join(errors[:5]))


def main(argv):
    args = argv[1:]
    size_mib = 64
    modes = {}
    generated = {}
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if not args:
            sys.exit(f"mkdisk: {option} needs a value")
        value = args.pop(0)
        if option == "--size-mib":
            size_mib = int(value)
        elif option == "--mode":
            path, _, mode = value.partition("=")
            modes[path.strip("/")] = int(mode, 8)
        elif option == "--generate":
            path, _, size = value.partition("=")
            generated[path.strip("/")] = int(size)
        else:
            sys.exit(f"mkdisk: unknown option {option}")
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    output, entries = args[0], args[1:]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    with tempfile.TemporaryDirectory(prefix="aurora-disk-") as work:
        root = os.path.join(work, "tree")
        os.mkdir(root)
        tree, paths = stage(collect(entries), modes, generated, root)
        key = f"{tree} {size_mib} {epoch} {UUID}\n"
        stamp = output + ".tree"
        if os.path.exists(output) and os.path.exists(stamp):
            with open(stamp) as f:
                if f.read() == key:
                    os.utime(output)  # up to date for make; contents kept
                    print(f"  DISK    {output}: its tree is unchanged, "
                          "keeping it (make disk-clean starts afresh)")
                    return
            shutil.move(output, output + ".old")
            print(f"  DISK    {output}: its tree changed; the old image is "
                  f"{output}.old")
        if os.path.exists(stamp):
            os.unlink(stamp)
        make_image(root, paths, output + ".tmp", size_mib, epoch)
        os.replace(output + ".tmp", output)
        with open(stamp, "w") as f:
            f.write(key)


if __name__ == "__main__":
    main(sys.argv)
