/*
 * The ATA (IDE) disk on the primary channel of a PC's legacy IDE
 * controller (the PIIX of QEMU's `pc` machine, Bochs's, old PCs'): PIO
 * transfers, LBA28 addressing and LBA48 where the drive has it, behind the
 * block-device interface (blockdev.h) as "ata0", 512-byte blocks.
 *
 * The registers (ATA/ATAPI-6, "ATA Attachment"; the OSDev wiki's "ATA
 * PIO Mode" page is a good summary): eight command-block ports at 0x1f0,
 * and the device control / alternate status port at 0x3f6.  A command is
 * written as the drive select, the sector count, the LBA and last the
 * command byte; then, for each sector of a PIO transfer, the drive sets
 * DRQ and raises IRQ 14 when the 256 data words may move.  Reading STATUS
 * acknowledges the interrupt; reading ALT_STATUS does not.
 *
 * Two ways to wait for the drive, and which runs when:
 *   - polled: ata_init at boot (IDENTIFY, before the scheduler hands the
 *     CPU to any thread, with interrupts off), and any request made on
 *     the boot context (thread_can_block() is false, e.g. a mount from
 *     kmain).  The drive's interrupt is masked (nIEN) and we spin on
 *     ALT_STATUS against a deadline of the TSC clock.
 *   - interrupt-driven: every request from a thread.  The thread sleeps on
 *     the channel's wait queue with a deadline
 *     (wait_sleep_uninterruptible_until); the interrupt handler records
 *     the status, sets `done` and wakes it.
 * Every wait is bounded: a drive that never clears BSY, never sets DRQ or
 * never interrupts, or that sets ERR or DF, makes the request fail with
 * -EIO and one line on the console, and the channel is reset for the next.
 *
 * Locking (docs/concurrency.md): the channel's sleeping lock `busy` lets
 * one request at a time use the channel, for the whole of its transfer;
 * its spinlock `lock` protects `expecting`, `done` and `status`, which
 * the interrupt handler writes, and is held while a command is issued and
 * its data moves, released only while the thread sleeps.
 */
#include <stdbool.h>
#include <stdint.h>
#include "blockdev.h"
#include "cpu.h"
#include "drivers.h"
#include "errno.h"
#include "hal.h"
#include "irq.h"
#include "kprintf.h"
#include "sleeplock.h"
#include "spinlock.h"
#include "string.h"
#include "thread.h"

#define ATA_PRIMARY_BASE	0x1f0
#define ATA_PRIMARY_CTRL	0x3f6

/* Command-block registers, offsets from the base. */
enum {
	REG_DATA = 0, REG_ERROR = 1, REG_FEATURES = 1, REG_SECTOR_COUNT = 2,
	REG_LBA_LOW = 3, REG_LBA_MID = 4, REG_LBA_HIGH = 5, REG_DRIVE = 6,
	REG_STATUS = 7, REG_COMMAND = 7,
};

#define STATUS_ERR	0x01
#define STATUS_DRQ	0x08
#define STATUS_DF	0x20	/* device fault */
#define STATUS_DRDY	0x40
#define STATUS_BSY	0x80

#define CTRL_NIEN	0x02	/* the drive raises no interrupt */
#define CTRL_SRST	0x04	/* software reset of both drives */

#define DRIVE_MASTER_LBA 0xe0	/* bits 7 and 5 set (obsolete, 1), bit 6 LBA */

#define CMD_READ_SECTORS	0x20
#define CMD_READ_SECTORS_EXT	0x24
#define CMD_WRITE_SECTORS	0x30
#define CMD_WRITE_SECTORS_EXT	0x34
#define CMD_CACHE_FLUSH		0xe7
#define CMD_IDENTIFY		0xec

#define SECTOR_SIZE	512
#define SECTOR_WORDS	(SECTOR_SIZE / 2)
#define MAX_SECTORS	256	/* per command: a count of 0 means 256 (LBA28) */
#define LBA28_LIMIT	(1ull << 28)

/* How long a drive may take: a real disk spinning up needs seconds (the
   standard allows 30), QEMU's answers at once. */
#define COMMAND_TIMEOUT_NS	(5ull * 1000000000)
#define IDENTIFY_TIMEOUT_NS	(2ull * 1000000000)
#define RESET_TIMEOUT_NS	(2ull * 1000000000)

