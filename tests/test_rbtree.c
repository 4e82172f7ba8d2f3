/*
 * Tests of kernel/lib/rbtree.c.  The random tests run rb_check after every
 * insert and erase; the others erase nodes in each structural position and
 * walk the tree both ways.
 */
#include "rbtree.h"
#include "list.h"	/* container_of */
#include "rng.h"
#include "unit.h"

#define MAX_ITEMS 2048

struct item {
	int key;
	int seq;		/* insertion order, to see that equal keys keep it */
	bool in_tree;
	struct rb_node node;
};

static struct item items[MAX_ITEMS];
static struct rb_root tree;

static const struct item *item_of(const struct rb_node *node)
{
	return container_of(node, struct item, node);
}

static bool key_less(const struct rb_node *a, const struct rb_node *b)
{
	return item_of(a)->key < item_of(b)->key;
}

static bool check_valid(const char *file, int line)
{
	char why[160];

	if (rb_check(&tree, key_less, why, sizeof(why)))
		return true;
	unit_fail(file, line, "rb_check: %s", why);
	return false;
}

#define CHECK_VALID() check_valid(__FILE__, __LINE__)

static int seq_counter;

static void insert(int index, int key)
{
	items[index].key = key;
	items[index].seq = seq_counter++;
	items[index].in_tree = true;
	rb_insert(&tree, &items[index].node, key_less);
}

static void erase(int index)
{
	items[index].in_tree = false;
	rb_erase(&tree, &items[index].node);
}

static void reset(void)
{
	tree.node = NULL;
	seq_counter = 0;
	for (int i = 0; i < MAX_ITEMS; i++)
		items[i].in_tree = false;
}

static int count_in_tree(void)
{
	int n = 0;

	for (int i = 0; i < MAX_ITEMS; i++)
		n += items[i].in_tree;
	return n;
}

static int height(const struct rb_node *node)
{
	if (!node)
		return 0;
	int left = height(node->left), right = height(node->right);
	return 1 + (left > right ? left : right);
}

/* Forward: sorted, stable for equal keys, every node present; backward agrees. */
static void check_walks(void)
{
	int expected = count_in_tree(), forward = 0, backward = 0;
	const struct rb_node *prev = NULL;

	for (struct rb_node *n = rb_first(&tree); n; n = rb_next(n)) {
		if (prev) {
			CHECK(item_of(prev)->key <= item_of(n)->key);
			if (item_of(prev)->key == item_of(n)->key)
				CHECK(item_of(prev)->seq < item_of(n)->seq);
			CHECK(rb_prev(n) == prev);
		}
		CHECK(item_of(n)->in_tree);
		prev = n;
		if (++forward > expected)
			break;
	}
	CHECK(prev == rb_last(&tree));
	for (struct rb_node *n = rb_last(&tree); n && backward <= expected; n = rb_prev(n))
		backward++;
	CHECK_EQ(forward, expected);
	CHECK_EQ(backward, expected);
}

/* 2 log2(n + 1), rounded up. */
static int height_bound(int n)
{
	int log = 0;

	while ((1 << log) < n + 1)
		log++;
	return 2 * log;
}

TEST(rbtree_empty)
{
	reset();
	CHECK(rb_first(&tree) == NULL);
	CHECK(rb_last(&tree) == NULL);
	CHECK_VALID();
}

TEST(rbtree_ascending_inserts_stay_balanced)
{
	reset();
	for (int i = 0; i < 1023; i++) {
		insert(i, i);
		if (!CHECK_VALID())
			return;
	}
	CHECK(height(tree.node) <= height_bound(1023));
	check_walks();
	CHECK_EQ(item_of(rb_first(&tree))->key, 0);
	CHECK_EQ(item_of(rb_last(&tree))->key, 1022);
}

TEST(rbtree_equal_keys_keep_insertion_order)
{
	reset();
	for (int i = 0; i < 50; i++)
		insert(i, i % 3);
	CHECK_VALID();
	check_walks();
}

/* Find the in-tree item whose node has this shape, or -1. */
static int find_shape(bool want_left, bool want_right, bool want_root)
{
	for (int i = 0; i < MAX_ITEMS; i++) {
		const struct rb_node *n = &items[i].node;

		if (!items[i].in_tree)
			continue;
		if ((n->parent == NULL) != want_root)
			continue;
		if (want_root || ((n->left != NULL) == want_left && (n->right != NULL) == want_right))
			return i;
	}
	return -1;
}

