/*
 * cksum [file...]: each file's (or standard input's) POSIX checksum and
 * size in bytes, "crc size name" as GNU cksum prints them.  The checksum is
 * the CRC-32 of polynomial 0x04C11DB7, most significant bit first, over the
 * data and then the size (least significant byte first, no more bytes
 * than it needs), complemented.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define POLYNOMIAL 0x04C11DB7u

static uint32_t table[256];	/* the CRC of each byte value alone */

static void make_table(void)
{
	for (uint32_t byte = 0; byte < 256; byte++) {
		uint32_t crc = byte << 24;

		for (int bit = 0; bit < 8; bit++)
			crc = crc & 0x80000000u ? (crc << 1) ^ POLYNOMIAL : crc << 1;
		table[byte] = crc;
	}
}

static uint32_t crc_byte(uint32_t crc, uint8_t byte)
{
	return (crc << 8) ^ table[(crc >> 24) ^ byte];
}

/* Checksum what fd holds into *crc and *size; -1 on a read error. */
static int checksum(int fd, uint32_t *crc, uint64_t *size)
{
	uint8_t buf[4096];
	ssize_t n;

	*crc = 0;
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			*crc = crc_byte(*crc, buf[i]);
		*size += n;
	}
	for (uint64_t left = *size; left > 0; left >>= 8)
		*crc = crc_byte(*crc, left & 0xff);
	*crc = ~*crc;
	return n < 0 ? -1 : 0;
}

/* Print fd's line, named name unless it is NULL (standard input alone). */
static int show(int fd, const char *name)
{
	uint32_t crc;
	uint64_t size;

	if (checksum(fd, &crc, &size) < 0)
		return -1;
	if (name)
		printf("%u %llu %s\n", crc, (unsigned long long)size, name);
	else
		printf("%u %llu\n", crc, (unsigned long long)size);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	make_table();
	if (argc == 1) {
		if (show(0, NULL) == 0)
			return 0;
		perror("cksum");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		if (fd < 0 || show(fd, argv[i]) < 0) {
			fprintf(stderr, "cksum: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (fd > 0)
			close(fd);
	}
	return status;
}
