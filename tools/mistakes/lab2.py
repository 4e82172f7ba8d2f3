"""Lab 2's planted mistakes (see tools/mistakes/__init__.py)."""
from . import Mistake

BEHAVIOURS = [
    "a permission change takes effect at once, even when cached",
    "a 4 KiB mapping inside a 2 MiB mapping is refused",
]

WALK = "exercise: walk the four levels down to the page"
NEXT_TABLE = "exercise: find or create the next-level table"
LEAST_PRIVILEGE = "exercise: map the kernel image with least privilege"
TAKE = "exercise: take an object from a partial slab, or make a new slab"
GIVE = "exercise: give an object back to its slab"
CACHED = "behaviour: " + BEHAVIOURS[0]
INSIDE_HUGE = "behaviour: " + BEHAVIOURS[1]

PAGETABLE = "kernel/mm/pagetable.c"
VM = "kernel/mm/vm.c"
KHEAP = "kernel/mm/kheap.c"

MISTAKES = [
    # --- pt_walk ---------------------------------------------------------------
    # caught by unit (and, without it, by test_vmwalk_indices_are_va_bits: vm_init's
    # own walk fails and the boot says so)
    Mistake("the walk stops one level short of the PT", WALK, PAGETABLE,
            "for (int level = 0; level < PT_LEVELS; level++) {",
            "for (int level = 0; level < PT_LEVELS - 1; level++) {",
            ["unit", "test_vmwalk_indices_are_va_bits"]),
    # caught by unit (and, without it, by test_vmwalk_indices_are_va_bits)
    Mistake("indices taken from the bottom level up", WALK, PAGETABLE,
            "unsigned index = table_index(va, level);",
            "unsigned index = table_index(va, PT_LEVELS - 1 - level);",
            ["unit", "test_vmwalk_indices_are_va_bits"]),
    # caught by unit (and, without it, by test_vmwalk_indices_are_va_bits: three
    # levels for a 4 KiB page)
    Mistake("levels counts the levels read from zero", WALK, PAGETABLE,
            "w->levels = level + 1;",
            "w->levels = level;",
            ["unit", "test_vmwalk_indices_are_va_bits"]),
    # caught by unit (and, without it, by test_vmwalk_direct_map)
    Mistake("only a PT entry is taken for a leaf: a 2 MiB page is walked into", WALK,
            PAGETABLE,
            "if (is_leaf(entry, level)) {\n\t\t\trecord_translation(w, va, level);",
            "if (level == PT_LEAF_LEVEL) {\n\t\t\trecord_translation(w, va, level);",
            ["unit", "test_vmwalk_direct_map"]),
    # caught by unit (and, without it, by test_vmwalk_indices_are_va_bits)
    Mistake("the next table's address keeps the entry's flag bits", WALK, PAGETABLE,
            "table = next_table_of(entry);",
            "table = entry;",
            ["unit", "test_vmwalk_indices_are_va_bits"]),

    # --- find_or_make_table -----------------------------------------------------
    # caught by unit (pt_map_4k_walk_records_each_level; lab 4's user pages)
    Mistake("a new table is linked in without U: nothing below it is user's", NEXT_TABLE,
            PAGETABLE,
            "*entry = fresh | TABLE_ENTRY_FLAGS;",
            "*entry = fresh | PTE_PRESENT | PTE_WRITE;",
            ["unit"]),
    # caught by unit (and, without it, by test_vmmap_makes_tables_then_finds_them:
    # vm_init fails, which the test quotes)
    Mistake("the table found keeps the entry's flag bits", NEXT_TABLE, PAGETABLE,
            "*table = next_table_of(*entry);",
            "*table = *entry;",
            ["unit", "test_vmmap_makes_tables_then_finds_them"]),
    # caught by unit (pt_map_out_of_memory_leaks_nothing)
    Mistake("a failed table allocation is linked in as table 0", NEXT_TABLE, PAGETABLE,
            "\tif (!fresh)\n\t\treturn -ENOMEM;\n\t*entry = fresh",
            "\t*entry = fresh",
            ["unit"]),
    # caught by unit (and, without it, by test_vmmap_makes_tables_then_finds_them)
    Mistake("the new table is used but never linked into its parent", NEXT_TABLE,
            PAGETABLE,
            "\t*entry = fresh | TABLE_ENTRY_FLAGS;\n\t*table = fresh;",
            "\t*table = fresh;",
            ["unit", "test_vmmap_makes_tables_then_finds_them"]),

    # --- the kernel image with least privilege ---------------------------------
    # caught by test_vmwalk_kernel_image_matches_elf[.rodata]
    Mistake("rodata left executable", LEAST_PRIVILEGE, VM,
            "map_section(__rodata_start, __data_start, vm_no_execute(),",
            "map_section(__rodata_start, __data_start, 0,",
            ["test_vmwalk_kernel_image_matches_elf"]),
    # caught by test_showmappings_w_xor_x (the boot's W^X check stops it; the test
    # quotes the broken invariant)
    Mistake("text mapped writable", LEAST_PRIVILEGE, VM,
            'map_section(__text_start, __rodata_start, 0, "kernel text")',
            'map_section(__text_start, __rodata_start, PTE_WRITE, "kernel text")',
            ["test_showmappings_w_xor_x"]),
    # caught by test_fault_permissions (the boot's W^X check stops it)
    Mistake("data and bss left executable", LEAST_PRIVILEGE, VM,
            "map_section(__data_start, __kernel_end, PTE_WRITE | vm_no_execute(),",
            "map_section(__data_start, __kernel_end, PTE_WRITE,",
            ["test_fault_permissions"]),
    # caught by test_showmappings_kernel_sections_match_elf
    Mistake("text and rodata mapped together, read+execute", LEAST_PRIVILEGE, VM,
            'map_section(__text_start, __rodata_start, 0, "kernel text");\n'
            "\tmapped = mapped && map_section(__rodata_start, __data_start, vm_no_execute(),\n"
            '\t\t\t\t       "kernel read-only data");',
            'map_section(__text_start, __data_start, 0, "kernel text and rodata");',
            ["test_showmappings_kernel_sections_match_elf"]),

    # --- take_object -------------------------------------------------------------
    # caught by unit (a crash, named) (and, without it, by test_kmtest_stress_passes)
    Mistake("a slab left with nothing free stays on the partial list", TAKE, KHEAP,
            "\tif (s->free_count == 0) {\n\t\tlist_remove(&s->link);\n"
            "\t\tlist_push_front(&h->full[class_index], &s->link);\n\t}\n\treturn obj;",
            "\treturn obj;",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (a crash, named) (and, without it, by test_kmtest_stress_passes)
    Mistake("a slab moves to the full list while one object is still free", TAKE, KHEAP,
            "if (s->free_count == 0) {",
            "if (s->free_count == 1) {",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (and, without it, by test_kmtest_stress_passes)
    Mistake("first_free not moved on: the same object handed out again", TAKE, KHEAP,
            "\ts->first_free = obj->next_free;\n",
            "",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (and, without it, by test_kmtest_stress_passes)
    Mistake("the object taken is the one free_count points at, not first_free", TAKE,
            KHEAP,
            "struct object *obj = object_at(s, s->first_free);",
            "struct object *obj = object_at(s, s->free_count - 1);",
            ["unit", "test_kmtest_stress_passes"]),

    # --- put_object --------------------------------------------------------------
    # caught by unit (and, without it, by test_kmtest_stress_passes)
    Mistake("a full slab with room again is not put back on the partial list", GIVE,
            KHEAP,
            "if (s->free_count == 1) {",
            "if (s->free_count == 0) {",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (and, without it, by test_kmtest_stress_passes: the boot's heap
    # check stops it)
    Mistake("a slab released one object before it is empty", GIVE, KHEAP,
            "if (s->free_count == slab_capacity(s->class_index)) {",
            "if (s->free_count == slab_capacity(s->class_index) - 1) {",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (and, without it, by test_kmtest_stress_passes)
    Mistake("the object given back is not marked free", GIVE, KHEAP,
            "\tobj->state = OBJECT_FREE;\n\tobj->next_free = s->first_free;",
            "\tobj->next_free = s->first_free;",
            ["unit", "test_kmtest_stress_passes"]),
    # caught by unit (and, without it, by test_kmtest_stress_passes)
    Mistake("an empty slab's page goes back while it is still on its list", GIVE, KHEAP,
            "\t\tlist_remove(&s->link);\n\t\treturn true;",
            "\t\treturn true;",
            ["unit", "test_kmtest_stress_passes"]),

    # --- a permission change takes effect at once ---------------------------------
    # caught by test_setperm_read_only_then_writable, both page sizes
    Mistake("no invlpg after changing the entry", CACHED, VM,
            "int err = pt_protect(&kernel_as, va, perm);\n\tif (err == 0)\n"
            "\t\thal.flush_tlb(va);",
            "int err = pt_protect(&kernel_as, va, perm);",
            ["test_setperm_read_only_then_writable"]),
    # caught by test_setperm_read_only_then_writable, both page sizes
    Mistake("invlpg given the physical address", CACHED, VM,
            "\t\thal.flush_tlb(va);\n\tspin_unlock(&kernel_vm_lock);\n\treturn err;",
            "\t\thal.flush_tlb(virt_to_phys((const void *)va));\n"
            "\tspin_unlock(&kernel_vm_lock);\n\treturn err;",
            ["test_setperm_read_only_then_writable"]),
    # caught by test_setperm_read_only_then_writable, both page sizes
    Mistake("invlpg of the variable holding the address, not of the address", CACHED,
            "kernel/arch/x86_64/cpu.h",
            '__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");',
            '__asm__ volatile("invlpg %0" : : "m"(va) : "memory");',
            ["test_setperm_read_only_then_writable"]),
    # caught by test_setperm_read_only_then_writable, both page sizes
    Mistake("the flush is on the failure branch", CACHED, VM,
            "int err = pt_protect(&kernel_as, va, perm);\n\tif (err == 0)",
            "int err = pt_protect(&kernel_as, va, perm);\n\tif (err != 0)",
            ["test_setperm_read_only_then_writable"]),

    # --- a 4 KiB mapping inside a 2 MiB mapping is refused -----------------------
    # caught by unit (and, without it, by test_vmmap_inside_2m_page_refused)
    Mistake("no check for a 2 MiB page on the way down: its frame is taken for a table",
            INSIDE_HUGE, PAGETABLE,
            "\t\tif (*entry & PTE_HUGE)\n\t\t\treturn -EEXIST;\n",
            "",
            ["unit", "test_vmmap_inside_2m_page_refused"]),
    # caught by unit (and, without it, by test_vmmap_inside_2m_page_refused)
    Mistake("a 2 MiB page is treated as an empty entry and replaced by a new table",
            INSIDE_HUGE, PAGETABLE,
            "if (*entry & PTE_PRESENT) {\n\t\tif (*entry & PTE_HUGE)\n\t\t\treturn -EEXIST;\n",
            "if ((*entry & PTE_PRESENT) && !(*entry & PTE_HUGE)) {\n",
            ["unit", "test_vmmap_inside_2m_page_refused"]),
    # caught by unit (and, without it, by test_vmmap_inside_2m_page_refused)
    Mistake("refused as an invalid argument, not as something already there",
            INSIDE_HUGE, PAGETABLE,
            "if (*entry & PTE_HUGE)\n\t\t\treturn -EEXIST;",
            "if (*entry & PTE_HUGE)\n\t\t\treturn -EINVAL;",
            ["unit", "test_vmmap_inside_2m_page_refused"]),
    # caught by unit (the grader cannot see it: the direct map's page is dirty by then)
    Mistake("PS taken for bit 6 (that is D, dirty)", INSIDE_HUGE, PAGETABLE,
            "if (*entry & PTE_HUGE)\n\t\t\treturn -EEXIST;",
            "if (*entry & (1ull << 6))\n\t\t\treturn -EEXIST;",
            ["unit"]),
]
