# Booting: kmain, the multiboot2 information GRUB hands over, the command line.
shared := multiboot2.c cmdline.c
kernel-only := main.c
