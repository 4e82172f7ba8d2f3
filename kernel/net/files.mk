# Networking: the network interface, between the stack and the Ethernet drivers.
shared := netif.c
kernel-only := 
