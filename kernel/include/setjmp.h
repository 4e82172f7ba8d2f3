/* Non-local jumps for the kernel (the architecture implements them). */
#ifndef AURORA_SETJMP_H
#define AURORA_SETJMP_H

#include <stdint.h>

typedef uint64_t jmp_buf[8];

__attribute__((returns_twice)) int setjmp(jmp_buf env);
__attribute__((noreturn)) void longjmp(jmp_buf env, int value);

#endif
