/*
 * Intrusive red-black trees (shared code).  See rbtree.h for the model.
 *
 * Empty subtrees are NULL and count as black.  Each fix-up has a mirror
 * image (the node on the left of its parent, or on the right); rather than
 * write every case twice, the code names a side (LEFT or RIGHT) and reaches
 * children through child(), so one loop serves both.
 */
#include "rbtree.h"
#include "format.h"

enum side { LEFT, RIGHT };

static struct rb_node **child(struct rb_node *node, enum side side)
{
	return side == LEFT ? &node->left : &node->right;
}

static enum side other(enum side side)
{
	return side == LEFT ? RIGHT : LEFT;
}

/* Which side of its parent node hangs on (node must have a parent). */
static enum side side_of(const struct rb_node *node, const struct rb_node *parent)
{
	return parent->left == node ? LEFT : RIGHT;
}

static bool is_red(const struct rb_node *node)
{
	return node != NULL && node->red;
}

/* Hang `new` (possibly NULL) where `old` hangs: under old's parent or as the root. */
static void replace_child(struct rb_root *root, struct rb_node *old, struct rb_node *new)
{
	struct rb_node *parent = old->parent;

	if (new)
		new->parent = parent;
	if (!parent)
		root->node = new;
	else
		*child(parent, side_of(old, parent)) = new;
}

/*
 * Rotate node down towards `side`: its child on the other side rises into its
 * place and node becomes that child's `side` child.  The risen child's inner
 * subtree changes parent; in-order sequence is unchanged.
 *
 *        node                 up
 *       /    \               /  \
 *      a      up    ==>   node   c        (side == LEFT)
 *            /  \         /  \
 *        inner   c       a  inner
 */
static void rotate(struct rb_root *root, struct rb_node *node, enum side side)
{
	struct rb_node *up = *child(node, other(side));
	struct rb_node *inner = *child(up, side);

	*child(node, other(side)) = inner;
	if (inner)
		inner->parent = node;
	replace_child(root, node, up);
	*child(up, side) = node;
	node->parent = up;
}

/* --- insert --------------------------------------------------------------- */

/*
 * node is red and may have a red parent (property 3 broken there, and only
 * there).  Move the problem up the tree until it disappears.
 */
static void insert_fixup(struct rb_root *root, struct rb_node *node)
{
	// LAB 3 SOLUTION BEGIN (exercise: rebalance after an insert: recolour or rotate)
	while (is_red(node->parent)) {
		struct rb_node *parent = node->parent;
		/* A red node is never the root, so the grandparent exists. */
		struct rb_node *grand = parent->parent;
		enum side side = side_of(parent, grand);
		struct rb_node *uncle = *child(grand, other(side));

		if (is_red(uncle)) {
			/* Red uncle: move grand's black down to both children.
			   Black heights stay, but grand is now red: go up two levels. */
			parent->red = false;
			uncle->red = false;
			grand->red = true;
			node = grand;
			continue;
		}
		if (node == *child(parent, other(side))) {
			/* Inner grandchild: rotate it outward to make it the outer one. */
			rotate(root, parent, side);
			node = parent;
			parent = node->parent;
		}
		/* Outer grandchild, black uncle: rotate grand down towards the uncle
		   and swap colours; parent, now black, heads the subtree.  Done. */
		parent->red = false;
		grand->red = true;
		rotate(root, grand, other(side));
	}
	// LAB 3 SOLUTION STUB
	// /* No rebalancing yet: red-red pairs stay and the tree can degenerate into a list. */
	// (void)node;
	// LAB 3 SOLUTION END
	root->node->red = false;	/* property 2; also ends case "red uncle" at the root */
}

void rb_insert(struct rb_root *root, struct rb_node *node, rb_less_fn less)
{
	struct rb_node **link = &root->node, *parent = NULL;

	/* Equal keys go right, so they come after the existing ones in order. */
	while (*link) {
		parent = *link;
		link = less(node, parent) ? &parent->left : &parent->right;
	}
	node->parent = parent;
	node->left = node->right = NULL;
	node->red = true;	/* keeps black heights; may break property 3 */
	*link = node;
	insert_fixup(root, node);
}

/* --- erase ---------------------------------------------------------------- */

static struct rb_node *leftmost(struct rb_node *node)
{
	while (node->left)
		node = node->left;
	return node;
}

static struct rb_node *rightmost(struct rb_node *node)
{
	while (node->right)
		node = node->right;
	return node;
}

/*
 * A black node was removed from above `node` (NULL for an empty subtree), the
 * `parent`'s child: every path through node is one black short.  Make node
 * "doubly black" and push the extra black up or absorb it by rotation.
 */
