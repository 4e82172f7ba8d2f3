/*
 * Network interfaces (shared code).  See netif.h for the model.
 *
 * Both directions apply the same size rule, so a frame one interface sends
 * is one its peer accepts: the checks here are what lets a driver copy a
 * frame into a buffer of ETH_HEADER_LEN + mtu bytes without looking.
 */
#include "errno.h"
#include "format.h"
#include "netif.h"

void netif_set_receiver(struct netif *nif, netif_receive_fn receive, void *ctx)
{
	nif->receive = receive;
	nif->receive_ctx = ctx;
}

/* A whole header, and at most an MTU of payload behind it. */
static bool frame_fits(const struct netif *nif, size_t len)
{
	return len >= ETH_HEADER_LEN && len - ETH_HEADER_LEN <= nif->mtu;
}

int netif_transmit(struct netif *nif, const void *frame, size_t len)
{
	int err = frame_fits(nif, len) ? nif->ops->transmit(nif, frame, len) : -EMSGSIZE;

	if (err) {
		nif->stats.tx_dropped++;
		return err;
	}
	nif->stats.tx_packets++;
	nif->stats.tx_bytes += len;
	return 0;
}

void netif_receive(struct netif *nif, const void *frame, size_t len)
{
	if (!frame_fits(nif, len) || !nif->receive) {
		nif->stats.rx_dropped++;
		return;
	}
	nif->stats.rx_packets++;
	nif->stats.rx_bytes += len;
	nif->receive(nif->receive_ctx, nif, frame, len);
}

/* Every frame counted in a direction brought at least its header. */
static bool check_direction(const char *name, const char *dir, uint64_t packets,
			    uint64_t bytes, char *why, size_t why_len)
{
	if (bytes / ETH_HEADER_LEN < packets)
		return check_failed(why, why_len, "%s: %s: %llu bytes in %llu frames",
				    name, dir, (unsigned long long)bytes,
				    (unsigned long long)packets);
	return true;
}

bool netif_check(const struct netif *nif, char *why, size_t why_len)
{
	const char *name = nif->name;

	if (!name)
		return check_failed(why, why_len, "an interface with no name");
	if (!nif->ops || !nif->ops->transmit)
		return check_failed(why, why_len, "%s: no transmit", name);
	if (nif->mtu < NETIF_MIN_MTU)
		return check_failed(why, why_len, "%s: mtu %u below %d", name,
				    (unsigned)nif->mtu, NETIF_MIN_MTU);
	/* The group bit: an interface's own address names one station. */
	if (nif->mac[0] & 1)
		return check_failed(why, why_len, "%s: multicast address", name);
	if (!check_direction(name, "rx", nif->stats.rx_packets,
			     nif->stats.rx_bytes, why, why_len) ||
	    !check_direction(name, "tx", nif->stats.tx_packets,
			     nif->stats.tx_bytes, why, why_len))
		return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
