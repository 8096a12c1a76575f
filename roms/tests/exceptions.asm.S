/* Exception handlers with the other return methods, for exceptions.c. They are installed by
   patching a RAM copy of the vector table. */
	.syntax unified
	.arm
	.text
/* UND: count, return with MOVS pc, lr (LR = next instruction). */
	.global h_und_movs
h_und_movs:
	push	{r0, r1}
	ldr	r0, =ret_hits
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	pop	{r0, r1}
	movs	pc, lr

/* DABT: count, return with SUBS pc, lr, #4 (skip the aborted instruction). */
	.global h_dabt_subs
h_dabt_subs:
	push	{r0, r1}
	ldr	r0, =ret_hits
	ldr	r1, [r0]
	add	r1, r1, #0x10
	str	r1, [r0]
	pop	{r0, r1}
	subs	pc, lr, #4

/* PABT (BKPT): SRSDB to our own stack, copy what SRS stored, return with RFEIA. */
	.global h_pabt_srs
h_pabt_srs:
	srsdb	sp!, #0x17
	push	{r0, r1}
	ldr	r0, [sp, #8]
	ldr	r1, =srs_words
	str	r0, [r1]
	ldr	r0, [sp, #12]
	str	r0, [r1, #4]
	ldr	r0, =ret_hits
	ldr	r1, [r0]
	add	r1, r1, #0x100
	str	r1, [r0]
	pop	{r0, r1}
	rfeia	sp!

/* SVC: SRSDB onto its own stack, r0 = the SVC immediate, return with RFEIA. */
	.global h_svc_srs_rfe
h_svc_srs_rfe:
	srsdb	sp!, #0x13
	ldr	r0, [lr, #-4]
	bic	r0, r0, #0xff000000
	ldr	r1, =ret_hits
	ldr	r2, [r1]
	add	r2, r2, #0x1000
	str	r2, [r1]
	rfeia	sp!

/* UND: SRS to the SVC stack (another mode), switch to SVC, RFE from there. */
	.global h_und_srs_svc
h_und_srs_svc:
	srsdb	sp, #0x13		@ no writeback: SVC's sp stays, words go just below it
	cps	#0x13
	sub	sp, sp, #8
	push	{r0, r1}
	ldr	r0, =ret_hits
	ldr	r1, [r0]
	add	r1, r1, #0x10000
	str	r1, [r0]
	pop	{r0, r1}
	rfeia	sp!

	.bss
	.balign 4
	.global ret_hits, srs_words
ret_hits:	.space 4
srs_words:	.space 8