struct ata_channel {
	const char *name;
	uint16_t base, ctrl;
	struct sleeplock busy;		/* one request at a time */
	struct spinlock lock;		/* expecting, done, status */
	struct wait_queue done_wait;	/* the requesting thread, until `done` */
	bool expecting;			/* a command waits for its interrupt */
	bool done;			/* ... and it came */
	uint8_t status;			/* STATUS as the handler read it */
	uint64_t unexpected;		/* interrupts no command waited for */
};

struct ata_disk {
	struct block_device dev;
	struct ata_channel *channel;
	bool lba48;
	char model[41];
};

static struct ata_channel primary = {
	.name = "primary",
	.base = ATA_PRIMARY_BASE,
	.ctrl = ATA_PRIMARY_CTRL,
	.lock = SPINLOCK_INIT("ata primary channel"),
};

static struct ata_disk disk0;

static uint8_t status_now(struct ata_channel *ch)
{
	return inb(ch->ctrl);	/* ALT_STATUS: does not acknowledge */
}

/* The 400 ns a drive needs to put its status on the bus after a select or
   a command: four reads of ALT_STATUS, 100 ns or more each. */
static void settle(struct ata_channel *ch)
{
	for (int i = 0; i < 4; i++)
		status_now(ch);
}

/*
 * Spin until (status & mask) == want, or ERR/DF (unless `mask` asks only
 * for BSY to clear) or the deadline.  Returns the last status, with
 * *timed_out set on a timeout.  May run with a spinlock held and
 * interrupts off: the clock is the TSC's, which runs regardless.
 */
static uint8_t poll_status(struct ata_channel *ch, uint8_t mask, uint8_t want,
			   uint64_t timeout_ns, bool *timed_out)
{
	uint64_t deadline = hal.clock_ns() + timeout_ns;
	uint8_t s;

	*timed_out = false;
	for (;;) {
		s = status_now(ch);
		if (!(s & STATUS_BSY)) {
			if ((s & mask) == want)
				return s;
			if (s & (STATUS_ERR | STATUS_DF))
				return s;
		}
		if (hal.clock_ns() >= deadline) {
			*timed_out = true;
			return s;
		}
		pause();
	}
}

/* After an error or a timeout: reset both drives on the channel (SRST),
   so that the next command finds them ready.  Bounded. */
static void channel_reset(struct ata_channel *ch)
{
	bool timed_out;

	outb(ch->ctrl, CTRL_SRST | CTRL_NIEN);
	for (int i = 0; i < 20; i++)		/* at least 5 us */
		settle(ch);
	outb(ch->ctrl, CTRL_NIEN);
	poll_status(ch, STATUS_BSY, 0, RESET_TIMEOUT_NS, &timed_out);
	if (timed_out)
		kprintf("ata: the %s channel stays busy after a reset\n", ch->name);
}

/* IRQ 14: the drive finished a sector or a command. */
static void ata_primary_interrupt(void)
{
	struct ata_channel *ch = &primary;

	spin_lock(&ch->lock);
	uint8_t s = inb(ch->base + REG_STATUS);		/* acknowledges it */

	if (ch->expecting) {
		ch->status = s;
		ch->done = true;
		wait_wake_all(&ch->done_wait);
	} else {
		ch->unexpected++;
	}
	spin_unlock(&ch->lock);
}

/*
 * Wait for the drive to finish its current step (a sector ready to move,
 * or the command done) and return its status, or -1 on a timeout.  The
 * channel's spinlock is held; an interrupt-driven wait releases it while
 * the thread sleeps.
 */
static int wait_step(struct ata_channel *ch, bool use_irq)
{
	if (use_irq) {
		uint64_t deadline = hal.clock_ns() + COMMAND_TIMEOUT_NS;

		while (!ch->done && hal.clock_ns() < deadline)
			wait_sleep_uninterruptible_until(&ch->done_wait, &ch->lock, deadline);
		if (!ch->done)
			return -1;
		ch->done = false;	/* before the data moves: the next sector's
					   interrupt may come right after */
		return ch->status;
	}
	bool timed_out;

	poll_status(ch, STATUS_BSY, 0, COMMAND_TIMEOUT_NS, &timed_out);
	if (timed_out)
		return -1;
	return inb(ch->base + REG_STATUS);
}

static const char *op_name(uint8_t command)
{
	switch (command) {
	case CMD_READ_SECTORS: case CMD_READ_SECTORS_EXT: return "read";
	case CMD_WRITE_SECTORS: case CMD_WRITE_SECTORS_EXT: return "write";
	default: return "flush";
	}
}

