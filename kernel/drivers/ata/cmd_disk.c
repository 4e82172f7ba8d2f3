/*
 * The monitor's `disk` command: read, write and flush blocks of the disk
 * (ata0) through the block-device interface, to see the driver work.
 *
 *   disk                       the disk's name, block size and size
 *   disk read <block>          hexdump one block
 *   disk write <block> <byte> [count]
 *                              fill blocks with a byte value (0-255), in one request
 *   disk sum <block> <count>   read blocks in one request, print their FNV-1a hash
 *                              (python3: see the function below) to compare with the image
 *   disk flush                 make the writes durable (CACHE FLUSH)
 *
 * With 512-byte blocks, block 2 is bytes 1024-1535: an ext2 superblock,
 * whose magic 0xef53 sits at its offset 56 (0x38), read "53 ef".
 */
#include <stdint.h>
#include "blockdev.h"
#include "errno.h"
#include "format.h"
#include "irq.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "parse.h"
#include "string.h"

#define DISK_NAME "ata0"

static uint8_t block[4096];

static void hexdump(const uint8_t *p, uint32_t len)
{
	char line[96];

	for (uint32_t off = 0; off < len; off += 16) {
		int n = ksnprintf(line, sizeof(line), "%04x:", off);

		for (int i = 0; i < 16; i++)
			n += ksnprintf(line + n, sizeof(line) - n, "%s%02x", i == 8 ? "  " : " ",
				       p[off + i]);
		n += ksnprintf(line + n, sizeof(line) - n, "  |");
		for (int i = 0; i < 16; i++) {
			char c = (char)p[off + i];

			line[n++] = c >= 0x20 && c < 0x7f ? c : '.';
		}
		line[n++] = '|';
		line[n] = '\0';
		kprintf("%s\n", line);
	}
}

/* FNV-1a, 64 bits: h = 0xcbf29ce484222325; for each byte h = (h ^ b) *
   0x100000001b3 mod 2^64. */
static uint64_t fnv1a(uint64_t h, const uint8_t *p, uint64_t len)
{
	for (uint64_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

#define MAX_REQUEST_BLOCKS 1024

/* `count` blocks from `first` in one request (the driver splits it into
   commands), or with the byte `fill` written over them. */
static int many(struct block_device *dev, uint64_t first, uint64_t count, int fill)
{
	uint64_t bytes = count * dev->block_size;
	uint8_t *buf;
	int err;

	if (count == 0 || count > MAX_REQUEST_BLOCKS) {
		kprintf("disk: 1 to %d blocks at a time\n", MAX_REQUEST_BLOCKS);
		return 0;
	}
	if (!(buf = kmalloc(bytes))) {
		kprintf("disk: no memory for %lu bytes\n", bytes);
		return 0;
	}
	if (fill >= 0) {
		memset(buf, fill, bytes);
		err = blockdev_write(dev, first, count, buf);
		kprintf("disk: write %lu block(s) at %lu: %s (%d)\n", count, first,
			err ? "failed" : "ok", err);
	} else {
		err = blockdev_read(dev, first, count, buf);
		if (err)
			kprintf("disk: read %lu block(s) at %lu: failed (%d)\n", count, first, err);
		else
			kprintf("disk: blocks %lu-%lu: fnv1a %#lx\n", first, first + count - 1,
				fnv1a(0xcbf29ce484222325ull, buf, bytes));
	}
	kfree(buf);
	return 0;
}

int cmd_disk(int argc, char **argv)
{
	struct block_device *dev = blockdev_find(DISK_NAME);
	uint64_t n, value, count;
	int err;

	if (!dev) {
		kprintf("disk: no %s (boot with a disk: make qemu DISK=...)\n", DISK_NAME);
		return 0;
	}
	if (dev->block_size > sizeof(block)) {
		kprintf("disk: %s's blocks of %u bytes are too large for this command\n",
			dev->name, dev->block_size);
		return 0;
	}
	if (argc == 1) {
		kprintf("%s: %lu blocks of %u bytes (%lu KiB); %lu interrupts on IRQ %d\n",
			dev->name, dev->block_count, dev->block_size,
			dev->block_count * dev->block_size / 1024,
			irq_count(VECTOR_ISA_BASE + ISA_IRQ_ATA_PRIMARY), ISA_IRQ_ATA_PRIMARY);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "flush") == 0) {
		err = blockdev_flush(dev);
		kprintf("disk: flush: %s\n", err ? "failed" : "ok");
		return 0;
	}
	if (argc < 3 || parse_u64(argv[2], &n) != 0)
		return -EINVAL;
	if (argc == 3 && strcmp(argv[1], "read") == 0) {
		if ((err = blockdev_read(dev, n, 1, block)) != 0) {
			kprintf("disk: reading block %lu failed (%d)\n", n, err);
			return 0;
		}
		kprintf("%s block %lu (bytes %lu-%lu):\n", dev->name, n, n * dev->block_size,
			(n + 1) * dev->block_size - 1);
		hexdump(block, dev->block_size);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "sum") == 0 && parse_u64(argv[3], &count) == 0)
		return many(dev, n, count, -1);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "write") == 0 &&
	    parse_u64(argv[3], &value) == 0 && value <= 0xff &&
	    (argc == 4 || parse_u64(argv[4], &count) == 0))
		return many(dev, n, argc == 5 ? count : 1, (int)value);
	return -EINVAL;
}
