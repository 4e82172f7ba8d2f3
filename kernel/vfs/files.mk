# The virtual file system: inodes, the mount table and path resolution
# (shared); the kernel's namespace, opening, descriptor tables and the file
# system calls (kernel only).
shared := inode.c attr.c mount.c path.c names.c rename.c abspath.c
core := root.c root_disk.c writeback.c open.c file.c sys_fd.c sys_io.c sys_path.c sys_names.c \
	sys_attr.c
kernel-only :=
