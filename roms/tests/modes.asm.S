/* Mode switching helpers for modes.c. */
	.syntax unified
	.arm
	.text
	.macro setmode m
	cps	#\m
	.endm

/* void bank_test(u32 *out): gives every mode distinct r13/r14/SPSR (and r8-r12 in FIQ and
   User) values, switching with CPS, then reads them back switching with MSR CPSR_c into
   out[mode*8 + i] for modes FIQ,IRQ,ABT,UND,SYS,SVC: r8..r12, sp, lr, spsr (SYS: 0).
   Restores every mode's startup stack before returning. */
	.global bank_test
bank_test:
	push	{r4-r11, lr}
	ldr	r1, =saved_svc
	str	sp, [r1]
	mov	r7, r0
	mov	r8, #0x80
	mov	r9, #0x90
	mov	r10, #0xa0
	mov	r11, #0xb0
	mov	r12, #0xc0
	setmode	0x11
	ldr	r8, =0xf8f8f8f8
	ldr	r9, =0xf9f9f9f9
	ldr	r10, =0xfafafafa
	ldr	r11, =0xfbfbfbfb
	ldr	r12, =0xfcfcfcfc
	ldr	sp, =0x11111113
	ldr	lr, =0x1111111e
	ldr	r0, =0x800001d1		@ N + mode bits, a valid PSR value
	msr	spsr_fsxc, r0
	setmode	0x12
	ldr	sp, =0x12121213
	ldr	lr, =0x1212121e
	ldr	r0, =0x400001d2
	msr	spsr_fsxc, r0
	setmode	0x17
	ldr	sp, =0x17171713
	ldr	lr, =0x1717171e
	ldr	r0, =0x200001d7
	msr	spsr_fsxc, r0
	setmode	0x1b
	ldr	sp, =0x1b1b1b13
	ldr	lr, =0x1b1b1b1e
	ldr	r0, =0x100001db
	msr	spsr_fsxc, r0
	setmode	0x1f
	ldr	sp, =0x1f1f1f13
	ldr	lr, =0x1f1f1f1e
	setmode	0x13
	mrs	r6, spsr
	ldr	r0, =0x080001d3
	msr	spsr_fsxc, r0
	mov	r0, r7
	.irp m, 0xd1, 0xd2, 0xd7, 0xdb, 0xdf, 0xd3
	msr	cpsr_c, #\m
	stmia	r0!, {r8-r12}
	str	sp, [r0], #4
	str	lr, [r0], #4
	.if \m == 0xdf
	mov	r2, #0
	.else
	mrs	r2, spsr
	.endif
	str	r2, [r0], #4
	.endr
	msr	spsr_fsxc, r6
	bl	bank_restore_stacks
	ldr	r1, =saved_svc
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/* void bank_restore_stacks(void): puts the startup stacks back into every mode. */
	.global bank_restore_stacks
bank_restore_stacks:
	mrs	r1, cpsr
	cps	#0x11
	ldr	sp, =__stack_fiq
	cps	#0x12
	ldr	sp, =__stack_irq
	cps	#0x17
	ldr	sp, =__stack_abt
	cps	#0x1b
	ldr	sp, =__stack_und
	cps	#0x1f
	ldr	sp, =__stack_usr
	msr	cpsr_c, r1
	bx	lr

/* u32 cps_mode(u32 mode_index): CPS to FIQ/IRQ/ABT/UND/SYS by index, read CPSR there, return. */
	.global cps_mode
cps_mode:
	mrs	r2, cpsr
	cmp	r0, #0
	bne	1f
	cps	#0x11
	b	9f
1:	cmp	r0, #1
	bne	2f
	cps	#0x12
	b	9f
2:	cmp	r0, #2
	bne	3f
	cps	#0x17
	b	9f
3:	cmp	r0, #3
	bne	4f
	cps	#0x1b
	b	9f
4:	cps	#0x1f
9:	mrs	r0, cpsr
	msr	cpsr_c, r2
	bx	lr

/* u32 movs_to_sys(void): enter SYS mode through an exception return (MOVS pc, lr) from SVC,
   read CPSR there, come back with CPS. */
	.global movs_to_sys
movs_to_sys:
	push	{r4, lr}
	mov	r4, sp
	mrs	r3, spsr
	ldr	r0, =0x600001df		@ Z, C, SYS
	msr	spsr_fsxc, r0
	adr	lr, 1f
	movs	pc, lr
1:	mrs	r0, cpsr
	cps	#0x13
	mov	sp, r4
	msr	spsr_fsxc, r3
	pop	{r4, pc}

/* u32 try_msr_mode(u32 psr_c): MSR CPSR_c with the given value, return CPSR, go back to SVC. */
	.global try_msr_mode
try_msr_mode:
	mrs	r2, cpsr
	mov	r3, sp
	msr	cpsr_c, r0
	mrs	r0, cpsr
	msr	cpsr_c, r2
	mov	sp, r3
	bx	lr

	.bss
	.balign 4
saved_svc:	.space 8
