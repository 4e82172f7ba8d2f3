#!/usr/bin/python3
"""The kernel modules an initramfs needs for the named ones to load, as
tools/mkinitrd.py entries (make bench: Debian's cloud kernel has its IDE
drivers as modules).

Usage:  linux-modules.py MODULE_DIR NAME...

MODULE_DIR is the kernel's /lib/modules/RELEASE.  Each NAME comes with
every module modules.dep says it needs, each module once, in an order they
load in: each after those it needs.  The entries number them in that
order, lib/modules/01-scsi_common.ko=MODULE_DIR/kernel/..., so that /init
loads them by sorting the names.
"""
import os
import sys


def dependencies(module_dir):
    """Module name -> (its file under module_dir, the files it needs).
    modules.dep lists every module a module needs, directly or not, those
    nearest it first: modprobe loads them from the end of the list."""
    table = {}
    with open(os.path.join(module_dir, "modules.dep")) as f:
        for line in f:
            path, _, needs = line.partition(":")
            name = os.path.basename(path).split(".ko")[0]
            table[name.replace("-", "_")] = (path, needs.split())
    return table


def load_order(module_dir, names):
    table = dependencies(module_dir)
    order = []
    for name in (n.replace("-", "_") for n in names):
        if name not in table:
            sys.exit(f"linux-modules: no module {name} in {module_dir}")
        path, needs = table[name]
        for p in [*reversed(needs), path]:
            if p not in order:
                order.append(p)
    return order


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    module_dir = argv[1]
    for i, path in enumerate(load_order(module_dir, argv[2:]), start=1):
        print(f"lib/modules/{i:02d}-{os.path.basename(path)}={os.path.join(module_dir, path)}")


if __name__ == "__main__":
    main(sys.argv)
