/*
 * Tests of kernel/net/netif.c, over the wired pair of fake_netif.c: frames
 * cross intact, frames that do not fit are dropped and counted on either
 * side, and the counters agree with what went through.
 */
#include "errno.h"
#include "netif.h"
#include "string.h"
#include "fake_netif.h"
#include "unit.h"

#define MAX_FRAME (ETH_HEADER_LEN + FAKE_NETIF_MTU)

/* What a receiver was handed: how many frames, and the last one. */
struct inbox {
	unsigned frames;
	struct netif *on;
	size_t len;
	uint8_t data[MAX_FRAME];
};

static void take(void *ctx, struct netif *nif, const void *frame, size_t len)
{
	struct inbox *box = ctx;

	box->frames++;
	box->on = nif;
	box->len = len;
	memcpy(box->data, frame, len);
}

/* A receiver that sends every frame straight back. */
static void echo(void *ctx, struct netif *nif, const void *frame, size_t len)
{
	(void)ctx;
	netif_transmit(nif, frame, len);
}

/* A frame of len bytes whose byte i is seed + i: its first byte names it. */
static const uint8_t *frame_of(size_t len, uint8_t seed)
{
	static uint8_t frame[MAX_FRAME + 1];

	for (size_t i = 0; i < len; i++)
		frame[i] = (uint8_t)(seed + i);
	return frame;
}

static bool check_netif(const char *file, int line, const struct netif *nif)
{
	char why[160];

	if (netif_check(nif, why, sizeof(why)))
		return true;
	unit_fail(file, line, "netif_check: %s", why);
	return false;
}

#define CHECK_NETIF(nif) check_netif(__FILE__, __LINE__, (nif))

TEST(netif_frame_crosses_the_wire_when_delivered)
{
	struct fake_netif a, b;
	struct inbox box = { 0 };

	fake_netif_pair(&a, &b);
	netif_set_receiver(&b.netif, take, &box);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(60, 7), 60), 0);
	CHECK_EQ(box.frames, 0);	/* in flight until the receive "interrupt" */
	CHECK_EQ(fake_netif_deliver(&b), 1);
	CHECK_EQ(box.frames, 1);
	CHECK(box.on == &b.netif);
	CHECK_EQ(box.len, 60);
	CHECK(memcmp(box.data, frame_of(60, 7), 60) == 0);
	CHECK_EQ(a.netif.stats.tx_packets, 1);
	CHECK_EQ(a.netif.stats.tx_bytes, 60);
	CHECK_EQ(b.netif.stats.rx_packets, 1);
	CHECK_EQ(b.netif.stats.rx_bytes, 60);
	CHECK_EQ(fake_netif_deliver(&b), 0);
	CHECK_NETIF(&a.netif);
	CHECK_NETIF(&b.netif);
}

TEST(netif_transmit_refuses_frames_that_do_not_fit)
{
	struct fake_netif a, b;

	fake_netif_pair(&a, &b);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(13, 0), 13), -EMSGSIZE);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(MAX_FRAME + 1, 0), MAX_FRAME + 1), -EMSGSIZE);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(0, 0), 0), -EMSGSIZE);
	CHECK_EQ(b.waiting, 0);
	CHECK_EQ(a.netif.stats.tx_dropped, 3);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(ETH_HEADER_LEN, 0), ETH_HEADER_LEN), 0);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(MAX_FRAME, 0), MAX_FRAME), 0);
	CHECK_EQ(a.netif.stats.tx_packets, 2);
	CHECK_EQ(a.netif.stats.tx_bytes, ETH_HEADER_LEN + MAX_FRAME);
	CHECK_EQ(b.waiting, 2);
	CHECK_NETIF(&a.netif);
}

TEST(netif_receive_drops_frames_that_do_not_fit)
{
	struct fake_netif a, b;
	struct inbox box = { 0 };

	fake_netif_pair(&a, &b);
	netif_set_receiver(&b.netif, take, &box);
	netif_receive(&b.netif, frame_of(10, 0), 10);
	netif_receive(&b.netif, frame_of(MAX_FRAME + 1, 0), MAX_FRAME + 1);
	CHECK_EQ(box.frames, 0);
	CHECK_EQ(b.netif.stats.rx_dropped, 2);
	CHECK_EQ(b.netif.stats.rx_packets, 0);
	netif_receive(&b.netif, frame_of(MAX_FRAME, 0), MAX_FRAME);
	CHECK_EQ(box.frames, 1);
	CHECK_NETIF(&b.netif);
}

TEST(netif_receive_without_a_receiver_drops)
{
	struct fake_netif a, b;
	struct inbox box = { 0 };

	fake_netif_pair(&a, &b);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(60, 0), 60), 0);
	CHECK_EQ(fake_netif_deliver(&b), 1);
	CHECK_EQ(b.netif.stats.rx_dropped, 1);
	CHECK_EQ(b.netif.stats.rx_packets, 0);

	netif_set_receiver(&b.netif, take, &box);
	netif_set_receiver(&b.netif, NULL, NULL);	/* the stack lets go */
	CHECK_EQ(netif_transmit(&a.netif, frame_of(60, 0), 60), 0);
	CHECK_EQ(fake_netif_deliver(&b), 1);
	CHECK_EQ(box.frames, 0);
	CHECK_EQ(b.netif.stats.rx_dropped, 2);
}

