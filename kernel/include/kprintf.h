#ifndef AURORA_KPRINTF_H
#define AURORA_KPRINTF_H

#include <stdint.h>

/* printf to the console (format.h lists the conversions). */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report a kernel bug with a backtrace, and stop. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* Print "name+0xoffset" for a code address, or "?" outside the kernel. */
void print_symbol(uint64_t addr);

#endif
