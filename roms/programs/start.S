/* Start-up for the hard-float Thumb-2 program on QEMU -M virt (bare metal, newlib + rdimon
   semihosting): enable VFP/NEON (CPACR cp10/cp11 full access, FPEXC.EN), set the stack,
   clear .bss, run newlib's init and main, exit with main's value. Thumb-2 throughout. */
	.syntax unified
	.thumb
	.section .text.start, "ax"
	.global	_start
	.type	_start, %function
	.thumb_func
_start:
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000
	vmsr	fpexc, r0
	ldr	r0, =__stack_top
	mov	sp, r0
	ldr	r0, =__bss_start__
	ldr	r1, =__bss_end__
	movs	r2, #0
1:	cmp	r0, r1
	bhs	2f
	str	r2, [r0], #4
	b	1b
2:	bl	initialise_monitor_handles
	bl	__libc_init_array
	movs	r0, #0
	movs	r1, #0
	bl	main
	bl	exit
3:	b	3b
	.ltorg

/* newlib's __libc_init_array calls _init; nothing to do here (crti/crtn are not linked). */
	.global	_init
	.type	_init, %function
	.thumb_func
_init:
	bx	lr
