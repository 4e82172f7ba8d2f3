#!/usr/bin/python3
"""Write Aurora's initial ramdisk: a cpio archive in the "newc" format.

Usage:  mkinitrd.py OUTPUT ENTRY...

Each ENTRY is one of
    PATH=FILE   the file FILE, stored as PATH
    PATH=DIR    the directory DIR and everything under it, stored as PATH
    PATH/       an empty directory
    PATH=char:MAJOR:MINOR   a character device (Linux's initramfs needs
                dev/console=char:5:1 to give /init a console)
Paths are relative to the archive's root ("bin/sh", no leading '/'), as
Linux's gen_init_cpio writes them.  Directories that a path needs but no
entry names are added, and every directory comes before what it holds.

The archive depends only on the files' contents and the entries: mtime 0,
uid and gid 0, inode numbers 1, 2, 3... in archive order.  Directories are
stored as 040755; a file as 0100755 if FILE is executable (a program) and
0100644 otherwise; a device as 020600.

The format (see Linux's Documentation/driver-api/early-userspace/
buffer-format.rst): per member a 110-byte header, "070701" then 13 fields
of 8 hex digits (ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
devminor, rdevmajor, rdevminor, namesize including the NUL, check), then
the NUL-terminated name, padded with NULs so that header and name take a
multiple of 4 bytes, then the data, padded to a multiple of 4.  A member
named "TRAILER!!!" ends the archive.
"""
import os
import re
import sys

DIR_MODE = 0o040755
PROGRAM_MODE = 0o100755
FILE_MODE = 0o100644
CHAR_DEVICE_MODE = 0o020600


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


def member(ino, mode, nlink, name, data=b"", rdev=(0, 0)):
    name = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, *rdev, len(name), 0)
    header = b"070701" + b"".join(b"%08x" % f for f in fields)
    return pad4(header + name) + pad4(data)


def collect(entries):
    """Map archive path -> source file, None for a directory, or
    (major, minor) for a character device."""
    members = {}

    def add_dir(path):
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            members.setdefault("/".join(parts[:i]), None)

    for entry in entries:
        if entry.endswith("/") and "=" not in entry:
            add_dir(entry.strip("/"))
            continue
        path, sep, source = entry.partition("=")
        path = path.strip("/")
        if not sep or not path:
            sys.exit(f"mkinitrd: bad entry {entry!r}: want PATH=SOURCE or PATH/")
        device = re.fullmatch(r"char:(\d+):(\d+)", source)
        if device:
            if "/" in path:
                add_dir(path.rsplit("/", 1)[0])
            members[path] = (int(device[1]), int(device[2]))
            continue
        if os.path.isdir(source):
            add_dir(path)
            for root, dirs, files in os.walk(source):
                dirs.sort()
                rel = os.path.relpath(root, source)
                inside = path if rel == "." else f"{path}/{rel}"
                add_dir(inside)
                for f in files:
                    members[f"{inside}/{f}"] = os.path.join(root, f)
        elif os.path.isfile(source):
            if "/" in path:
                add_dir(path.rsplit("/", 1)[0])
            members[path] = source
        else:
            sys.exit(f"mkinitrd: {source}: no such file or directory")
    return members


def archive(members):
    out = []
    # Sorting by path puts each directory before what it holds.
    for ino, path in enumerate(sorted(members), start=1):
        source = members[path]
        if source is None:
            out.append(member(ino, DIR_MODE, 2, path))
            continue
        if isinstance(source, tuple):
            out.append(member(ino, CHAR_DEVICE_MODE, 1, path, rdev=source))
            continue
        with open(source, "rb") as f:
            data = f.read()
        mode = PROGRAM_MODE if os.stat(source).st_mode & 0o111 else FILE_MODE
        out.append(member(ino, mode, 1, path, data))
    out.append(member(0, 0, 1, "TRAILER!!!"))
    return b"".join(out)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    data = archive(collect(argv[2:]))
    with open(argv[1], "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