static int refuse(struct netif *nif, const void *frame, size_t len)
{
	(void)nif, (void)frame, (void)len;
	return -EIO;
}

TEST(netif_driver_error_comes_back_and_counts_as_dropped)
{
	static const struct netif_ops broken = { .transmit = refuse };
	struct netif nif = { .name = "broken0", .mtu = 1500, .ops = &broken };

	CHECK_EQ(netif_transmit(&nif, frame_of(60, 0), 60), -EIO);
	CHECK_EQ(nif.stats.tx_dropped, 1);
	CHECK_EQ(nif.stats.tx_packets, 0);
	CHECK_EQ(nif.stats.tx_bytes, 0);
	CHECK_NETIF(&nif);
}

TEST(netif_fake_refuses_frames_larger_than_its_buffers)
{
	struct fake_netif a, b;

	fake_netif_pair(&a, &b);
	a.netif.mtu = 9000;	/* jumbo frames the fake's hardware cannot carry */
	CHECK_EQ(netif_transmit(&a.netif, frame_of(MAX_FRAME + 1, 0), MAX_FRAME + 1), -EMSGSIZE);
	CHECK_EQ(a.netif.stats.tx_dropped, 1);
	CHECK_EQ(b.waiting, 0);
}

TEST(netif_injected_loss_takes_only_that_frame)
{
	struct fake_netif a, b;
	struct inbox box = { 0 };

	fake_netif_pair(&a, &b);
	netif_set_receiver(&b.netif, take, &box);
	a.lose_at = 2;
	for (uint8_t seed = 1; seed <= 3; seed++)
		CHECK_EQ(netif_transmit(&a.netif, frame_of(60, seed), 60), 0);
	CHECK_EQ(a.lost, 1);
	CHECK_EQ(a.netif.stats.tx_packets, 3);	/* the sender cannot tell */
	CHECK_EQ(b.queue[b.oldest].data[0], 1);
	CHECK_EQ(fake_netif_deliver(&b), 2);
	CHECK_EQ(box.data[0], 3);
	CHECK_EQ(b.netif.stats.rx_packets, 2);
}

TEST(netif_full_queue_loses_the_frame)
{
	struct fake_netif a, b;

	fake_netif_pair(&a, &b);
	for (int i = 0; i <= FAKE_NETIF_QUEUE; i++)
		CHECK_EQ(netif_transmit(&a.netif, frame_of(60, (uint8_t)i), 60), 0);
	CHECK_EQ(a.lost, 1);
	CHECK_EQ(fake_netif_deliver(&b), FAKE_NETIF_QUEUE);
	CHECK_EQ(b.netif.stats.rx_dropped, FAKE_NETIF_QUEUE);	/* no receiver */
}

TEST(netif_answer_sent_from_a_receiver_waits_for_its_own_delivery)
{
	struct fake_netif a, b;
	struct inbox box = { 0 };

	fake_netif_pair(&a, &b);
	netif_set_receiver(&a.netif, take, &box);
	netif_set_receiver(&b.netif, echo, NULL);
	CHECK_EQ(netif_transmit(&a.netif, frame_of(100, 42), 100), 0);
	CHECK_EQ(fake_netif_deliver(&b), 1);
	CHECK_EQ(box.frames, 0);
	CHECK_EQ(a.waiting, 1);
	CHECK_EQ(fake_netif_deliver(&a), 1);
	CHECK_EQ(box.frames, 1);
	CHECK(memcmp(box.data, frame_of(100, 42), 100) == 0);
	CHECK_EQ(b.netif.stats.tx_packets, 1);
	CHECK_NETIF(&a.netif);
	CHECK_NETIF(&b.netif);
}

TEST(netif_check_catches_a_broken_interface)
{
	struct fake_netif a, b;
	char why[160];

	fake_netif_pair(&a, &b);
	CHECK_NETIF(&a.netif);
	a.netif.mac[0] = 0x01;
	CHECK(!netif_check(&a.netif, why, sizeof(why)));
	CHECK_STR_EQ(why, "fake0: multicast address");
	a.netif.mac[0] = 0x02;
	a.netif.mtu = 0;
	CHECK(!netif_check(&a.netif, why, sizeof(why)));
	CHECK_STR_EQ(why, "fake0: mtu 0 below 68");
	a.netif.mtu = FAKE_NETIF_MTU;
	a.netif.stats.rx_packets = 1;
	a.netif.stats.rx_bytes = ETH_HEADER_LEN - 1;
	CHECK(!netif_check(&a.netif, why, sizeof(why)));
	CHECK_STR_EQ(why, "fake0: rx: 13 bytes in 1 frames");
	a.netif.stats.rx_bytes = ETH_HEADER_LEN;
	a.netif.ops = NULL;
	CHECK(!netif_check(&a.netif, why, sizeof(why)));
	CHECK_STR_EQ(why, "fake0: no transmit");
}
