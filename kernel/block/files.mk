# Block devices: the interface between file systems and disk drivers, the table of disks, and
# the block cache over them (shared); /dev/bcache, the root disk cache's counts (kernel only).
shared := blockdev.c bcache_init.c bcache.c bcache_check.c bcache_stats.c
core := bcache_file.c
kernel-only :=
