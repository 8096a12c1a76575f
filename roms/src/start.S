/* Startup shared by every program: stacks for each mode, zeroed .bss, vectors at VBAR, then
   main(); its return value becomes the semihosting exit code. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	/* A stack for each exception mode (MSR to CPSR_c switches mode from a privileged one). */
	msr	cpsr_c, #0xd1		@ FIQ
	ldr	sp, =__stack_fiq
	msr	cpsr_c, #0xd2		@ IRQ
	ldr	sp, =__stack_irq
	msr	cpsr_c, #0xd7		@ ABT
	ldr	sp, =__stack_abt
	msr	cpsr_c, #0xdb		@ UND
	ldr	sp, =__stack_und
	msr	cpsr_c, #0xdf		@ SYS (= User's sp)
	ldr	sp, =__stack_usr
	msr	cpsr_c, #0xd3		@ SVC
	ldr	sp, =__stack_svc
	/* Zero .bss. */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	/* Exceptions go to our table. */
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	isb
	bl	main
	bl	semi_exit
2:	b	2b

/* uint32_t semihost(uint32_t op, uint32_t param): the A32 semihosting trap. */
	.text
	.global semihost
semihost:
	svc	#0x123456
	bx	lr
