# Synchronisation: spinlocks (docs/concurrency.md).
shared := 
kernel-only := spinlock.c
