#!/usr/bin/env python3
"""Make the directory tree the ext2 test images are built from (tests/tests.mk).

tests/test_ext2.c knows every name and byte here: keep the two in step.
Times are fixed so that mke2fs -d makes the same image every build.
"""
import os
import shutil
import sys

BIG_SIZE = 300 * 1024  # past 268 KiB: double indirect with 1 KiB blocks
LONG_TARGET = "dir/" + "x" * 76  # 80 bytes: a slow symlink, in a block
STAMP = 1700000000


def big_byte(i):
    """Byte i of big.bin; test_ext2.c's big_byte() is the same formula."""
    return (i * 131 + i // 1024) % 256


def main(root):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "dir", "sub"))
    files = {
        "hello.txt": b"hello, ext2\n",
        "dir/nested.txt": b"nested\n",
        "big.bin": bytes(big_byte(i) for i in range(BIG_SIZE)),
    }
    for name, data in files.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    os.symlink("hello.txt", os.path.join(root, "link"))
    os.symlink(LONG_TARGET, os.path.join(root, "longlink"))
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in dirnames + filenames:
            os.utime(os.path.join(dirpath, name), (STAMP, STAMP), follow_symlinks=False)
    os.utime(root, (STAMP, STAMP))


if __name__ == "__main__":
    main(sys.argv[1])
