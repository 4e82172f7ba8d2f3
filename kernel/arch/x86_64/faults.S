/*
 * Deliberate exceptions, for `fault <kind>` in the monitor.  Each function
 * raises one; the global label *_insn marks the instruction that does it,
 * so the grader can check the RIP in the report against the symbol table.
 */
#define FAULT_ADDRESS	0xdeadb000	/* lower half: nothing is mapped there */
#define NON_CANONICAL	0x8000000000000000

	.text
	.macro fault_function name
	.globl \name, \name\()_insn
	.type \name, @function
\name:
	pushq	%rbp
	movq	%rsp, %rbp
	.endm

	.macro fault_return
	popq	%rbp
	ret
	.endm

fault_function fault_divide
	movl	$1, %eax
	xorl	%edx, %edx
	xorl	%ecx, %ecx
fault_divide_insn:
	divl	%ecx
	fault_return

/* A trap: the report's RIP is the instruction after int3, and we resume. */
fault_function fault_breakpoint
fault_breakpoint_insn:
	int3
	fault_return

fault_function fault_invalid_opcode
fault_invalid_opcode_insn:
	ud2
	fault_return

fault_function fault_general_protection
	movabsq	$NON_CANONICAL, %rax
fault_general_protection_insn:
	movq	(%rax), %rax
	fault_return

fault_function fault_page_read
	movl	$FAULT_ADDRESS, %eax
fault_page_read_insn:
	movq	(%rax), %rax
	fault_return

fault_function fault_page_write
	movl	$FAULT_ADDRESS, %eax
fault_page_write_insn:
	movq	$0, (%rax)
	fault_return

/* Point RSP at unmapped memory: the push faults, and so does the CPU's
   attempt to push the page fault's frame there; that is a double fault. */
fault_function fault_double
	movq	$FAULT_ADDRESS, %rsp
fault_double_insn:
	pushq	$0
	fault_return

/* Lab 2: the kernel's page permissions at work. */

/* Kernel text is mapped read+execute: a write to it is a protection fault. */
fault_function fault_write_text
	leaq	fault_write_text(%rip), %rax
fault_write_text_insn:
	movb	$0xc3, (%rax)
	fault_return

/* Data is mapped no-execute: jumping to it faults on the instruction fetch,
   with RIP (and CR2) the address of the data. */
fault_function fault_exec_data
	leaq	fault_data_byte(%rip), %rax
fault_exec_data_insn:
	call	*%rax
	fault_return

/* Push until the stack runs into its guard page.  The CPU cannot push the
   page fault's frame either, so this ends as a double fault. */
fault_function fault_stack_overflow
fault_stack_overflow_insn:
	pushq	$0
	jmp	fault_stack_overflow_insn

	.data
	.globl fault_data_byte
fault_data_byte:
	.byte	0xc3		/* ret, if it ever ran */
