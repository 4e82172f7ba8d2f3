# Block devices: the interface between file systems and disk drivers, and the table of disks.
shared := blockdev.c
kernel-only := 
