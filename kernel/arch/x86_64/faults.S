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
