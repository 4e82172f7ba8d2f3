# The RAM file system and the cpio archive it is filled from.
shared := ramfs.c ramfs_cpio.c ramfs_dirent.c ramfs_file.c ramfs_names.c ramfs_path.c cpio.c
kernel-only := 
