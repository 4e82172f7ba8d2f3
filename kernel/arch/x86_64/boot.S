/*
 * From GRUB to C.  GRUB's multiboot2 loader enters _start in 32-bit
 * protected mode, paging off, with EAX = the multiboot2 magic and EBX = the
 * physical address of the boot information.  We check that the CPU can run
 * 64-bit code, build page tables that map the first 4 GiB three times
 * (identity, so the next instruction after enabling paging still exists;
 * the top 2 GiB, where the kernel is linked; and the direct map at
 * DIRECT_MAP_BASE, through which the kernel reaches physical memory), switch
 * to long mode and call kmain() in the higher half.
 */
#include "memlayout.h"

#define MB2_MAGIC		0xe85250d6
#define MB2_ARCH_I386		0
#define MB2_BOOTLOADER_MAGIC	0x36d76289

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define PTE_P		0x1
#define PTE_W		0x2
#define PTE_PS		0x80
#define COM1		0x3f8

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* Entry address: _start, whatever the ELF entry says. */
	.balign 8
	.short 3, 0
	.long 12
	.long _start
	/* Console flags: we can drive an EGA text screen. */
	.balign 8
	.short 4, 0
	.long 12
	.long 2
	/* Framebuffer (optional, no preferred mode): where there is no text
	   mode, as under UEFI, pass us the firmware's framebuffer. */
	.balign 8
	.short 5, 1
	.long 20
	.long 0, 0, 0
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	$boot_stack_top, %esp
	movl	%eax, boot_magic
	movl	%ebx, boot_info

	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	movl	$msg_no_multiboot, %esi
	jne	boot_fail
	call	check_long_mode
	call	build_page_tables

	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	lgdt	boot_gdt_desc
	ljmp	$0x08, $long_mode_start

/* Long mode needs CPUID leaf 0x80000001 and its LM bit (EDX bit 29). */
check_long_mode:
	pushfl				/* can we flip EFLAGS.ID? then CPUID exists */
	popl	%eax
	movl	%eax, %ecx
	xorl	$(1 << 21), %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	cmpl	%eax, %ecx
	movl	$msg_no_cpuid, %esi
	je	boot_fail
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	movl	$msg_no_long_mode, %esi
	jb	boot_fail
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	boot_fail
	ret

/* 2 MiB pages: one page directory entry per 2 MiB, 4 directories for 4 GiB. */
build_page_tables:
	movl	$boot_pd, %edi
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	movl	%eax, (%edi, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax		/* bits 32+ of the address: i >> 11 */
	movl	%eax, 4(%edi, %ecx, 8)
	incl	%ecx
	cmpl	$(4 * 512), %ecx
	jne	1b

	xorl	%ecx, %ecx		/* the direct map: all four directories */
2:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$(boot_pd + PTE_P + PTE_W), %eax
	movl	%eax, boot_pdpt_direct(, %ecx, 8)
	incl	%ecx
	cmpl	$4, %ecx
	jne	2b

	movl	$(boot_pd + PTE_P + PTE_W), boot_pdpt_low
	movl	$(boot_pd + PTE_P + PTE_W), boot_pdpt_kernel + 8 * PDPT_INDEX(KERNEL_BASE)
	movl	$(boot_pdpt_low + PTE_P + PTE_W), boot_pml4
	movl	$(boot_pdpt_direct + PTE_P + PTE_W), boot_pml4 + 8 * PML4_INDEX(DIRECT_MAP_BASE)
	movl	$(boot_pdpt_kernel + PTE_P + PTE_W), boot_pml4 + 8 * PML4_INDEX(KERNEL_BASE)
	ret

/* Say why we cannot boot, on the serial line and the text screen, and stop. */
boot_fail:
	movl	$0xb8000, %edi
1:	lodsb
	testb	%al, %al
	jz	3f
	movb	%al, %ah
	movw	$(COM1 + 5), %dx	/* wait for the transmitter */
2:	inb	%dx, %al
	testb	$0x20, %al
	jz	2b
	movb	%ah, %al
	movw	$COM1, %dx
	outb	%al, %dx
	movb	$0x4f, %ah		/* white on red */
	movw	%ax, (%edi)
	addl	$2, %edi
	jmp	1b
3:	hlt
	jmp	3b

	.code64
long_mode_start:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorw	%ax, %ax
	movw	%ax, %fs
	movw	%ax, %gs
	movabsq	$higher_half_start, %rax
	jmp	*%rax

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_desc:
	.short	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt
boot_magic:
	.long	0
boot_info:
	.long	0
msg_no_multiboot:
	.asciz	"Aurora: not started by a multiboot2 boot loader; use GRUB (make iso)."
msg_no_cpuid:
	.asciz	"Aurora: this CPU has no CPUID instruction; it needs an x86_64 CPU."
msg_no_long_mode:
	.asciz	"Aurora: this CPU has no long mode (not x86_64); cannot boot."

	.section .boot.bss, "aw", @nobits
	.balign 4096
boot_pml4:		.skip 4096
boot_pdpt_low:		.skip 4096
boot_pdpt_kernel:	.skip 4096
boot_pdpt_direct:	.skip 4096
boot_pd:		.skip 4 * 4096
	.skip 4096
boot_stack_top:

/* Now in the higher half: drop to the kernel's real stack and call C. */
	.text
higher_half_start:
	.cfi_startproc
	.cfi_undefined rip		/* tell gdb: the outermost frame */
	movabsq	$boot_stack_top_high, %rsp
	xorl	%ebp, %ebp		/* the end of every backtrace */
	movl	boot_info, %edi
	call	kmain
1:	cli
	hlt
	jmp	1b
	.cfi_endproc

	.bss
	.balign 16
	.skip KERNEL_STACK_SIZE
boot_stack_top_high:
