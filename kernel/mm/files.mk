# Memory: the buddy allocator, the heap, page tables, user address spaces, the overcommit rule, and the kernel's use of them.
shared := buddy.c kheap.c pagetable.c pagetable_check.c uvm.c uvm_check.c overcommit.c
core := sys_mem.c kmalloc.c
kernel-only := physmem.c vm.c kstack.c user_memory.c cmd_heap.c cmd_vm.c \
	cmd_memory.c
