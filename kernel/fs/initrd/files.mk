# The initial ramdisk: the cpio archive reader, and unpacking it into a file system.
shared := cpio.c unpack.c
kernel-only :=
