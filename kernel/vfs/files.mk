# Open files, descriptor tables, the root file system and the system calls on them.
shared := 
kernel-only := file.c rootfs.c ramfs_open.c sys_fd.c sys_io.c sys_path.c
