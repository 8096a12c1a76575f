/* Start-up of the bus probes: entered like a Linux image (QEMU's boot stub at RAM start, then
   RAM + 0x10000, r1 = board id), in SVC with interrupts masked. Sets the SVC and abort stacks,
   clears .bss, points VBAR at our vectors and calls main(); main's value is the exit code
   (semihosting SYS_EXIT_EXTENDED). IRQs call on_irq() if the program has one. Data aborts resume at the next instruction, prefetch aborts
   at probe_resume; both record the fault registers in `fault`. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global	_start
_start:
	cpsid	aif
	cps	#0x17			@ abort mode stack
	ldr	sp, =__stack_abt
	cps	#0x12			@ IRQ mode stack
	ldr	sp, =__stack_irq
	cps	#0x13
	ldr	sp, =__stack_svc
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	isb
	bl	main
	mov	r1, r0
	ldr	r0, =exit_block
	str	r1, [r0, #4]
	mov	r1, r0
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456
2:	b	2b

	.text
	.balign	32
vectors:
	b	.			@ reset
	b	.			@ undefined
	b	.			@ svc
	b	on_pabt
	b	on_dabt
	b	.
	b	irq_entry
	b	.			@ fiq

/* fault = { count, kind (3 pabt, 4 dabt), fsr, far, lr } */
on_dabt:
	push	{r0, r1}
	ldr	r0, =fault
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	mov	r1, #4
	str	r1, [r0, #4]
	mrc	p15, 0, r1, c5, c0, 0	@ DFSR
	str	r1, [r0, #8]
	mrc	p15, 0, r1, c6, c0, 0	@ DFAR
	str	r1, [r0, #12]
	str	lr, [r0, #16]
	pop	{r0, r1}
	subs	pc, lr, #4		@ resume after the faulting instruction

on_pabt:
	ldr	r0, =fault
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	mov	r1, #3
	str	r1, [r0, #4]
	mrc	p15, 0, r1, c5, c0, 1	@ IFSR
	str	r1, [r0, #8]
	mrc	p15, 0, r1, c6, c0, 2	@ IFAR
	str	r1, [r0, #12]
	str	lr, [r0, #16]
	ldr	lr, =probe_resume
	ldr	lr, [lr]
	movs	pc, lr			@ back to SVC (SPSR) at the resume point

/* IRQ: C handler on_irq() (programs that take interrupts define it), then return. */
	.weak	on_irq
irq_entry:
	sub	lr, lr, #4
	push	{r0-r3, r12, lr}
	ldr	r0, =on_irq
	cmp	r0, #0
	blxne	r0
	pop	{r0-r3, r12, lr}
	movs	pc, lr

/* u32 probe_read32(u32 addr), probe_read8: a faulting read returns 0xdead0000 | kind. */
	.global	probe_read32
probe_read32:
	mov	r1, r0
	ldr	r0, =0xdead0004
	ldr	r0, [r1]
	bx	lr
	.global	probe_read8
probe_read8:
	mov	r1, r0
	ldr	r0, =0xdead0004
	ldrb	r0, [r1]
	bx	lr
	.global	probe_write32
probe_write32:
	str	r1, [r0]
	bx	lr
/* void probe_exec(u32 addr): branch there; a prefetch abort comes back through probe_resume. */
	.global	probe_exec
probe_exec:
	push	{r4-r11, lr}
	ldr	r1, =probe_resume
	adr	r2, 1f
	str	r2, [r1]
	blx	r0
1:	pop	{r4-r11, pc}
/* Where the landing pad at RAM start branches: back to probe_exec's caller. */
	.global	probe_landed
probe_landed:
	ldr	lr, =probe_resume
	ldr	pc, [lr]

	.data
	.global	fault
fault:
	.word	0, 0, 0, 0, 0
	.global	probe_resume
probe_resume:
	.word	0
exit_block:
	.word	0x20026, 0		@ ADP_Stopped_ApplicationExit, code
