# The RAM file system: nodes, directories, file data and listings.
shared := ramfs.c ramfs_dir.c ramfs_dirent.c ramfs_file.c
kernel-only :=
