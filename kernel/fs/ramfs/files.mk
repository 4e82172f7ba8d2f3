# The RAM file system: nodes and entries, directories, file data, symbolic
# links and listings.
shared := ramfs.c ramfs_dir.c ramfs_dirent.c ramfs_file.c ramfs_symlink.c
kernel-only :=
