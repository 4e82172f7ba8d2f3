/*
 * Writing back what the file systems hold dirty.  The block cache keeps
 * writes in memory until sync, fsync or an eviction; without more, data a
 * program wrote and never synced could wait in memory indefinitely, and be
 * lost when the machine stops (the browser kernel stops when the page is
 * closed).  So a kernel thread syncs every file system every
 * WRITEBACK_INTERVAL_NS, as Linux's flusher threads wake every 5 s: what
 * was written is on the disk within that long.
 */
#include "errno.h"
#include "kprintf.h"
#include "rootfs.h"
#include "thread.h"

#define WRITEBACK_INTERVAL_NS (5ull * 1000000000ull)

static void writeback_main(void *arg)
{
	(void)arg;
	for (;;) {
		thread_sleep(WRITEBACK_INTERVAL_NS);
		int err = rootfs_sync();
		if (err)
			kprintf("writeback: sync failed: %s\n", errno_name(-err));
	}
}

void writeback_start(void)
{
	if (thread_create("writeback", writeback_main, NULL, 0) < 0)
		kprintf("writeback: no thread: written data reaches the disk only on sync\n");
}
