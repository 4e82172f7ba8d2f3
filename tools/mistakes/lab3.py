"""Lab 3's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "vruntime advances by exactly runtime x 1024 / weight, remainder kept",
    "min_vruntime never decreases",
    "a waking task gains no more than its share and never moves back",
    "slices have a lower and an upper bound",
]

RBTREE = "kernel/lib/rbtree.c"
CFS = "kernel/sched/sched_cfs.c"
REBALANCE = "exercise: rebalance after an insert: recolour or rotate"
CHARGE = "exercise: charge curr's weighted runtime and advance min_vruntime"
EXACT, MIN_VRUNTIME, WAKING, SLICES = (f"behaviour: {b}" for b in BEHAVIOURS)

# The exercise's answer in cfs_charge, which some mistakes rewrite whole.
CHARGE_ANSWER = """\
	uint64_t whole = delta / curr->weight, part = delta % curr->weight;
	/* < weight + weight * 1024: no overflow. */
	uint64_t fraction = curr->vruntime_rem + part * NICE_0_WEIGHT;

	curr->vruntime += whole * NICE_0_WEIGHT + fraction / curr->weight;
	curr->vruntime_rem = fraction % curr->weight;
"""

PLACEMENT = """\
	if (se->vruntime < floor) {
		se->vruntime = floor;
		se->vruntime_rem = 0;
	}
