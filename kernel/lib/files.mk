# The kernel's own small C library: strings, formatting, parsing, red-black trees, errno names, dates.
shared := string.c format.c parse.c rbtree.c errno_name.c civil_time.c
kernel-only := 
