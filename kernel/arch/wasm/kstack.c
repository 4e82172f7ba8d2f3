/* Kernel stacks in the browser kernel: heap blocks.  A linear memory has
   no pages to leave unmapped, so there are no guard pages to check. */
#include "kmalloc.h"
#include "kstack.h"
#include "memlayout.h"

int kstack_init(void)
{
	return 0;
}

const struct kstack *kstack_create(const char *name)
{
	struct kstack *s = kmalloc(sizeof(*s));
	void *base = kmalloc(KERNEL_STACK_SIZE);

	if (!s || !base) {
		kfree(s);
		kfree(base);
		return NULL;
	}
	*s = (struct kstack){ .name = name, .base = (uintptr_t)base, .size = KERNEL_STACK_SIZE };
	return s;
}

void kstack_destroy(const struct kstack *stack)
{
	kfree((void *)(uintptr_t)stack->base);
	kfree((void *)stack);
}

const struct kstack *kstack_guarding(uint64_t va)
{
	(void)va;
	return NULL;
}

bool kstack_contains(uint64_t va)
{
	(void)va;
	return false;
}
