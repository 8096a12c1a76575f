/* Differential-test harness (test/diff): runs many generated A32 test cases in one boot on
   QEMU -M virt (and armlet), printing each case's final state on the PL011.

   The TypeScript side (test/diff/program.ts) appends a case image at HDR:
     +0 magic "DIFF", +4 number of cases, +8 window base, +12 window size in words,
     +16 value of window word 0 (word i holds it + i * FILL_STEP), +20 address of case 0,
     +24 bits to set in SCTLR before the first case (e.g. A, bit 1: alignment checking).
   Each case entry is 72 bytes: r0-r14 (+0), CPSR (+60, User mode), code address (+64).
   A case's code runs in User mode and ends with an SVC; undefined instructions and aborts
   end it too. Per case one line is printed (all numbers 8-digit hex):
     @<index> <vector> <pc offset> <r0..r14> <cpsr> [<fsr> <far>] [ <offset>=<word>...]
   vector: 1 undefined, 2 SVC (normal end), 3 prefetch abort, 4 data abort, 5 IRQ, 6 FIQ,
   7 unused vector; pc offset = exception LR - case code address; fsr/far only for aborts;
   then the window words that differ from the fill pattern (they are restored afterwards).
   FP/Thumb extension: header +28 holds flags; bit 0 set means every case entry is 328 bytes,
   with the FPSCR at +68 and D0-D31 at +72 (little-endian doublewords), loaded before the case;
   its line then carries, after the CPSR (and fsr/far), " F <fpscr> <d0>...<d31>" (each D
   register as 16 hex digits, high word first). CPACR grants cp10/cp11 full access and FPEXC.EN
   is set at reset. A case whose CPSR has T set runs in Thumb state (entered by the exception
   return); SCTLR.TE stays 0, so the handlers run in ARM state either way.
   Built by test/diff/build-harness.sh into roms/bin/diff-harness.bin, linked at 0x40000000. */
	.syntax unified
	.arm

	.equ	UART, 0x09000000
	.equ	HDR, 0x40100000
	.equ	MAGIC, 0x46464944
	.equ	SAVE, 0x40080000	@ user r0-r14, SPSR, LR, vector, FSR, FAR
	.equ	STATE, 0x40080100	@ index, case pointer, count, window base, words, fill, entry size, flags
	.equ	FPSAVE, 0x40080200	@ FPSCR, pad, D0-D31
	.equ	ENTRY_SIZE, 72
	.equ	ENTRY_SIZE_FP, 328
	.equ	FILL_STEP, 0x9e3779b1

	.text
	.global	_start
_start:
	b	reset
	b	exc_und
	b	exc_svc
	b	exc_pabt
	b	exc_dabt
	b	exc_unused
	b	exc_irq
	b	exc_fiq

