# Synchronisation: spinlocks and sleeping locks (docs/concurrency.md).
shared := 
core := spinlock.c sleeplock.c
kernel-only :=
