/* Tests of kernel/include/list.h. */
#include "list.h"
#include "unit.h"

struct item {
	int value;
	struct list_node link;
};

/* The values on the list, front to back, as digits: "123". */
static const char *contents(struct list_node *head)
{
	static char buf[16];
	struct list_node *pos;
	int n = 0;

	list_for_each(pos, head)
		buf[n++] = (char)('0' + container_of(pos, struct item, link)->value);
	buf[n] = '\0';
	return buf;
}

TEST(list_init_is_empty)
{
	struct list_node head;

	list_init(&head);
	CHECK(list_empty(&head));
	CHECK(head.next == &head && head.prev == &head);
	CHECK_STR_EQ(contents(&head), "");
}

TEST(list_push_front_and_back_order)
{
	struct list_node head;
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_init(&head);
	list_push_back(&head, &b.link);
	list_push_front(&head, &a.link);
	list_push_back(&head, &c.link);
	CHECK(!list_empty(&head));
	CHECK_STR_EQ(contents(&head), "123");
	CHECK(head.prev == &c.link);	/* circular: the back links to the head */
	CHECK(c.link.next == &head);
}

TEST(list_remove_unlinks_and_self_links)
{
	struct list_node head;
	struct item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };

	list_init(&head);
	list_push_back(&head, &a.link);
	list_push_back(&head, &b.link);
	list_push_back(&head, &c.link);
	list_remove(&b.link);
	CHECK_STR_EQ(contents(&head), "13");
	CHECK(b.link.next == &b.link && b.link.prev == &b.link);
	CHECK(a.link.next == &c.link && c.link.prev == &a.link);
	list_remove(&a.link);
	list_remove(&c.link);
	CHECK(list_empty(&head));
}

TEST(container_of_finds_the_object)
{
	struct item it = { .value = 7 };

	CHECK(container_of(&it.link, struct item, link) == &it);
}
