/*
 * Two network interfaces wired back to back, for the tests of what sits
 * above netif.h: a frame one transmits arrives at the other.
 *
 * As with a real NIC, arrival is not immediate: the frame waits in the
 * receiving interface's queue until fake_netif_deliver, the test's stand-in
 * for the receive interrupt, hands it to netif_receive.  So a receiver
 * that answers a frame at once never runs inside its own transmit, and a
 * test decides when each side hears the other.
 *
 * Loss: lose_at is a countdown (fake_fault.h): lose_at = 2 loses the second
 * frame this interface transmits from now.  A frame that finds the peer's
 * queue full is lost too.  Either way transmit returns 0, because a sender
 * never learns what the wire lost; `lost` counts them.
 */
#ifndef AURORA_TESTS_FAKE_NETIF_H
#define AURORA_TESTS_FAKE_NETIF_H

#include "netif.h"

#define FAKE_NETIF_MTU 1500
#define FAKE_NETIF_QUEUE 8		/* frames in flight towards one interface */

struct fake_frame {
	size_t len;
	uint8_t data[ETH_HEADER_LEN + FAKE_NETIF_MTU];
};

struct fake_netif {
	struct netif netif;
	struct fake_netif *peer;
	struct fake_frame queue[FAKE_NETIF_QUEUE];	/* sent to us, not yet delivered */
	unsigned oldest;		/* index of the oldest frame waiting */
	unsigned waiting;
	unsigned lose_at;
	unsigned lost;
};

/* "fake0" (MAC 02:00:00:00:00:01) and "fake1" (:02), MTU FAKE_NETIF_MTU,
   no receiver, wired to each other. */
void fake_netif_pair(struct fake_netif *a, struct fake_netif *b);

/* Hand every frame waiting at nif to netif_receive, oldest first;
   returns how many. */
unsigned fake_netif_deliver(struct fake_netif *nif);

#endif
