# Pipes.
shared := 
core := pipe.c
kernel-only :=
