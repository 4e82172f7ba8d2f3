# Disks: the ATA (IDE) disk on the primary channel, and the monitor's disk command.
shared := 
kernel-only := ata.c cmd_disk.c