/* Select the drive and program the address; LBA48 writes each register
   twice, high-order byte first. */
static void program(struct ata_disk *d, uint64_t lba, unsigned count, bool ext)
{
	uint16_t base = d->channel->base;

	if (ext) {
		outb(base + REG_DRIVE, 0x40);	/* LBA, master */
		outb(base + REG_SECTOR_COUNT, (uint8_t)(count >> 8));
		outb(base + REG_LBA_LOW, (uint8_t)(lba >> 24));
		outb(base + REG_LBA_MID, (uint8_t)(lba >> 32));
		outb(base + REG_LBA_HIGH, (uint8_t)(lba >> 40));
	} else {
		outb(base + REG_DRIVE, DRIVE_MASTER_LBA | (uint8_t)(lba >> 24 & 0x0f));
	}
	outb(base + REG_SECTOR_COUNT, (uint8_t)count);	/* 256 is written as 0 */
	outb(base + REG_LBA_LOW, (uint8_t)lba);
	outb(base + REG_LBA_MID, (uint8_t)(lba >> 8));
	outb(base + REG_LBA_HIGH, (uint8_t)(lba >> 16));
}

/*
 * One command: `count` sectors (1..MAX_SECTORS) from `lba` read into or
 * written from buf, or a cache flush (count 0).  The caller holds the
 * channel's sleeping lock.  0 or -EIO.
 */
static int command(struct ata_disk *d, uint8_t cmd, uint64_t lba, unsigned count, void *buf)
{
	struct ata_channel *ch = d->channel;
	bool use_irq = thread_can_block() && hal.interrupts_enabled();
	bool writing = cmd == CMD_WRITE_SECTORS || cmd == CMD_WRITE_SECTORS_EXT;
	bool ext = cmd == CMD_READ_SECTORS_EXT || cmd == CMD_WRITE_SECTORS_EXT;
	uint16_t *words = buf;
	const char *why = NULL;
	unsigned sector = 0;
	bool timed_out;
	int s;

	spin_lock(&ch->lock);
	outb(ch->ctrl, use_irq ? 0 : CTRL_NIEN);
	outb(ch->base + REG_DRIVE, ext ? 0x40 : DRIVE_MASTER_LBA);
	settle(ch);
	s = poll_status(ch, STATUS_BSY, 0, COMMAND_TIMEOUT_NS, &timed_out);
	if (timed_out) {
		why = "the drive stays busy";
		goto fail;
	}
	if (count)
		program(d, lba, count, ext);
	ch->done = false;
	ch->expecting = use_irq;
	outb(ch->base + REG_COMMAND, cmd);
	settle(ch);

	if (writing) {
		/* The first sector goes when DRQ is set; no interrupt says so. */
		s = poll_status(ch, STATUS_DRQ, STATUS_DRQ, COMMAND_TIMEOUT_NS, &timed_out);
		if (timed_out || !(s & STATUS_DRQ)) {
			why = timed_out ? "no DRQ" : "error";
			goto fail;
		}
		for (sector = 0; sector < count; sector++) {
			outsw(ch->base + REG_DATA, words + sector * SECTOR_WORDS, SECTOR_WORDS);
			/* An interrupt after each sector: DRQ for the next, or
			   the end of the command. */
			if ((s = wait_step(ch, use_irq)) < 0) {
				why = "no interrupt";
				goto fail;
			}
			if (s & (STATUS_ERR | STATUS_DF))
				goto fail;
			bool more = sector + 1 < count;
			if (more != !!(s & STATUS_DRQ)) {
				why = more ? "no DRQ" : "DRQ after the last sector";
				goto fail;
			}
		}
	} else if (count) {
		for (sector = 0; sector < count; sector++) {
			if ((s = wait_step(ch, use_irq)) < 0) {
				why = "no interrupt";
				goto fail;
			}
			if (s & (STATUS_ERR | STATUS_DF))
				goto fail;
			if (!(s & STATUS_DRQ)) {
				why = "no DRQ";
				goto fail;
			}
			insw(ch->base + REG_DATA, words + sector * SECTOR_WORDS, SECTOR_WORDS);
		}
		/* After the last sector's data BSY may be set briefly. */
		s = poll_status(ch, STATUS_BSY, 0, COMMAND_TIMEOUT_NS, &timed_out);
		if (timed_out || (s & (STATUS_ERR | STATUS_DF))) {
			why = timed_out ? "the drive stays busy" : NULL;
			goto fail;
		}
	} else {			/* cache flush: one interrupt at the end */
		if ((s = wait_step(ch, use_irq)) < 0) {
			why = "no interrupt";
			goto fail;
		}
		if (s & (STATUS_ERR | STATUS_DF))
			goto fail;
	}
	ch->expecting = false;
	spin_unlock(&ch->lock);
	return 0;

fail:
	ch->expecting = false;
	{
		uint8_t error = inb(ch->base + REG_ERROR);

		if (s < 0)		/* a timeout: the status as it is now */
			s = status_now(ch);
		if (!why)
			why = (s & STATUS_DF) ? "device fault" : "error";
		kprintf("ata: %s: %s of %u sector(s) at %lu failed at sector %u: %s "
			"(status %#x, error %#x)\n", d->dev.name, op_name(cmd), count,
			lba, sector, why, (unsigned)s, error);
	}
	channel_reset(ch);
	spin_unlock(&ch->lock);
	return -EIO;
}

