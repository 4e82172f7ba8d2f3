# Synchronisation: spinlocks and sleeping locks (docs/concurrency.md).
shared := 
kernel-only := spinlock.c sleeplock.c
