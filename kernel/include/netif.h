/*
 * Network interfaces (shared code): the seam between the network stack and
 * Ethernet drivers (the E1000 in the kernel, a wired pair in the tests).
 *
 * An interface moves Ethernet frames: a 14-byte header (destination and
 * source address, EtherType) and at most mtu bytes of payload, untagged and
 * without the frame check sequence, which the hardware adds and strips.
 *
 * Sending: the stack calls netif_transmit, which refuses a frame that does
 * not fit (-EMSGSIZE) and otherwise hands it to the driver's transmit.
 * That returns 0 once the driver has taken the frame (copied it, or queued
 * it to the hardware), not once it is on the wire; the caller may then
 * reuse its buffer.
 *
 * Receiving: the driver calls netif_receive for each frame that arrives,
 * and it goes to the receiver the stack set with netif_set_receiver.  The
 * frame is the driver's: the receiver copies whatever it keeps before it
 * returns.  A frame that does not fit, or arrives with no receiver set,
 * is dropped.
 *
 * The counters are Linux's (ip -s link): frames and bytes handed on in
 * each direction, and the frames dropped instead.  netif_transmit alone
 * writes the tx counters and netif_receive the rx ones, so each needs its
 * callers to be serialised only among themselves: the stack's lock for
 * transmit, the driver's one receive path for receive.
 */
#ifndef AURORA_NETIF_H
#define AURORA_NETIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_ADDR_LEN 6
#define ETH_HEADER_LEN 14
#define NETIF_MIN_MTU 68	/* the least IPv4 allows (RFC 791) */

struct netif;

struct netif_ops {
	/* Take the frame for sending: 0, or -errno if it cannot (-EIO). */
	int (*transmit)(struct netif *nif, const void *frame, size_t len);
};

typedef void (*netif_receive_fn)(void *ctx, struct netif *nif,
				 const void *frame, size_t len);

struct netif_stats {
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t rx_dropped;	/* did not fit, or no receiver */
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t tx_dropped;	/* did not fit, or the driver refused it */
};

/* A driver embeds one in its own state and finds that with container_of. */
struct netif {
	const char *name;
	uint8_t mac[ETH_ADDR_LEN];
	uint32_t mtu;			/* payload bytes after the header: 1500 */
	const struct netif_ops *ops;
	netif_receive_fn receive;	/* the stack's, or NULL */
	void *receive_ctx;
	struct netif_stats stats;
};

/* Send frames that arrive on nif to receive(ctx, ...); NULL drops them. */
void netif_set_receiver(struct netif *nif, netif_receive_fn receive, void *ctx);

/* 0; -EMSGSIZE for a frame shorter than a header or longer than
   header + mtu; or the driver's error.  Only 0 counts as sent. */
int netif_transmit(struct netif *nif, const void *frame, size_t len);

/* For the driver: a frame arrived.  The receiver gets it, or it is dropped. */
void netif_receive(struct netif *nif, const void *frame, size_t len);

/*
 * Check the interface's invariants (a name and a transmit op, an MTU of at
 * least NETIF_MIN_MTU, a unicast MAC address, no direction that counts
 * fewer bytes than a header per frame).  Returns true when all hold;
 * otherwise false with a one-line reason in `why`.
 */
bool netif_check(const struct netif *nif, char *why, size_t why_len);

#endif
