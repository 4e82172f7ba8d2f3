/*
 * Program entry in the browser.  The kernel writes the System V initial
 * stack into the module's memory, as on x86_64, with 64-bit slots:
 *
 *	sp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxiliary vector
 *
 * and calls the exported _start with sp.  A pointer here is 32 bits, so
 * argv and envp are narrowed in place into C's arrays: entry i goes to
 * bytes 4i..4i+3, which slot i/2 held, already read.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Two parameters, not crt0.S's three: in WebAssembly a call must match
   its callee's type exactly, and every program's main takes (argc, argv)
   or nothing (which clang wraps in a main taking both).  Programs reach
   the environment through environ. */
int main(int argc, char **argv);

/* memcpy, not a uint64_t load: the slots and the pointers written over
   them are the same bytes, which typed accesses may not share. */
static uint64_t read_slot(const unsigned char *slot)
{
	uint64_t value;

	memcpy(&value, slot, sizeof(value));
	return value;
}

/* Narrow a NULL-terminated array of 64-bit slots into char *s in place. */
static char **narrow_vector(unsigned char *slots)
{
	char **vector = (char **)slots;
	size_t i = 0;
	uint64_t value;

	do {
		value = read_slot(slots + 8 * i);
		char *pointer = (char *)(uintptr_t)value;
		memcpy(&vector[i++], &pointer, sizeof(pointer));
	} while (value);
	return vector;
}

/*
 * A function pointer here is an index into the module's function table,
 * and the indices start at 1, which is SIG_IGN's value: a handler given
 * index 1 would be taken for SIG_IGN.  This object is linked first, so
 * this placeholder takes index 1 and no handler can; _start checks it.
 */
static void sig_ign_placeholder(void)
{
}

__attribute__((used)) void (*volatile const __aurora_table_slot_1)(void) = sig_ign_placeholder;

void _start(uint32_t sp)
{
	unsigned char *stack = (unsigned char *)(uintptr_t)sp;

	if ((uintptr_t)__aurora_table_slot_1 != (uintptr_t)SIG_IGN)
		__builtin_trap();	/* the link put another function at index 1 */
	int argc = (int)read_slot(stack);
	char **argv = narrow_vector(stack + 8);

	/* envp starts past argv's argc slots and its NULL. */
	environ = narrow_vector(stack + 8 * (argc + 2));
	exit(main(argc, argv));
}