static void erase_shape(bool want_left, bool want_right, bool want_root)
{
	reset();
	for (int i = 0; i < 200; i++)
		insert(i, (i * 37) % 101);
	if (!CHECK_VALID())
		return;		/* erase would follow the broken tree's NULLs */
	for (int round = 0; round < 20; round++) {
		int victim = find_shape(want_left, want_right, want_root);

		if (!CHECK(victim >= 0))
			return;
		erase(victim);
		if (!CHECK_VALID())
			return;
		check_walks();
		insert(victim, (victim * 53) % 101);	/* keep the tree large */
	}
}

TEST(rbtree_erase_leaf)
{
	erase_shape(false, false, false);
}

/* 10 black over black 5 and 15; 5 has only a left child, 15 only a right one.
   False if the inserts broke it. */
static bool build_one_child_tree(void)
{
	static const int keys[] = { 10, 5, 15, 3, 17 };

	reset();
	for (int i = 0; i < 5; i++)
		insert(i, keys[i]);
	return CHECK_VALID();
}

TEST(rbtree_erase_node_with_one_child)
{
	if (!build_one_child_tree() ||
	    !CHECK(items[1].node.left == &items[3].node && items[1].node.right == NULL))
		return;
	erase(1);
	CHECK_VALID();
	check_walks();

	if (!build_one_child_tree() ||
	    !CHECK(items[2].node.right == &items[4].node && items[2].node.left == NULL))
		return;
	erase(2);
	CHECK_VALID();
	check_walks();
}

TEST(rbtree_erase_node_with_two_children)
{
	erase_shape(true, true, false);
}

TEST(rbtree_erase_root)
{
	erase_shape(false, false, true);
}

TEST(rbtree_erase_until_empty)
{
	reset();
	for (int i = 0; i < 64; i++)
		insert(i, 64 - i);
	if (!CHECK_VALID())
		return;
	for (int i = 0; i < 64; i++) {
		erase((i * 29) % 64);
		if (!CHECK_VALID())
			return;
	}
	CHECK(tree.node == NULL);
}

/* Thousands of seeded inserts and erases, duplicates included. */
static void random_ops(uint64_t seed, int ops, int key_range)
{
	uint64_t rng = seed;
	int max_height = 0;

	reset();
	for (int op = 0; op < ops; op++) {
		int index = rng_next(&rng) % MAX_ITEMS;

		if (items[index].in_tree)
			erase(index);
		else
			insert(index, rng_next(&rng) % key_range);
		if (!CHECK_VALID())
			return;
		int h = height(tree.node);
		if (!CHECK(h <= height_bound(count_in_tree())))
			return;
		if (h > max_height)
			max_height = h;
		if (op % 500 == 0)
			check_walks();
	}
	check_walks();
	/* Drain in a random order. */
	for (int index = rng_next(&rng) % MAX_ITEMS, left = count_in_tree(); left > 0;
	     index = (index + 7) % MAX_ITEMS) {
		if (!items[index].in_tree)
			continue;
		erase(index);
		left--;
		if (!CHECK_VALID())
			return;
	}
	CHECK(tree.node == NULL);
	CHECK(max_height > 0);
}

TEST(rbtree_random_distinct_keys)
{
	random_ops(1, 6000, 1 << 30);
}

TEST(rbtree_random_many_duplicates)
{
	random_ops(2, 6000, 16);
}

TEST(rbtree_random_more_seeds)
{
	for (uint64_t seed = 3; seed < 8; seed++)
		random_ops(seed, 2000, 500);
}

/* rb_check must notice each kind of damage. */
TEST(rbtree_check_catches_broken_trees)
{
	char why[160];

	reset();
	for (int i = 0; i < 15; i++)
		insert(i, i);
	CHECK(rb_check(&tree, key_less, why, sizeof(why)));

	tree.node->red = true;
	CHECK(!rb_check(&tree, key_less, why, sizeof(why)));
	tree.node->red = false;

	struct rb_node *leaf = rb_first(&tree);
	leaf->red = !leaf->red;		/* changes a black height or makes red-red */
	CHECK(!rb_check(&tree, key_less, why, sizeof(why)));
	leaf->red = !leaf->red;

	items[0].key = 100;		/* out of order */
	CHECK(!rb_check(&tree, key_less, why, sizeof(why)));
	items[0].key = 0;

	struct rb_node *saved = leaf->parent;
	leaf->parent = tree.node == saved ? leaf : tree.node;	/* wrong parent */
	CHECK(!rb_check(&tree, key_less, why, sizeof(why)));
	leaf->parent = saved;
	CHECK(rb_check(&tree, key_less, why, sizeof(why)));
}
