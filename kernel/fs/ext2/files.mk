# ext2 on a block device, through the block cache: superblock, allocation, inodes, block maps, data, directories.
shared := layout.c super.c features.c mount.c bitmap.c inode.c bmap.c file.c dir.c readdir.c namei.c rename.c sync.c check.c
kernel-only :=