"""

RED_BLACK = ["unit", "test_run_queue_stays_a_red_black_tree"]

MISTAKES = [
    # --- exercise 1: rebalancing after an insert ---
    Mistake("with a red uncle I recolour parent and uncle black but leave the grandparent "
            "black", REBALANCE, RBTREE,
            "\t\t\tgrand->red = true;\n\t\t\tnode = grand;",
            "\t\t\tnode = grand;", RED_BLACK),
    Mistake("with a red uncle I colour the parent black and the grandparent red, but not "
            "the uncle", REBALANCE, RBTREE,
            "\t\t\tuncle->red = false;\n", "", RED_BLACK),
    Mistake("one recolouring is enough: I stop instead of going on from the grandparent",
            REBALANCE, RBTREE,
            "\t\t\tnode = grand;\n\t\t\tcontinue;",
            "\t\t\tnode = grand;\n\t\t\tbreak;", RED_BLACK),
    Mistake("after rotating the inner grandchild outward I go on with the old parent and "
            "node", REBALANCE, RBTREE,
            "\t\t\trotate(root, parent, side);\n\t\t\tnode = parent;\n"
            "\t\t\tparent = node->parent;\n",
            "\t\t\trotate(root, parent, side);\n", RED_BLACK),

    # --- exercise 2: the charge ---
    Mistake("weight inverted: vruntime grows by delta x weight / 1024", CHARGE, CFS,
            CHARGE_ANSWER, "\tcurr->vruntime += delta * curr->weight / NICE_0_WEIGHT;\n",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),
    Mistake("I charge vruntime but never advance min_vruntime", CHARGE, CFS,
            "\tupdate_min_vruntime(rq, curr);\n\t// LAB 3 SOLUTION STUB",
            "\t// LAB 3 SOLUTION STUB", ["unit"]),
    Mistake("the whole part of delta / weight is added without the x 1024", CHARGE, CFS,
            "curr->vruntime += whole * NICE_0_WEIGHT + fraction / curr->weight;",
            "curr->vruntime += whole + fraction / curr->weight;",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),
    Mistake("the remainder kept modulo 1024 instead of modulo the weight", CHARGE, CFS,
            "curr->vruntime_rem = fraction % curr->weight;",
            "curr->vruntime_rem = fraction % NICE_0_WEIGHT;",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),

    # --- vruntime exact, remainder kept ---
    Mistake("I used scale_to_weight for the charge: the remainder is dropped", EXACT, CFS,
            CHARGE_ANSWER, "\tcurr->vruntime += scale_to_weight(delta, curr->weight);\n",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),
    Mistake("the remainder is computed but the old one is not carried into the next "
            "charge", EXACT, CFS,
            "uint64_t fraction = curr->vruntime_rem + part * NICE_0_WEIGHT;",
            "uint64_t fraction = part * NICE_0_WEIGHT;",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),
    Mistake("I round each charge to the nearest ns instead of keeping the remainder",
            EXACT, CFS, CHARGE_ANSWER,
            "\tcurr->vruntime += (delta * NICE_0_WEIGHT + curr->weight / 2) / curr->weight;\n",
            ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]),

    # --- min_vruntime never decreases ---
    Mistake("min_vruntime is set to the smallest vruntime, without the max with the old "
            "one", MIN_VRUNTIME, CFS,
            "\tif (smallest > rq->min_vruntime)\n\t\trq->min_vruntime = smallest;",
            "\trq->min_vruntime = smallest;",
            ["unit", "test_cfs_min_vruntime_never_decreases"]),
    Mistake("the charge sets min_vruntime to curr's vruntime", MIN_VRUNTIME, CFS,
            "\tupdate_min_vruntime(rq, curr);",
            "\trq->min_vruntime = curr->vruntime;",
            ["unit", "test_cfs_min_vruntime_never_decreases"]),
    Mistake("picking the leftmost task makes its vruntime the new min_vruntime",
            MIN_VRUNTIME, CFS,
            "\tupdate_min_vruntime(rq, next);",
            "\trq->min_vruntime = next->vruntime;",
            ["unit", "test_cfs_min_vruntime_never_decreases"]),

    # --- a waking task's placement ---
    Mistake("every waking task is placed at min_vruntime - target_latency / 2", WAKING, CFS,
            PLACEMENT, "\tse->vruntime = floor;\n\tse->vruntime_rem = 0;\n",
            ["unit", "test_cfs_napper_gains_no_more_than_its_share"]),
    Mistake("the placement's comparison is the wrong way round", WAKING, CFS,
            "\tif (se->vruntime < floor) {", "\tif (se->vruntime > floor) {",
            ["unit", "test_cfs_napper_gains_no_more_than_its_share"]),
    Mistake("a waking task's remainder is reset even when it keeps its vruntime", WAKING,
            CFS, PLACEMENT,
            "\tif (se->vruntime < floor)\n\t\tse->vruntime = floor;\n\tse->vruntime_rem = 0;\n",
            ["unit", "test_cfs_napper_gains_no_more_than_its_share"]),
    Mistake("a sleeper is credited the whole target latency, not half", WAKING, CFS,
            "\tuint64_t credit = rq->target_latency / 2;\n\tuint64_t floor",
            "\tuint64_t credit = rq->target_latency;\n\tuint64_t floor", ["unit"]),

    # --- slices bounded both ways ---
    Mistake("the slice is over only once curr ran MORE than it (off by one tick)", SLICES,
            CFS, "return rq->clock - rq->slice_start >= cfs_slice(rq);",
            "return rq->clock - rq->slice_start > cfs_slice(rq);", ["unit"]),
    Mistake("curr's own weight is left out of the total it shares the latency with",
            SLICES, CFS,
            "rq->target_latency * weight / (rq->queued_weight + weight);",
            "rq->target_latency * weight / rq->queued_weight;",
            ["unit", "test_cfs_slices_have_lower_and_upper_bounds"]),
    Mistake("the minimum granularity caps the slice instead of flooring it", SLICES, CFS,
            "return slice > rq->min_granularity ? slice : rq->min_granularity;",
            "return slice < rq->min_granularity ? slice : rq->min_granularity;",
            ["unit", "test_cfs_slices_have_lower_and_upper_bounds"]),
    Mistake("every task's share is counted with the nice-0 weight, not its own", SLICES, CFS,
            "rq->target_latency * weight / (rq->queued_weight + weight);",
            "rq->target_latency * NICE_0_WEIGHT / (rq->queued_weight + weight);", ["unit"]),
]
