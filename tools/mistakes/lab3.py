"""Lab 3's planted mistakes (see tools/mistakes/__init__.py).

The comment above each says what failed on it when it was checked by hand
(planted, rebuilt, every catcher run, the file restored): the unit test
first, then the grader test behind it, or why there is none.
"""
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
CHARGED_EXACTLY = ["unit", "test_cfs_vruntime_is_runtime_scaled_by_weight"]
MIN_NEVER_BACK = ["unit", "test_cfs_min_vruntime_never_decreases"]
NAPPER_SHARE = ["unit", "test_cfs_napper_gains_no_more_than_its_share"]
SLICE_BOUNDS = ["unit", "test_cfs_slices_have_lower_and_upper_bounds"]
# For mistakes only the unit tests can see (the comment above each says why).
UNIT_ONLY = ["unit"]

MISTAKES = [
    # --- exercise 1: rebalancing after an insert ---
    # rbtree_ascending_inserts_stay_balanced (rb_check: black heights differ); the
    # kernel faults in the run queue with eight spinners
    Mistake("with a red uncle I recolour parent and uncle black but leave the grandparent "
            "black", REBALANCE, RBTREE,
            "\t\t\tgrand->red = true;\n\t\t\tnode = grand;",
            "\t\t\tnode = grand;", RED_BLACK),
    # rbtree_ascending_inserts_stay_balanced (a red child of a red parent); the
    # kernel faults in the run queue
    Mistake("with a red uncle I colour the parent black and the grandparent red, but not "
            "the uncle", REBALANCE, RBTREE,
            "\t\t\tuncle->red = false;\n", "", RED_BLACK),
    # rbtree_ascending_inserts_stay_balanced; the kernel faults in the run queue
    Mistake("one recolouring is enough: I stop instead of going on from the grandparent",
            REBALANCE, RBTREE,
            "\t\t\tnode = grand;\n\t\t\tcontinue;",
            "\t\t\tnode = grand;\n\t\t\tbreak;", RED_BLACK),
    # rbtree_erase_leaf and more (then a scheduler test follows the broken
    # tree into NULL); the kernel faults in the run queue
    Mistake("after rotating the inner grandchild outward I go on with the old parent and "
            "node", REBALANCE, RBTREE,
            "\t\t\trotate(root, parent, side);\n\t\t\tnode = parent;\n"
            "\t\t\tparent = node->parent;\n",
            "\t\t\trotate(root, parent, side);\n", RED_BLACK),

    # --- exercise 2: the charge ---
    # cfs_vruntime_is_runtime_scaled_exactly; the grader's schedstat: BROKEN:
    # task 3 (weight 335) ran 64433 ns: vruntime +21079, remainder 0 -> 0
    Mistake("weight inverted: vruntime grows by delta x weight / 1024", CHARGE, CFS,
            CHARGE_ANSWER, "\tcurr->vruntime += delta * curr->weight / NICE_0_WEIGHT;\n",
            CHARGED_EXACTLY),
    # cfs_vruntime_is_runtime_scaled_exactly (min_vruntime stays 0 while one
    # task runs); live, picks still move it, so no grader test sees it
    Mistake("I charge vruntime but never advance min_vruntime", CHARGE, CFS,
            "\tupdate_min_vruntime(rq, curr);\n\t// LAB 3 SOLUTION STUB",
            "\t// LAB 3 SOLUTION STUB", UNIT_ONLY),
    # cfs_vruntime_is_runtime_scaled_exactly; the grader's schedstat (BROKEN)
    Mistake("the whole part of delta / weight is added without the x 1024", CHARGE, CFS,
            "curr->vruntime += whole * NICE_0_WEIGHT + fraction / curr->weight;",
            "curr->vruntime += whole + fraction / curr->weight;",
            CHARGED_EXACTLY),
    # cfs_vruntime_is_runtime_scaled_exactly; the grader's schedstat (BROKEN)
    Mistake("the remainder kept modulo 1024 instead of modulo the weight", CHARGE, CFS,
            "curr->vruntime_rem = fraction % curr->weight;",
            "curr->vruntime_rem = fraction % NICE_0_WEIGHT;",
            CHARGED_EXACTLY),

    # --- vruntime exact, remainder kept ---
    # cfs_vruntime_is_runtime_scaled_exactly (only weights that do not divide
    # delta x 1024 show it: nice 5 does); the grader's schedstat (BROKEN)
    Mistake("I used scale_to_weight for the charge: the remainder is dropped", EXACT, CFS,
            CHARGE_ANSWER, "\tcurr->vruntime += scale_to_weight(delta, curr->weight);\n",
            CHARGED_EXACTLY),
    # cfs_vruntime_is_runtime_scaled_exactly; the grader's schedstat: BROKEN:
    # task 3 (weight 335) ran 521736 ns: vruntime +1594798, remainder 96 -> 334
    Mistake("the remainder is computed but the old one is not carried into the next "
            "charge", EXACT, CFS,
            "uint64_t fraction = curr->vruntime_rem + part * NICE_0_WEIGHT;",
            "uint64_t fraction = part * NICE_0_WEIGHT;",
            CHARGED_EXACTLY),
    # cfs_vruntime_is_runtime_scaled_exactly; the grader's schedstat (BROKEN)
    Mistake("I round each charge to the nearest ns instead of keeping the remainder",
            EXACT, CFS, CHARGE_ANSWER,
            "\tcurr->vruntime += (delta * NICE_0_WEIGHT + curr->weight / 2) / curr->weight;\n",
            CHARGED_EXACTLY),

    # --- min_vruntime never decreases ---
    # cfs_sleeper_placed_near_min_vruntime and
    # cfs_min_vruntime_never_decreases_while_sleepers_wake; the grader's
    # schedstat: BROKEN: min_vruntime went back from 86574965 to 83574965
    Mistake("min_vruntime is set to the smallest vruntime, without the max with the old "
            "one", MIN_VRUNTIME, CFS,
            "\tif (smallest > rq->min_vruntime)\n\t\trq->min_vruntime = smallest;",
            "\trq->min_vruntime = smallest;",
            MIN_NEVER_BACK),
    # cfs_sleeper_placed_near_min_vruntime and
    # cfs_min_vruntime_never_decreases_while_sleepers_wake; the grader's schedstat (BROKEN)
    Mistake("the charge sets min_vruntime to curr's vruntime", MIN_VRUNTIME, CFS,
            "\tupdate_min_vruntime(rq, curr);",
            "\trq->min_vruntime = curr->vruntime;",
            MIN_NEVER_BACK),
    # cfs_sleeper_placed_near_min_vruntime and
    # cfs_min_vruntime_never_decreases_while_sleepers_wake; the grader's
    # schedstat: BROKEN: min_vruntime went back from 6687030 to 6183990
    Mistake("picking the leftmost task makes its vruntime the new min_vruntime",
            MIN_VRUNTIME, CFS,
            "\tupdate_min_vruntime(rq, next);",
            "\trq->min_vruntime = next->vruntime;",
            MIN_NEVER_BACK),

    # --- a waking task's placement ---
    # cfs_picks_smallest_vruntime and the brief sleeper's; the grader's
    # schedstat: BROKEN: task 1 woke: vruntime went back from 1782173+0/1024 to 0+0/1024
    Mistake("every waking task is placed at min_vruntime - target_latency / 2", WAKING, CFS,
            PLACEMENT, "\tse->vruntime = floor;\n\tse->vruntime_rem = 0;\n",
            NAPPER_SHARE),
    # cfs_picks_smallest_vruntime; the grader's schedstat (a woken task went back)
    Mistake("the placement's comparison is the wrong way round", WAKING, CFS,
            "\tif (se->vruntime < floor) {", "\tif (se->vruntime > floor) {",
            NAPPER_SHARE),
    # cfs_brief_sleeper_gains_no_more_than_its_share (its vruntime went back
    # by a fraction); the grader's schedstat: BROKEN: task 3 woke: vruntime
    # went back from 88562213+132/335 to 88562213+0/335
    Mistake("a waking task's remainder is reset even when it keeps its vruntime", WAKING,
            CFS, PLACEMENT,
            "\tif (se->vruntime < floor)\n\t\tse->vruntime = floor;\n\tse->vruntime_rem = 0;\n",
            NAPPER_SHARE),
    # cfs_sleeper_placed_near_min_vruntime (placed 6 ms behind, not 3); live,
    # the woken sleeper's lag stays within what the grader can measure
    Mistake("a sleeper is credited the whole target latency, not half", WAKING, CFS,
            "\tuint64_t credit = rq->target_latency / 2;\n\tuint64_t floor",
            "\tuint64_t credit = rq->target_latency;\n\tuint64_t floor", UNIT_ONLY),

    # --- slices bounded both ways ---
    # cfs_slices_have_lower_and_upper_bounds (4 ms slices, not 3); live ticks
    # never land exactly at a slice's end, so no grader test sees it
    Mistake("the slice is over only once curr ran MORE than it (off by one tick)", SLICES,
            CFS, "return rq->clock - rq->slice_start >= cfs_slice(rq);",
            "return rq->clock - rq->slice_start > cfs_slice(rq);", UNIT_ONLY),
    # cfs_slices_have_lower_and_upper_bounds; the grader: a tick let a slice
    # go on after 5999 us, expected less than 3000 us
    Mistake("curr's own weight is left out of the total it shares the latency with",
            SLICES, CFS,
            "rq->target_latency * weight / (rq->queued_weight + weight);",
            "rq->target_latency * weight / rq->queued_weight;",
            SLICE_BOUNDS),
    # cfs_slices_have_lower_and_upper_bounds; the grader: a tick ended a slice
    # after 766 us, expected at least 2000 us
    Mistake("the minimum granularity caps the slice instead of flooring it", SLICES, CFS,
            "return slice > rq->min_granularity ? slice : rq->min_granularity;",
            "return slice < rq->min_granularity ? slice : rq->min_granularity;",
            SLICE_BOUNDS),
    # cfs_slices_have_lower_and_upper_bounds (the nice-5 slice is 4.75 ms, not
    # 1.5); the grader's spinners are all nice 0, so it cannot see it
    Mistake("every task's share is counted with the nice-0 weight, not its own", SLICES, CFS,
            "rq->target_latency * weight / (rq->queued_weight + weight);",
            "rq->target_latency * NICE_0_WEIGHT / (rq->queued_weight + weight);", UNIT_ONLY),
]
