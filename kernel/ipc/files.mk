# Pipes.
shared := 
kernel-only := pipe.c
