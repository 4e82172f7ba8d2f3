# The driver model: the registry that binds the devices a bus finds to the drivers that run them.
shared := device.c
kernel-only := 
