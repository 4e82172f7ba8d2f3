/*
 * The steps of loading a program that do not care where its bytes come
 * from (shared code): the kernel's loader (kernel/exec/exec.c) runs them on
 * a file from the ramfs, the lab-4 visualiser on a file in the browser.
 */
#ifndef AURORA_EXEC_IMAGE_H
#define AURORA_EXEC_IMAGE_H

#include <stdint.h>
#include "elf.h"
#include "ustack.h"
#include "uvm.h"

/* The most bytes of argument and environment strings execve takes. */
#define EXEC_STRINGS_MAX (64 * 1024)
/* The buffer the initial stack is built in: the strings, the pointers, the auxv. */
#define EXEC_STACK_IMAGE_MAX (EXEC_STRINGS_MAX + 16 * 1024)
/* The auxv entries exec_auxv makes (ustack_build adds AT_RANDOM, AT_EXECFN, AT_NULL). */
#define EXEC_AUXV_MAX 16

/*
 * Map segment s of a program whose file is image (elf_parse checked that
 * the segment lies inside it): a region with the segment's permissions,
 * the file's bytes copied in, the rest (.bss) left to demand-zero pages.
 * 0 or -errno.
 */
int exec_load_segment(struct uvm *uvm, const struct elf_segment *s, const uint8_t *image);
/* The end of the highest segment, page aligned: where the heap begins. */
uint64_t exec_image_end(const struct elf_info *info);
/* AT_RANDOM's 16 bytes, mixed from *state (splitmix64), which advances.
   The kernel seeds it from the timestamp counter: enough to vary stack
   canaries between runs, not a cryptographic source. */
void exec_random_bytes(uint64_t *state, uint8_t out[16]);
/* The auxiliary vector a program gets; how many entries. */
unsigned exec_auxv(const struct elf_info *info, struct auxv_pair aux[EXEC_AUXV_MAX]);
/* The stack's region: USER_STACK_MAX below USER_STACK_TOP, demand-zero. */
int exec_map_stack(struct uvm *uvm);
/* Copy the stack ustack_build made in buf (whose last byte will be at
   USER_STACK_TOP - 1) from sp up. */
int exec_fill_stack(struct uvm *uvm, const uint8_t buf[EXEC_STACK_IMAGE_MAX], uint64_t sp);

#endif
