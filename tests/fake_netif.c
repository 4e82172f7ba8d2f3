/* Two interfaces wired back to back; see fake_netif.h. */
#include "errno.h"
#include "list.h"	/* container_of */
#include "string.h"
#include "fake_fault.h"
#include "fake_netif.h"

static struct fake_netif *fake_of(struct netif *nif)
{
	return container_of(nif, struct fake_netif, netif);
}

/* Queue a frame at `to`; false if its queue is full. */
static bool enqueue(struct fake_netif *to, const void *frame, size_t len)
{
	if (to->waiting == FAKE_NETIF_QUEUE)
		return false;
	struct fake_frame *slot = &to->queue[(to->oldest + to->waiting) % FAKE_NETIF_QUEUE];
	memcpy(slot->data, frame, len);
	slot->len = len;
	to->waiting++;
	return true;
}

static int fake_transmit(struct netif *nif, const void *frame, size_t len)
{
	struct fake_netif *fake = fake_of(nif);

	/* Only a test that raised the MTU can get here with such a frame. */
	if (len > sizeof(fake->queue[0].data))
		return -EMSGSIZE;
	if (fault_due(&fake->lose_at) || !enqueue(fake->peer, frame, len))
		fake->lost++;
	return 0;
}

static const struct netif_ops fake_ops = { .transmit = fake_transmit };

static void wire_end(struct fake_netif *end, struct fake_netif *peer,
		     const char *name, uint8_t station)
{
	*end = (struct fake_netif){
		.netif = { .name = name, .mtu = FAKE_NETIF_MTU, .ops = &fake_ops,
			   /* locally administered, unicast */
			   .mac = { 0x02, 0, 0, 0, 0, station } },
		.peer = peer,
	};
}

void fake_netif_pair(struct fake_netif *a, struct fake_netif *b)
{
	wire_end(a, b, "fake0", 1);
	wire_end(b, a, "fake1", 2);
}

unsigned fake_netif_deliver(struct fake_netif *nif)
{
	unsigned delivered = 0;

	while (nif->waiting > 0) {
		struct fake_frame *frame = &nif->queue[nif->oldest];

		/* Its slot stays taken until the receiver is done reading it. */
		netif_receive(&nif->netif, frame->data, frame->len);
		nif->oldest = (nif->oldest + 1) % FAKE_NETIF_QUEUE;
		nif->waiting--;
		delivered++;
	}
	return delivered;
}