reset:
	msr	cpsr_c, #0xd3
	ldr	r0, =_start
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	isb
	/* Every exception mode's SP points at the save area: the handlers store the User
	   registers through it without touching any register first. */
	ldr	r0, =SAVE
	msr	cpsr_c, #0xd7		@ ABT
	mov	sp, r0
	msr	cpsr_c, #0xdb		@ UND
	mov	sp, r0
	msr	cpsr_c, #0xd2		@ IRQ
	mov	sp, r0
	msr	cpsr_c, #0xd1		@ FIQ
	mov	sp, r0
	msr	cpsr_c, #0xd3		@ SVC
	mov	sp, r0

	/* VFP/NEON on: CPACR cp10/cp11 full access, then FPEXC.EN. */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000
	vmsr	fpexc, r0

	ldr	r4, =HDR
	ldr	r0, [r4]
	ldr	r1, =MAGIC
	cmp	r0, r1
	bne	bad_header
	ldr	r8, =STATE
	mov	r0, #0
	str	r0, [r8, #0]
	ldr	r0, [r4, #20]
	str	r0, [r8, #4]
	ldr	r0, [r4, #4]
	str	r0, [r8, #8]
	ldr	r0, [r4, #8]
	str	r0, [r8, #12]
	ldr	r0, [r4, #12]
	str	r0, [r8, #16]
	ldr	r0, [r4, #16]
	str	r0, [r8, #20]
	ldr	r0, [r4, #28]
	str	r0, [r8, #28]
	tst	r0, #1
	moveq	r0, #ENTRY_SIZE
	ldrne	r0, =ENTRY_SIZE_FP
	str	r0, [r8, #24]
	ldr	r0, [r4, #24]
	mrc	p15, 0, r1, c1, c0, 0	@ SCTLR
	orr	r1, r1, r0
	mcr	p15, 0, r1, c1, c0, 0
	isb

	ldr	r0, =msg_start
	bl	puts
	ldr	r0, [r8, #8]
	bl	puthex
	mov	r0, #'\n'
	bl	putc

	/* Fill the memory window with the pattern. */
	ldr	r4, [r8, #12]
	ldr	r5, [r8, #16]
	ldr	r6, [r8, #20]
	ldr	r7, =FILL_STEP
	mov	r10, #0
1:	str	r6, [r4, r10, lsl #2]
	add	r6, r6, r7
	add	r10, r10, #1
	cmp	r10, r5
	blo	1b

next_case:
	ldr	r8, =STATE
	ldr	r0, [r8, #0]
	ldr	r1, [r8, #8]
	cmp	r0, r1
	bhs	finish
	ldr	lr, [r8, #4]		@ case entry
	ldr	r0, [r8, #28]
	tst	r0, #1
	beq	1f
	ldr	r0, [lr, #68]
	vmsr	fpscr, r0
	add	r0, lr, #72
	vldmia	r0!, {d0-d15}
	vldmia	r0, {d16-d31}
1:	ldr	r0, [lr, #60]
	msr	spsr_fsxc, r0
	clrex
	ldmia	lr, {r0-r14}^		@ User registers
	nop
	ldr	lr, [lr, #64]		@ code address
	movs	pc, lr			@ into the case, in User mode

exc_und:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #1
	mov	r1, #0
	mov	r2, #0
	b	case_end
exc_svc:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #2
	mov	r1, #0
	mov	r2, #0
	b	case_end
exc_pabt:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #3
	mrc	p15, 0, r1, c5, c0, 1	@ IFSR
	mrc	p15, 0, r2, c6, c0, 2	@ IFAR
	b	case_end
exc_dabt:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #4
	mrc	p15, 0, r1, c5, c0, 0	@ DFSR
	mrc	p15, 0, r2, c6, c0, 0	@ DFAR
	b	case_end
exc_irq:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #5
	b	case_end_nofsr
exc_fiq:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #6
	b	case_end_nofsr
exc_unused:
	stmia	sp, {r0-r14}^
	nop
	mov	r0, #7
case_end_nofsr:
	mov	r1, #0
	mov	r2, #0
case_end:
	str	r0, [sp, #68]
	str	lr, [sp, #64]
	mrs	r3, spsr
	str	r3, [sp, #60]
	str	r1, [sp, #72]
	str	r2, [sp, #76]
	msr	cpsr_c, #0xd3		@ back to SVC mode (its SP is the save area too)

	/* Report the case. */
	ldr	r8, =STATE
	ldr	r9, =SAVE
	mov	r0, #'@'
	bl	putc
	ldr	r0, [r8, #0]
	bl	puthex
	ldr	r0, [r9, #68]
	bl	putsp_hex
	ldr	r1, [r8, #4]
	ldr	r1, [r1, #64]
	ldr	r0, [r9, #64]
	sub	r0, r0, r1
	bl	putsp_hex
	mov	r10, #0
2:	ldr	r0, [r9, r10, lsl #2]	@ r0-r14, then the CPSR
	bl	putsp_hex
	add	r10, r10, #1
	cmp	r10, #16
	blo	2b
	ldr	r0, [r9, #68]
	cmp	r0, #3
	blo	3f
	cmp	r0, #4
	bhi	3f
	ldr	r0, [r9, #72]
	bl	putsp_hex
	ldr	r0, [r9, #76]
	bl	putsp_hex
3:	/* FP state: FPSCR and D0-D31. */
	ldr	r0, [r8, #28]
	tst	r0, #1
	beq	7f
	ldr	r4, =FPSAVE
	vmrs	r0, fpscr
	str	r0, [r4]
	add	r0, r4, #8
	vstmia	r0!, {d0-d15}
	vstmia	r0, {d16-d31}
	mov	r0, #' '
	bl	putc
	mov	r0, #'F'
	bl	putc
	ldr	r0, [r4]
	bl	putsp_hex
	mov	r10, #0
6:	add	r11, r4, r10, lsl #3
	ldr	r0, [r11, #12]
	bl	putsp_hex
	ldr	r0, [r11, #8]
	bl	puthex
	add	r10, r10, #1
	cmp	r10, #32
	blo	6b
7:	/* Window words that differ from the pattern: print them and put the pattern back. */
	ldr	r4, [r8, #12]
	ldr	r5, [r8, #16]
	ldr	r6, [r8, #20]
	ldr	r7, =FILL_STEP
	mov	r10, #0
4:	ldr	r11, [r4, r10, lsl #2]
	cmp	r11, r6
	beq	5f
	str	r6, [r4, r10, lsl #2]
	mov	r0, r10, lsl #2
	bl	putsp_hex
	mov	r0, #'='
	bl	putc
	mov	r0, r11
	bl	puthex
5:	add	r6, r6, r7
	add	r10, r10, #1
	cmp	r10, r5
	blo	4b
	mov	r0, #'\n'
	bl	putc
	ldr	r0, [r8, #0]
	add	r0, r0, #1
	str	r0, [r8, #0]
	ldr	r0, [r8, #4]
	ldr	r1, [r8, #24]
	add	r0, r0, r1
	str	r0, [r8, #4]
	b	next_case

finish:
	ldr	r0, =msg_end
	bl	puts
	ldr	r8, =STATE
	ldr	r0, [r8, #0]
	bl	puthex
	mov	r0, #'\n'
	bl	putc
	ldr	r1, =0x20026		@ ADP_Stopped_ApplicationExit
	b	exit

bad_header:
	ldr	r0, =msg_bad
	bl	puts
	ldr	r1, =0x20023		@ ADP_Stopped_InternalError
exit:
	mov	r0, #0x18		@ SYS_EXIT
	svc	#0x123456
6:	b	6b

/* Leaf output routines; they use r0-r3 and r12 only. */
putc:
	ldr	r12, =UART
	strb	r0, [r12]
	bx	lr
puts:
	ldr	r12, =UART
1:	ldrb	r1, [r0], #1
	cmp	r1, #0
	strbne	r1, [r12]
	bne	1b
	bx	lr
putsp_hex:
	ldr	r12, =UART
	mov	r1, #' '
	strb	r1, [r12]
puthex:
	ldr	r12, =UART
	mov	r2, r0
	mov	r1, #28
1:	mov	r3, r2, lsr r1
	and	r3, r3, #15
	cmp	r3, #10
	addlo	r3, r3, #'0'
	addhs	r3, r3, #('a' - 10)
	strb	r3, [r12]
	subs	r1, r1, #4
	bpl	1b
	bx	lr

	.ltorg
msg_start:
	.asciz	"DIFF-HARNESS "
msg_end:
	.asciz	"END "
msg_bad:
	.asciz	"BAD HEADER\n"
	.balign	4