static struct ata_disk *disk_of(struct block_device *dev)
{
	return container_of(dev, struct ata_disk, dev);
}

/* Split a transfer into commands of at most MAX_SECTORS; LBA48 only when
   the sectors lie beyond LBA28's reach. */
static int transfer(struct block_device *dev, uint64_t first, uint64_t count, void *buf,
		    bool writing)
{
	struct ata_disk *d = disk_of(dev);
	int err = 0;

	sleeplock_acquire(&d->channel->busy);
	while (count && !err) {
		unsigned n = count < MAX_SECTORS ? (unsigned)count : MAX_SECTORS;
		bool ext = first + n > LBA28_LIMIT;
		uint8_t cmd = writing ? (ext ? CMD_WRITE_SECTORS_EXT : CMD_WRITE_SECTORS)
				      : (ext ? CMD_READ_SECTORS_EXT : CMD_READ_SECTORS);

		if (ext && !d->lba48) {	/* blockdev checked the range: cannot be */
			err = -EIO;
			break;
		}
		err = command(d, cmd, first, n, buf);
		first += n;
		count -= n;
		buf = (char *)buf + (uint64_t)n * SECTOR_SIZE;
	}
	sleeplock_release(&d->channel->busy);
	return err;
}

static int ata_read(struct block_device *dev, uint64_t first, uint64_t count, void *buf)
{
	return transfer(dev, first, count, buf, false);
}

static int ata_write(struct block_device *dev, uint64_t first, uint64_t count,
		     const void *buf)
{
	return transfer(dev, first, count, (void *)buf, true);
}

static int ata_flush(struct block_device *dev)
{
	struct ata_disk *d = disk_of(dev);

	sleeplock_acquire(&d->channel->busy);
	/* FLUSH CACHE empties the whole cache on LBA48 drives too; its EXT
	   form only reports a failing sector's number in 48 bits. */
	int err = command(d, CMD_CACHE_FLUSH, 0, 0, NULL);
	sleeplock_release(&d->channel->busy);
	return err;
}

static const struct block_device_ops ata_ops = {
	.read = ata_read, .write = ata_write, .flush = ata_flush,
};

/* IDENTIFY's strings hold two characters per word, the first in the high
   byte, padded with spaces. */
