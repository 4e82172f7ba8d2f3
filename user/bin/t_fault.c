/*
 * t_fault null|write-ro|exec-data|kernel: make one bad memory access, which
 * the kernel must answer by killing the process with SIGSEGV:
 *
 *   null       read address 0
 *   write-ro   write into the program's own (read-only) code
 *   exec-data  jump into a data page (which must not be executable)
 *   kernel     read the kernel's code at 0xffffffff80100000
 *
 * Surviving the access is a failure: it prints so and exits 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* volatile, so that the compiler cannot see the address is bad (it would
   put a trap instruction there instead of the access). */
static volatile uintptr_t address;

/* A return instruction, in .data. */
static unsigned char data_code[16] = { 0xc3 };

static void read_at(uintptr_t addr)
{
	address = addr;
	(void)*(volatile char *)address;
}

int main(int argc, char **argv)
{
	const char *kind = argc == 2 ? argv[1] : "";

	if (strcmp(kind, "null") == 0) {
		read_at(0);
	} else if (strcmp(kind, "write-ro") == 0) {
		address = (uintptr_t)&main;
		*(volatile char *)address = 0;
	} else if (strcmp(kind, "exec-data") == 0) {
		address = (uintptr_t)data_code;
		((void (*)(void))address)();
	} else if (strcmp(kind, "kernel") == 0) {
		read_at(0xffffffff80100000);
	} else {
		fprintf(stderr, "usage: t_fault null|write-ro|exec-data|kernel\n");
		return 2;
	}
	printf("t_fault %s: FAIL: the bad access did not kill the process\n", kind);
	return 1;
}
