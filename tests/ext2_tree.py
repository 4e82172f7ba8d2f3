#!/usr/bin/env python3
"""Make the directory trees the ext2 test images are built from (tests/tests.mk).

    ext2_tree.py DIR           the tree of the ext2_1k and ext2_4k images
    ext2_tree.py --many DIR    a directory "many" of MANY files, which
                               e2fsck -D then indexes (dir_index)

tests/test_ext2*.c know every name and byte here: keep them in step.
Times are fixed so that mke2fs -d makes the same image every build.
"""
import os
import shutil
import sys

BIG_SIZE = 300 * 1024  # past 268 KiB: double indirect with 1 KiB blocks
LONG_TARGET = "dir/" + "x" * 76  # 80 bytes: a slow symlink, in a block
STAMP = 1700000000
MANY = 100


def big_byte(i):
    """Byte i of big.bin; test_ext2.c's big_byte() is the same formula."""
    return (i * 131 + i // 1024) % 256


def fix_times(root):
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in dirnames + filenames:
            os.utime(os.path.join(dirpath, name), (STAMP, STAMP), follow_symlinks=False)
    os.utime(root, (STAMP, STAMP))


def write_files(root, files):
    for name, data in files.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)


def main(root):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "dir", "sub"))
    write_files(root, {
        "hello.txt": b"hello, ext2\n",
        "dir/nested.txt": b"nested\n",
        "big.bin": bytes(big_byte(i) for i in range(BIG_SIZE)),
    })
    os.symlink("hello.txt", os.path.join(root, "link"))
    os.symlink(LONG_TARGET, os.path.join(root, "longlink"))
    fix_times(root)


def main_many(root):
    """many/file-with-a-longish-name-N holds N and a newline, N from 1 to MANY."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "many"))
    write_files(root, {f"many/file-with-a-longish-name-{n}": f"{n}\n".encode()
                       for n in range(1, MANY + 1)})
    fix_times(root)


if __name__ == "__main__":
    if sys.argv[1] == "--many":
        main_many(sys.argv[2])
    else:
        main(sys.argv[1])
