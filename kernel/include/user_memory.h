/* User address spaces over the kernel's frames (kernel/mm/user_memory.c). */
#ifndef AURORA_USER_MEMORY_H
#define AURORA_USER_MEMORY_H

#include "uvm.h"

/* An empty user address space sharing the kernel half. 0 or -ENOMEM. */
int user_memory_create(struct uvm *uvm);

#endif
