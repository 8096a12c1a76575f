/* Exception vectors and the common entry stub. Every exception saves r0-r12, lr and SPSR on the
   handler mode's stack, calls exc_dispatch(type, frame) (lib.c), which records what happened and
   sets frame->pc (where to resume) and may change frame->spsr; the stub returns with LDM ^. */
	.syntax unified
	.arm
	.text
	.balign 32
	.global vectors
vectors:
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	.word	exc_reset, exc_und, exc_svc, exc_pabt, exc_dabt, exc_hyp, exc_irq, exc_fiq

/* A second table (for the VBAR test): same handlers, but UND and SVC first mark alt_hits. */
	.balign 32
	.global vectors_alt
vectors_alt:
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	.word	exc_reset, alt_und, alt_svc, exc_pabt, exc_dabt, exc_hyp, exc_irq, exc_fiq

alt_und:
	push	{r0, r1}
	ldr	r0, =alt_hits
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	pop	{r0, r1}
	b	exc_und
alt_svc:
	push	{r0, r1}
	ldr	r0, =alt_hits
	ldr	r1, [r0]
	add	r1, r1, #0x100
	str	r1, [r0]
	pop	{r0, r1}
	b	exc_svc

	.macro	entry name, type
\name:
	stmfd	sp!, {r0-r12, lr}
	mrs	r0, spsr
	sub	sp, sp, #8
	str	r0, [sp]		@ frame: spsr, pad, r0..r12, lr(resume pc)
	mov	r0, #\type
	mov	r1, sp
	bl	exc_dispatch
	ldr	r0, [sp]
	msr	spsr_cxsf, r0
	add	sp, sp, #8
	ldmfd	sp!, {r0-r12, pc}^
	.endm

	entry	exc_reset, 0
	entry	exc_und, 1
	entry	exc_svc, 2
	entry	exc_pabt, 3
	entry	exc_dabt, 4
	entry	exc_hyp, 5
	entry	exc_irq, 6
	entry	exc_fiq, 7

/* void run_user(void (*fn)(void)): runs fn in User mode; fn's return does SVC #0xf0, which the
   dispatcher turns into a return to SVC mode right after this call. Needs sp_usr set. */
	.global run_user
	.global run_user_back
run_user:
	push	{r4-r11, lr}
	ldr	r1, =run_user_sp
	str	sp, [r1]
	mov	r4, r0
	adr	lr, 1f
	msr	spsr_cxsf, #0x10
	movs	pc, lr
1:	blx	r4
	svc	#0xf0
run_user_back:
	ldr	r1, =run_user_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

	.bss
	.balign 4
	.global alt_hits
alt_hits:	.space 4
run_user_sp:	.space 4
