/*
 * Intrusive circular doubly linked lists.  A `struct list_node` lives inside
 * the object it links, so putting an object on a list never allocates.
 * An empty list is a head whose next and prev point at itself.
 */
#ifndef AURORA_LIST_H
#define AURORA_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
	struct list_node *next, *prev;
};

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

static inline void list_init(struct list_node *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* Link `node` between two neighbours that are already adjacent. */
static inline void list_link_between(struct list_node *node,
				     struct list_node *prev,
				     struct list_node *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

static inline void list_push_front(struct list_node *head, struct list_node *node)
{
	list_link_between(node, head, head->next);
}

static inline void list_push_back(struct list_node *head, struct list_node *node)
{
	list_link_between(node, head->prev, head);
}

static inline void list_remove(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->next = node->prev = node;
}

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

#endif