static void erase_fixup(struct rb_root *root, struct rb_node *node, struct rb_node *parent)
{
	while (node != root->node && !is_red(node)) {
		/* The short side has black height >= 0, the other >= 1: a sibling exists. */
		enum side side = parent->left == node ? LEFT : RIGHT;
		struct rb_node *sibling = *child(parent, other(side));

		if (is_red(sibling)) {
			/* Red sibling: rotate it above parent so node gets a black sibling. */
			sibling->red = false;
			parent->red = true;
			rotate(root, parent, side);
			sibling = *child(parent, other(side));
		}
		if (!is_red(sibling->left) && !is_red(sibling->right)) {
			/* Black sibling, black children: take a black from both sides;
			   parent now carries the shortage. */
			sibling->red = true;
			node = parent;
			parent = node->parent;
			continue;
		}
		if (!is_red(*child(sibling, other(side)))) {
			/* Only the near nephew is red: rotate it up so the far one is red. */
			(*child(sibling, side))->red = false;
			sibling->red = true;
			rotate(root, sibling, other(side));
			sibling = *child(parent, other(side));
		}
		/* Far nephew red: rotate parent down towards node; the black that
		   comes down on node's side ends the shortage. */
		sibling->red = parent->red;
		parent->red = false;
		(*child(sibling, other(side)))->red = false;
		rotate(root, parent, side);
		node = root->node;
	}
	if (node)
		node->red = false;
}

/*
 * node has two children: its successor (which has no left child) takes its
 * place and colour.  Returns the successor's old right child's parent-to-be,
 * and sets *hole to that child: the place where a node really left the tree.
 */
static struct rb_node *replace_by_successor(struct rb_root *root, struct rb_node *node,
					    struct rb_node **hole, bool *removed_black)
{
	struct rb_node *succ = leftmost(node->right);
	struct rb_node *parent = succ;

	*hole = succ->right;
	*removed_black = !succ->red;
	if (succ != node->right) {
		/* Detach succ from deeper down, then give it node's right subtree. */
		parent = succ->parent;
		parent->left = succ->right;
		if (succ->right)
			succ->right->parent = parent;
		succ->right = node->right;
		node->right->parent = succ;
	}
	replace_child(root, node, succ);
	succ->left = node->left;
	node->left->parent = succ;
	succ->red = node->red;
	return parent;
}

void rb_erase(struct rb_root *root, struct rb_node *node)
{
	struct rb_node *hole, *parent;
	bool removed_black;

	if (node->left && node->right) {
		parent = replace_by_successor(root, node, &hole, &removed_black);
	} else {
		/* At most one child: it moves up into node's place. */
		hole = node->left ? node->left : node->right;
		parent = node->parent;
		removed_black = !node->red;
		replace_child(root, node, hole);
	}
	if (removed_black)
		erase_fixup(root, hole, parent);
	node->parent = node->left = node->right = NULL;
}

/* --- traversal ------------------------------------------------------------ */

struct rb_node *rb_first(const struct rb_root *root)
{
	return root->node ? leftmost(root->node) : NULL;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return root->node ? rightmost(root->node) : NULL;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	if (node->right)
		return leftmost(node->right);
	/* Climb while we come from a right child: those ancestors are smaller. */
	while (node->parent && node == node->parent->right)
		node = node->parent;
	return node->parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	if (node->left)
		return rightmost(node->left);
	while (node->parent && node == node->parent->left)
		node = node->parent;
	return node->parent;
}

/* --- rb_check ------------------------------------------------------------- */

/* No valid tree in a 64-bit address space is this deep (2 log2(n + 1) <= 128);
   stopping here also bounds the recursion on a broken, list-like tree. */
#define RB_MAX_DEPTH 128

struct rb_walk {
	rb_less_fn less;
	const struct rb_node *prev;	/* the previous node in order */
	char *why;
	size_t why_len;
};

static int fail(struct rb_walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct rb_walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(w->why, w->why_len, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Check the subtree at node (whose parent must be `parent`) in order; return
 * its black height (empty subtrees count 1) or -1 with w->why set.
 * Property 1 holds by construction: `red` is a bool.
 */
static int check_subtree(struct rb_walk *w, const struct rb_node *node,
			 const struct rb_node *parent, int depth)
{
	if (!node)
		return 1;
	if (depth > RB_MAX_DEPTH)
		return fail(w, "deeper than %d: not balanced", RB_MAX_DEPTH);
	if (node->parent != parent)
		return fail(w, "node %p: parent pointer %p, expected %p",
			    (void *)node, (void *)node->parent, (void *)parent);
	if (node->red && is_red(parent))
		return fail(w, "node %p: red child of a red parent", (void *)node);

	int left = check_subtree(w, node->left, node, depth + 1);
	if (left < 0)
		return -1;
	if (w->prev && w->less(node, w->prev))
		return fail(w, "node %p: out of order after %p", (void *)node, (void *)w->prev);
	w->prev = node;
	int right = check_subtree(w, node->right, node, depth + 1);
	if (right < 0)
		return -1;
	if (left != right)
		return fail(w, "node %p: black height %d on the left, %d on the right",
			    (void *)node, left, right);
	return left + !node->red;
}

bool rb_check(const struct rb_root *root, rb_less_fn less, char *why, size_t why_len)
{
	struct rb_walk w = { .less = less, .why = why, .why_len = why_len };

	if (is_red(root->node)) {
		fail(&w, "the root is red");
		return false;
	}
	if (check_subtree(&w, root->node, NULL, 0) < 0)
		return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
