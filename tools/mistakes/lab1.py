"""Lab 1's planted mistakes (see tools/mistakes/__init__.py).

The comment above each says which catcher failed on it when it was checked
by hand (planted, rebuilt, the catchers run in order, the file restored).
"""
from . import Mistake

BEHAVIOURS = [
    "a backtrace lists the whole frame chain",
    "a corrupt frame pointer stops the walk with a message",
    "only available memory becomes frames, on UEFI too",
]

WALK = "exercise: walk the frame-pointer chain"
SPLIT = "exercise: split a larger block"
MERGE = "exercise: merge a freed block with its buddy"
WHOLE_CHAIN, CORRUPT_FRAME, AVAILABLE_ONLY = ("behaviour: " + b for b in BEHAVIOURS)

BACKTRACE = "kernel/arch/x86_64/backtrace.c"
BUDDY = "kernel/mm/buddy.c"
PHYSMEM = "kernel/mm/physmem.c"

# The walk's loop body, as the solution has it.
FOLLOW = """		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		rbp = frame[0];
		print_frame(depth++, rip, rbp);
"""

MISTAKES = [
    # --- the walk --------------------------------------------------------------
    # caught by test_backtrace_shows_nested_calls
    Mistake("prints the frame pointer it is about to follow, not the one it read",
            WALK, BACKTRACE, FOLLOW,
            """		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		print_frame(depth++, rip, rbp);
		rbp = frame[0];
""",
            ["test_backtrace_shows_nested_calls"]),
    # caught by test_backtrace_shows_nested_calls
    Mistake("reads the return address and the saved rbp from each other's slots",
            WALK, BACKTRACE,
            "		rip = frame[1];\n		rbp = frame[0];\n",
            "		rip = frame[0];\n		rbp = frame[1];\n",
            ["test_backtrace_shows_nested_calls"]),
    # caught by test_backtrace_shows_nested_calls (task_returned - 1 is in
    # another function; in the frames above it, and on the boot stack, only
    # the words the test peeks from the stack show the mistake)
    Mistake("prints the call instruction's place, one byte before the return address",
            WALK, BACKTRACE,
            "		print_frame(depth++, rip, rbp);\n	}\n",
            "		print_frame(depth++, rip - 1, rbp);\n	}\n",
            ["test_backtrace_shows_nested_calls"]),
    # caught by test_backtrace_cut_at_max_frames
    Mistake("lets the walk print MAX_FRAMES + 1 lines",
            WALK, BACKTRACE,
            "while (rbp != 0 && depth < MAX_FRAMES)",
            "while (rbp != 0 && depth <= MAX_FRAMES)",
            ["test_backtrace_cut_at_max_frames"]),
    # caught by test_backtrace_shows_nested_calls
    Mistake("leaves the end of the chain to plausible_frame(), which then "
            "complains about rbp 0",
            WALK, BACKTRACE,
            "while (rbp != 0 && depth < MAX_FRAMES)",
            "while (depth < MAX_FRAMES)",
            ["test_backtrace_shows_nested_calls"]),

    # --- the whole chain -------------------------------------------------------
    # caught by test_backtrace_shows_nested_calls
    Mistake("stops as soon as the saved rbp is 0, without printing that frame",
            WHOLE_CHAIN, BACKTRACE, FOLLOW,
            """		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		rbp = frame[0];
		if (rbp == 0)
			break;
		print_frame(depth++, rip, rbp);
""",
            ["test_backtrace_shows_nested_calls"]),
    # caught by test_backtrace_shows_nested_calls
    Mistake("thinks eight frames are enough for anyone",
            WHOLE_CHAIN, BACKTRACE,
            "while (rbp != 0 && depth < MAX_FRAMES)",
            "while (rbp != 0 && depth < 8)",
            ["test_backtrace_shows_nested_calls"]),
    # caught by test_backtrace_shows_nested_calls
    Mistake("a sanity check that believes callers' frames lie below, since the "
            "stack grows down",
            WHOLE_CHAIN, BACKTRACE,
            "		uint64_t *frame = (uint64_t *)rbp;\n",
            "		uint64_t *frame = (uint64_t *)rbp;\n"
            "		if (frame[0] > rbp)	/* the stack grows down */\n"
            "			break;\n",
            ["test_backtrace_shows_nested_calls"]),

    # --- a corrupt frame pointer -----------------------------------------------
    # caught by test_backtrace_stops_at_corrupt_frame_pointer
    Mistake("checks the frame pointer only after reading through it",
            CORRUPT_FRAME, BACKTRACE,
            """		if (!plausible_frame(rbp)) {
			kprintf("  (frame pointer %016lx is not on a kernel stack: stopping)\\n", rbp);
			return;
		}
		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		rbp = frame[0];
""",
            """		uint64_t *frame = (uint64_t *)rbp;
		rip = frame[1];
		rbp = frame[0];
		if (!plausible_frame(rbp)) {
			kprintf("  (frame pointer %016lx is not on a kernel stack: stopping)\\n", rbp);
			return;
		}
""",
            ["test_backtrace_stops_at_corrupt_frame_pointer"]),
    # caught by test_backtrace_stops_at_corrupt_frame_pointer
    Mistake("stops at a corrupt frame pointer without saying why",
            CORRUPT_FRAME, BACKTRACE,
            """		if (!plausible_frame(rbp)) {
			kprintf("  (frame pointer %016lx is not on a kernel stack: stopping)\\n", rbp);
			return;
		}
""",
            """		if (!plausible_frame(rbp))
			return;
""",
            ["test_backtrace_stops_at_corrupt_frame_pointer"]),
    # caught by test_backtrace_stops_at_corrupt_frame_pointer (the monitor
    # never comes back: the message repeats for ever)
    Mistake("skips a corrupt frame pointer with continue instead of stopping",
            CORRUPT_FRAME, BACKTRACE,
            "stopping)\\n\", rbp);\n			return;\n",
            "stopping)\\n\", rbp);\n			continue;\n",
            ["test_backtrace_stops_at_corrupt_frame_pointer"]),
    # caught by test_backtrace_stops_at_corrupt_frame_pointer (#GP in the walk)
    Mistake("plausible_frame() accepts any 8-aligned address",
            CORRUPT_FRAME, BACKTRACE,
            "return rbp % 8 == 0 && (in_image",
            "return rbp % 8 == 0 || (in_image",
            ["test_backtrace_stops_at_corrupt_frame_pointer"]),

    # --- available memory only -------------------------------------------------
    # caught by test_uefi_frames_only_in_available_memory (a BIOS map has only
    # available and reserved regions: test_mem_matches_machine_size passes)
    Mistake("gives the allocator every region that is not plainly 'reserved'",
            AVAILABLE_ONLY, PHYSMEM,
            "		if (m->type == MEM_AVAILABLE)\n			give_free(",
            "		if (m->type != MEM_RESERVED)\n			give_free(",
            ["test_uefi_frames_only_in_available_memory"]),
    # caught by test_uefi_frames_only_in_available_memory
    Mistake("takes ACPI reclaimable memory for RAM (the tables are still in it)",
            AVAILABLE_ONLY, PHYSMEM,
            "		if (m->type == MEM_AVAILABLE)\n			give_free(",
            "		if (m->type <= MEM_ACPI_RECLAIMABLE)\n			give_free(",
            ["test_uefi_frames_only_in_available_memory"]),
    # caught by test_mem_matches_machine_size (the kernel hands out its own
    # frames and triple-faults at boot)
    Mistake("forgets that the kernel image lies in available memory",
            AVAILABLE_ONLY, PHYSMEM,
            "	reserve((uint64_t)__kernel_phys_start, (uint64_t)__kernel_phys_end, "
            "\"kernel image\");\n",
            "",
            ["test_mem_matches_machine_size", "test_uefi_frames_only_in_available_memory"]),

    # --- splitting ---------------------------------------------------------------
    # caught by unit (and, without it, by test_alloc_splits_and_free_merges)
    Mistake("keeps the upper half and gives back the lower one",
            SPLIT, BUDDY,
            "		free_list_add(b, start + block_frames(have), have);\n",
            "		free_list_add(b, start, have);\n		start += block_frames(have);\n",
            ["unit", "test_alloc_splits_and_free_merges"]),
    # caught by unit (and, without it, by test_alloc_aligned_and_counted)
    Mistake("stops splitting one order too early",
            SPLIT, BUDDY,
            "	while (have > order) {\n		trace(b, BUDDY_EVENT_SPLIT",
            "	while (have > order + 1) {\n		trace(b, BUDDY_EVENT_SPLIT",
            ["unit", "test_alloc_aligned_and_counted"]),
    # caught by unit (and, without it, by test_alloc_aligned_and_counted)
    Mistake("halves the order after giving back the upper half, not before",
            SPLIT, BUDDY,
            "		have--;\n		free_list_add(b, start + block_frames(have), have);\n",
            "		free_list_add(b, start + block_frames(have), have);\n		have--;\n",
            ["unit", "test_alloc_aligned_and_counted"]),
    # caught by unit
    Mistake("forgets to report the split",
            SPLIT, BUDDY,
            "		trace(b, BUDDY_EVENT_SPLIT, start, have);\n",
            "",
            ["unit"]),

    # --- merging ---------------------------------------------------------------
    # caught by unit (and, without it, by test_alloc_splits_and_free_merges)
    Mistake("finds the buddy by adding the block's size instead of flipping its bit",
            MERGE, BUDDY,
            "uint64_t buddy = pfn ^ block_frames(order);",
            "uint64_t buddy = pfn + block_frames(order);",
            ["unit", "test_alloc_splits_and_free_merges"]),
    # caught by unit (and, without it, by test_free_restores_counts)
    Mistake("keeps the higher of the two heads for the merged block",
            MERGE, BUDDY,
            "		pfn = pfn < buddy ? pfn : buddy;\n",
            "		pfn = pfn > buddy ? pfn : buddy;\n",
            ["unit", "test_free_restores_counts"]),
    # caught by unit (and, without it, by test_free_restores_counts)
    Mistake("forgets to take the buddy off its free list",
            MERGE, BUDDY,
            "		free_list_remove(b, buddy);\n",
            "",
            ["unit", "test_free_restores_counts"]),
    # caught by test_alloc_splits_and_free_merges (the unit tests pass: their
    # spans hold no two buddies of the largest order; the kernel's does, and
    # halts at boot)
    Mistake("merges up to an order one past the largest",
            MERGE, BUDDY,
            "	while (order < BUDDY_MAX_ORDER) {\n		uint64_t buddy",
            "	while (order <= BUDDY_MAX_ORDER) {\n		uint64_t buddy",
            ["unit", "test_alloc_splits_and_free_merges"]),
]