static void identify_string(const uint16_t *id, int first_word, int words, char *out)
{
	int n = 0;

	for (int w = 0; w < words; w++) {
		out[n++] = (char)(id[first_word + w] >> 8);
		out[n++] = (char)(id[first_word + w] & 0xff);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
}

/*
 * IDENTIFY DEVICE on the primary master, polled (boot: interrupts off).
 * Fills id[256] and returns 0, or a negative errno with *why saying what
 * answered instead of an ATA disk.
 */
static int identify(struct ata_channel *ch, uint16_t *id, const char **why)
{
	bool timed_out;
	uint8_t s;

	outb(ch->ctrl, CTRL_NIEN);
	outb(ch->base + REG_DRIVE, 0xa0);	/* master, CHS: IDENTIFY needs no LBA */
	settle(ch);
	s = status_now(ch);
	/* 0xff: nothing drives the bus (no controller, or no drive pulls it
	   down); 0: QEMU's and most controllers' answer for no drive. */
	if (s == 0xff || s == 0x00) {
		*why = "no disk on the primary channel";
		return -ENODEV;
	}
	s = poll_status(ch, STATUS_BSY, 0, IDENTIFY_TIMEOUT_NS, &timed_out);
	if (timed_out) {
		*why = "the primary master stays busy: no disk";
		return -ENODEV;
	}
	outb(ch->base + REG_SECTOR_COUNT, 0);
	outb(ch->base + REG_LBA_LOW, 0);
	outb(ch->base + REG_LBA_MID, 0);
	outb(ch->base + REG_LBA_HIGH, 0);
	outb(ch->base + REG_COMMAND, CMD_IDENTIFY);
	settle(ch);
	if (status_now(ch) == 0) {
		*why = "no disk on the primary channel";
		return -ENODEV;
	}
	s = poll_status(ch, STATUS_BSY, 0, IDENTIFY_TIMEOUT_NS, &timed_out);
	/* An ATAPI (CD-ROM) or SATA device aborts IDENTIFY DEVICE and leaves
	   its signature in LBA mid and high (0x14 0xeb: ATAPI). */
	uint8_t mid = inb(ch->base + REG_LBA_MID), high = inb(ch->base + REG_LBA_HIGH);
	if (mid || high) {
		*why = mid == 0x14 && high == 0xeb ? "the primary master is an ATAPI device "
			"(a CD-ROM), not a disk" : "the primary master is not an ATA disk";
		inb(ch->base + REG_STATUS);
		return -ENODEV;
	}
	if (!timed_out)
		s = poll_status(ch, STATUS_DRQ, STATUS_DRQ, IDENTIFY_TIMEOUT_NS, &timed_out);
	if (timed_out || (s & (STATUS_ERR | STATUS_DF)) || !(s & STATUS_DRQ)) {
		*why = timed_out ? "the primary master does not answer IDENTIFY"
				 : "the primary master fails IDENTIFY";
		inb(ch->base + REG_STATUS);
		return -EIO;
	}
	insw(ch->base + REG_DATA, id, SECTOR_WORDS);
	inb(ch->base + REG_STATUS);
	return 0;
}

#define ID_CAPABILITIES		49	/* bit 9: LBA */
#define ID_LBA28_SECTORS	60	/* two words, low first */
#define ID_COMMAND_SETS		83	/* bit 10: LBA48 */
#define ID_LBA48_SECTORS	100	/* four words, low first */
#define ID_MODEL		27	/* 20 words */

/*
 * At boot, after the clock and before threads run (interrupts are off):
 * find the disk on the primary channel, register it as "ata0" and route
 * its interrupt.  Without one, say so in one line and carry on.
 */
void ata_init(void)
{
	struct ata_channel *ch = &primary;
	static uint16_t id[SECTOR_WORDS];
	const char *why = NULL;

	sleeplock_init(&ch->busy, "ata primary channel");
	wait_queue_init(&ch->done_wait);
	if (identify(ch, id, &why) != 0) {
		kprintf("ata: %s\n", why);
		return;
	}
	if (!(id[ID_CAPABILITIES] & (1u << 9))) {
		kprintf("ata: the primary master has no LBA: not used\n");
		return;
	}
	struct ata_disk *d = &disk0;
	uint64_t sectors = id[ID_LBA28_SECTORS] | (uint32_t)id[ID_LBA28_SECTORS + 1] << 16;

	d->lba48 = id[ID_COMMAND_SETS] & (1u << 10);
	if (d->lba48) {
		uint64_t big = 0;

		for (int w = 3; w >= 0; w--)
			big = big << 16 | id[ID_LBA48_SECTORS + w];
		if (big > sectors)
			sectors = big;
	}
	identify_string(id, ID_MODEL, 20, d->model);
	d->channel = ch;
	d->dev.name = "ata0";
	d->dev.block_size = SECTOR_SIZE;
	d->dev.block_count = sectors;
	d->dev.ops = &ata_ops;
	int err = blockdev_register(&d->dev);
	if (err) {
		kprintf("ata: cannot register ata0 (error %d)\n", err);
		return;
	}
	irq_enable_isa(ISA_IRQ_ATA_PRIMARY, ata_primary_interrupt);
	outb(ch->ctrl, 0);	/* interrupts on; polled commands mask them again */
	kprintf("ata0: %s, %lu sectors (%lu MiB), %s, IRQ %d\n", d->model[0] ? d->model : "?",
		sectors, sectors >> 11, d->lba48 ? "LBA48" : "LBA28", ISA_IRQ_ATA_PRIMARY);
}
