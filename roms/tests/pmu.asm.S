/* Counted loops and the IRQ entry of pmu.c. Each loop brackets a known number of instructions
   between two counter reads: the difference is n * body + 1 instructions (the loop, then the
   second read), whatever the counter reading instruction itself counts. */
	.syntax unified
	.arm
	.text

/* u32 cycles_loop(u32 n): PMCCNTR after - before a loop of n x (subs, bne): 2n + 1 instructions. */
	.global cycles_loop
cycles_loop:
	mrc	p15, 0, r2, c9, c13, 0
1:	subs	r0, r0, #1
	bne	1b
	mrc	p15, 0, r3, c9, c13, 0
	sub	r0, r3, r2
	bx	lr

/* u32 cycles_loop3(u32 n): the same with a 3-instruction body: 3n + 1 instructions. */
	.global cycles_loop3
cycles_loop3:
	mrc	p15, 0, r2, c9, c13, 0
1:	subs	r0, r0, #1
	nop
	bne	1b
	mrc	p15, 0, r3, c9, c13, 0
	sub	r0, r3, r2
	bx	lr

/* u32 event0_loop(u32 n): PMEVCNTR0 after - before a loop of n x (subs, bne). */
	.global event0_loop
event0_loop:
	mrc	p15, 0, r2, c14, c8, 0
1:	subs	r0, r0, #1
	bne	1b
	mrc	p15, 0, r3, c14, c8, 0
	sub	r0, r3, r2
	bx	lr

/* void spin(u32 n): n x (subs, bne); an interrupt handler sees the remaining count in r0. */
	.global spin, spin_loop, spin_end
spin:
spin_loop:
	subs	r0, r0, #1
	bne	spin_loop
spin_end:
	bx	lr

/* IRQ entry: pmu_irq(frame) with frame = r0-r3, r12, the interrupted pc. */
	.global pmu_irq_entry
pmu_irq_entry:
	sub	lr, lr, #4
	stmfd	sp!, {r0-r3, r12, lr}
	mov	r0, sp
	bl	pmu_irq
	ldmfd	sp!, {r0-r3, r12, pc}^
