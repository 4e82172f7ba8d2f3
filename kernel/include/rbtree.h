/*
 * Intrusive red-black trees (shared code).  A struct rb_node lives inside
 * the object it orders, as struct list_node does for lists; the tree never
 * allocates.  The caller supplies the order with a `less` function.
 *
 * The five properties, checked by rb_check:
 *   1. every node is red or black;  2. the root is black;
 *   3. a red node has no red child;
 *   4. every path from a node down to an empty subtree passes the same
 *      number of black nodes;
 *   5. (search order) in-order traversal is sorted by `less`.
 * Together they keep the height below 2 log2(n + 1).
 */
#ifndef AURORA_RBTREE_H
#define AURORA_RBTREE_H

#include <stdbool.h>
#include <stddef.h>

struct rb_node {
	struct rb_node *parent, *left, *right;
	bool red;
};

struct rb_root {
	struct rb_node *node;	/* NULL for an empty tree */
};

typedef bool (*rb_less_fn)(const struct rb_node *a, const struct rb_node *b);

/* Insert node (equal keys go after the ones already there). */
void rb_insert(struct rb_root *root, struct rb_node *node, rb_less_fn less);
/* Remove node, which must be in the tree. */
void rb_erase(struct rb_root *root, struct rb_node *node);

/* In-order neighbours; NULL past either end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* Check every property; false with a reason if one fails. */
bool rb_check(const struct rb_root *root, rb_less_fn less, char *why, size_t why_len);

#endif
