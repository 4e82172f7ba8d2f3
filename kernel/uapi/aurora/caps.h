/*
 * The capability bits, and their names as programs and kernel logs spell
 * them.  The name functions are shared code (kernel/proc/caps.c), in the
 * kernel and in the C library alike; the policy is kernel-internal
 * (kernel/include/caps.h).
 */
#ifndef AURORA_UAPI_CAPS_H
#define AURORA_UAPI_CAPS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Capabilities: what a process may do beyond computing and using the file
 * descriptors it already holds.  A process starts with its parent's set;
 * bits can be dropped, never regained.
 */
#define CAP_FS_READ	(1u << 0)	/* "fs-read": open for reading, stat, list, chdir, exec */
#define CAP_FS_WRITE	(1u << 1)	/* "fs-write": create, write, truncate, mkdir, rmdir, unlink */
#define CAP_PROC	(1u << 2)	/* "proc": fork, vfork, kill */
#define CAP_NET		(1u << 3)	/* "net": sockets (lab 7) */
#define CAP_SYSTEM	(1u << 4)	/* "system": reboot and power off */
#define CAP_ALL		0x1fu

/* Parse a comma-separated list of names ("fs-read,proc") into *caps.  ""
   and "-" are the empty set.  0, or -EINVAL (unknown or empty name) with
   *caps unchanged. */
int cap_parse(const char *list, uint32_t *caps);

/* Write caps as cap_parse reads them: "fs-read,fs-write,proc", or "-" for
   none; bits without a name are left out.  Like snprintf: NUL-terminates
   when len > 0 and returns the length the whole text has. */
size_t cap_format(uint32_t caps, char *buf, size_t len);

/* "fs-read" for CAP_FS_READ, ...; NULL unless one_bit is one known bit. */
const char *cap_name(uint32_t one_bit);

#endif
