/* A64 differential-test harness (test/diff/a64-*.ts): runs many generated A64 test cases in
   one boot of qemu-system-aarch64 -M virt -cpu cortex-a57 (and armlet), printing each case's
   final state on the PL011.

   test/diff/a64-program.ts appends a case image at HDR:
     +0 magic "DF64", +4 number of cases, +8 window base, +12 window size in words,
     +16 value of window word 0 (word i holds it + i * FILL_STEP), +20 address of case 0
     (the table starts at +64),
     +24 bits to set in SCTLR_EL1 before the first case (e.g. A, bit 1: alignment checking),
     +28 flags: bit 0 = the cases carry V0-V31 and print them; bit 1 = check after every case
         that no case wrote outside the window: the harness code and the image (up to the end
         address at +32) keep their checksum, and the 64 KiB below the window (after the image)
         and above it stay zero; otherwise print CORRUPT <index> and stop.
   A case entry (ENTRY bytes, ENTRY_FP with FP state) holds X0-X30 (+0), SP_EL0 (+248),
   SP_EL1 (+256), SPSR (+264: the EL/SP the case runs at, DAIF, NZCV), the code address
   (+272), FPCR (+280), FPSR (+284), V0-V31 (+288, 16 bytes each; ENTRY_FP only). The
   harness enters a case by ERET; the case ends with SVC #0, or earlier in any exception. Every exception reaches the
   vector table below, whose 16 entries record their number and share one handler.
   Per case one line is printed (hex: 8 digits for 32-bit fields, 16 for 64-bit, 32 for V):
     @<index> <vector> <ESR_EL1> <ELR_EL1 - code address> <FAR_EL1> <SPSR_EL1>
       <X0..X30> <SP_EL0> <SP_EL1> <FPCR> <FPSR> [F [ <n>=<Vn>]...] [ <offset>=<word>...]
   vector: 0-15, the entry of the table (4 groups: current EL with SP_EL0, current EL with
   SP_ELx, lower EL AArch64, lower EL AArch32; in each: sync, IRQ, FIQ, SError). SP_EL1 is the
   SP at the vector (the case's own SP when it ran at EL1h). After F (FP images only), the V
   registers that differ from their value on entry (n: 2 hex digits, V: 32, high half first).
   Then the window words that differ from the fill pattern (restored afterwards).
   Between cases the harness resets what a case may change and a later case could read:
   CPACR_EL1 (FP on), CSSELR_EL1, TPIDR_EL0, TPIDRRO_EL0, TPIDR_EL1, ESR_EL1, FAR_EL1, and
   clears the exclusive monitor. An exception while no case runs prints HARNESS-FAULT and exits.
   Built by test/diff/build-harness-a64.sh into roms/bin/diff-harness-a64.bin, linked at
   0x40000000. */

	.equ	UART, 0x09000000
	.equ	HDR, 0x40100000
	.equ	MAGIC, 0x34364644		// "DF64"
	.equ	SAVE, 0x40080000		// X0-X30, SP_EL0, SP_EL1, vector, ESR, FAR, ELR, SPSR
	.equ	FPSAVE, 0x40080200		// V0-V31 (+16)
	.equ	STATE, 0x40081000		// see the S_* offsets
	.equ	STACK_TOP, 0x40090000
	.equ	ENTRY, 288
	.equ	ENTRY_FP, 800
	.equ	FILL_STEP, 0x9e3779b1
	.equ	CPACR_FP_ON, (3 << 20)

	// STATE fields
	.equ	S_INDEX, 0
	.equ	S_CASE, 8
	.equ	S_COUNT, 16
	.equ	S_WBASE, 24
	.equ	S_WWORDS, 32
	.equ	S_FILL, 40
	.equ	S_ESIZE, 48
	.equ	S_FLAGS, 56
	.equ	S_INCASE, 64
	.equ	S_SUM, 72			// checksum of the harness and the image
	.equ	S_END, 80			// end of the image
	.equ	S_FAULTED, 88			// the harness itself took an exception
	.equ	GUARD, 0x10000			// bytes above the window that must stay zero

	// SAVE fields after X0-X30
	.equ	V_SP0, 248
	.equ	V_SP1, 256
	.equ	V_VEC, 264
	.equ	V_ESR, 272
	.equ	V_FAR, 280
	.equ	V_ELR, 288
	.equ	V_SPSR, 296

	.text
	.global	_start
_start:
	b	reset

/* The vector table: each entry saves X0-X2 without touching SP (a case at EL1h may have left
   any value in it), records its number and joins the common handler. */
	.macro	vec n
	.balign	0x80
	msr	tpidr_el1, x0
	mov	x0, #SAVE
	stp	x1, x2, [x0, #8]
	mov	x1, #\n
	b	handler
	.endm

	.balign	0x800
vectors:
	vec 0
	vec 1
	vec 2
	vec 3
	vec 4
	vec 5
	vec 6
	vec 7
	vec 8
	vec 9
	vec 10
	vec 11
	vec 12
	vec 13
	vec 14
	vec 15

reset:
	ldr	x0, =vectors
	msr	vbar_el1, x0
	mov	x0, #CPACR_FP_ON
	msr	cpacr_el1, x0
	isb
	mov	x0, #STACK_TOP
	mov	sp, x0

	ldr	x4, =HDR
	ldr	w0, [x4]
	ldr	w1, =MAGIC
	cmp	w0, w1
	b.ne	bad_header
	ldr	x8, =STATE
	str	xzr, [x8, #S_INDEX]
	str	xzr, [x8, #S_INCASE]
	str	xzr, [x8, #S_FAULTED]
	ldr	w0, [x4, #20]
	str	x0, [x8, #S_CASE]
	ldr	w0, [x4, #4]
	str	x0, [x8, #S_COUNT]
	ldr	w0, [x4, #8]
	str	x0, [x8, #S_WBASE]
	ldr	w0, [x4, #12]
	str	x0, [x8, #S_WWORDS]
	ldr	w0, [x4, #16]
	str	x0, [x8, #S_FILL]
	ldr	w0, [x4, #28]
	str	x0, [x8, #S_FLAGS]
	mov	x1, #ENTRY
	mov	x2, #ENTRY_FP
	tst	w0, #1
	csel	x1, x1, x2, eq
	str	x1, [x8, #S_ESIZE]
	ldr	w0, [x4, #32]
	str	x0, [x8, #S_END]
	bl	image_sum
	str	x0, [x8, #S_SUM]
	ldr	w0, [x4, #24]
	mrs	x1, sctlr_el1
	orr	x1, x1, x0
	msr	sctlr_el1, x1
	isb

	ldr	x0, =msg_start
	bl	puts
	ldr	x0, [x8, #S_COUNT]
	bl	puthex32
	mov	w0, #'\n'
	bl	putc

	/* Fill the memory window with the pattern. */
	ldr	x4, [x8, #S_WBASE]
	ldr	x5, [x8, #S_WWORDS]
	ldr	x6, [x8, #S_FILL]
	ldr	w7, =FILL_STEP
	mov	x10, #0
1:	str	w6, [x4, x10, lsl #2]
	add	w6, w6, w7
	add	x10, x10, #1
	cmp	x10, x5
	b.lo	1b

next_case:
	ldr	x8, =STATE
	ldr	x0, [x8, #S_INDEX]
	ldr	x1, [x8, #S_COUNT]
	cmp	x0, x1
	b.hs	finish
	ldr	x30, [x8, #S_CASE]
	/* Reset what the previous case may have changed. */
	mov	x0, #CPACR_FP_ON
	msr	cpacr_el1, x0
	msr	csselr_el1, xzr
	msr	tpidr_el0, xzr
	msr	tpidrro_el0, xzr
	msr	tpidr_el1, xzr
	msr	esr_el1, xzr
	msr	far_el1, xzr
	isb
	ldr	w0, [x30, #280]
	msr	fpcr, x0
	ldr	w0, [x30, #284]
	msr	fpsr, x0
	ldr	x0, [x8, #S_FLAGS]
	tbz	x0, #0, 1f
	add	x0, x30, #288
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
1:	ldr	x0, [x30, #264]
	msr	spsr_el1, x0
	ldr	x0, [x30, #272]
	msr	elr_el1, x0
	ldr	x0, [x30, #248]
	msr	sp_el0, x0
	mov	x0, #1
	str	x0, [x8, #S_INCASE]
	clrex
	ldr	x0, [x30, #256]
	mov	sp, x0
	ldp	x0, x1, [x30, #0]
	ldp	x2, x3, [x30, #16]
	ldp	x4, x5, [x30, #32]
	ldp	x6, x7, [x30, #48]
	ldp	x8, x9, [x30, #64]
	ldp	x10, x11, [x30, #80]
	ldp	x12, x13, [x30, #96]
	ldp	x14, x15, [x30, #112]
	ldp	x16, x17, [x30, #128]
	ldp	x18, x19, [x30, #144]
	ldp	x20, x21, [x30, #160]
	ldp	x22, x23, [x30, #176]
	ldp	x24, x25, [x30, #192]
	ldp	x26, x27, [x30, #208]
	ldp	x28, x29, [x30, #224]
	ldr	x30, [x30, #240]
	eret

/* x0 = SAVE, x1 = vector number; X0 is in TPIDR_EL1, X1 and X2 are saved. Only loads, stores
   and moves until it knows a case was running: an exception in the harness itself must reach
   harness_fault even when a system register access is what failed. */
handler:
	str	x1, [x0, #V_VEC]
	stp	x3, x4, [x0, #24]
	stp	x5, x6, [x0, #40]
	stp	x7, x8, [x0, #56]
	stp	x9, x10, [x0, #72]
	stp	x11, x12, [x0, #88]
	stp	x13, x14, [x0, #104]
	stp	x15, x16, [x0, #120]
	stp	x17, x18, [x0, #136]
	stp	x19, x20, [x0, #152]
	stp	x21, x22, [x0, #168]
	stp	x23, x24, [x0, #184]
	stp	x25, x26, [x0, #200]
	stp	x27, x28, [x0, #216]
	stp	x29, x30, [x0, #232]
	mov	x1, sp
	str	x1, [x0, #V_SP1]
	mov	x1, #STACK_TOP
	mov	sp, x1
	ldr	x8, =STATE
	ldr	x1, [x8, #S_INCASE]
	cbz	x1, harness_fault
	str	xzr, [x8, #S_INCASE]
	mrs	x1, tpidr_el1
	str	x1, [x0, #0]
	mrs	x1, sp_el0
	str	x1, [x0, #V_SP0]
	mrs	x1, esr_el1
	str	x1, [x0, #V_ESR]
	mrs	x1, far_el1
	str	x1, [x0, #V_FAR]
	mrs	x1, elr_el1
	str	x1, [x0, #V_ELR]
	mrs	x1, spsr_el1
	str	x1, [x0, #V_SPSR]
	mov	x1, #CPACR_FP_ON		// the case may have turned FP off
	msr	cpacr_el1, x1
	isb

	/* Report the case. */
	ldr	x9, =SAVE
	mov	w0, #'@'
	bl	putc
	ldr	x0, [x8, #S_INDEX]
	bl	puthex32
	ldr	x0, [x9, #V_VEC]
	bl	putsp_hex32
	ldr	x0, [x9, #V_ESR]
	bl	putsp_hex32
	ldr	x1, [x8, #S_CASE]
	ldr	x1, [x1, #272]
	ldr	x0, [x9, #V_ELR]
	sub	x0, x0, x1
	bl	putsp_hex64
	ldr	x0, [x9, #V_FAR]
	bl	putsp_hex64
	ldr	x0, [x9, #V_SPSR]
	bl	putsp_hex32
	mov	x10, #0
2:	ldr	x0, [x9, x10, lsl #3]		// X0-X30, SP_EL0, SP_EL1
	bl	putsp_hex64
	add	x10, x10, #1
	cmp	x10, #33
	b.lo	2b
	mrs	x0, fpcr
	bl	putsp_hex32
	mrs	x0, fpsr
	bl	putsp_hex32

	/* FP state: V0-V31. */
	ldr	x0, [x8, #S_FLAGS]
	tbz	x0, #0, 7f
	ldr	x4, =FPSAVE
	add	x0, x4, #16
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mov	w0, #' '
	bl	putc
	mov	w0, #'F'
	bl	putc
	ldr	x5, [x8, #S_CASE]
	add	x5, x5, #288			// V0 on entry
	mov	x10, #0
6:	add	x11, x4, x10, lsl #4
	ldp	x6, x7, [x11, #16]
	ldp	x2, x3, [x5], #16
	cmp	x6, x2
	ccmp	x7, x3, #0, eq
	b.eq	3f
	mov	x0, x10				// " <n>=<high><low>"
	bl	putsp_hex8
	mov	w0, #'='
	bl	putc
	mov	x0, x7
	bl	puthex64
	mov	x0, x6
	bl	puthex64
3:	add	x10, x10, #1
	cmp	x10, #32
	b.lo	6b

7:	/* Window words that differ from the pattern: print them and put the pattern back. */
	ldr	x4, [x8, #S_WBASE]
	ldr	x5, [x8, #S_WWORDS]
	ldr	x6, [x8, #S_FILL]
	ldr	w7, =FILL_STEP
	mov	x10, #0
4:	ldr	w11, [x4, x10, lsl #2]
	cmp	w11, w6
	b.eq	5f
	str	w6, [x4, x10, lsl #2]
	lsl	x0, x10, #2
	bl	putsp_hex32
	mov	w0, #'='
	bl	putc
	mov	w0, w11
	bl	puthex32
5:	add	w6, w6, w7
	add	x10, x10, #1
	cmp	x10, x5
	b.lo	4b
	mov	w0, #'\n'
	bl	putc
	ldr	x0, [x8, #S_FLAGS]
	tbz	x0, #1, 8f
	bl	image_sum
	ldr	x1, [x8, #S_SUM]
	cmp	x0, x1
	b.ne	corrupt
	ldr	x1, [x8, #S_WBASE]		// the guard zone below the window (after the image)
	sub	x0, x1, #GUARD
	ldr	x2, [x8, #S_END]
	cmp	x0, x2
	csel	x0, x0, x2, hs
	bl	zero_check
	ldr	x0, [x8, #S_WBASE]		// and above it
	ldr	x1, [x8, #S_WWORDS]
	add	x0, x0, x1, lsl #2
	add	x1, x0, #GUARD
	bl	zero_check
8:	ldr	x0, [x8, #S_INDEX]
	add	x0, x0, #1
	str	x0, [x8, #S_INDEX]
	ldr	x0, [x8, #S_CASE]
	ldr	x1, [x8, #S_ESIZE]
	add	x0, x0, x1
	str	x0, [x8, #S_CASE]
	b	next_case

finish:
	ldr	x0, =msg_end
	bl	puts
	ldr	x8, =STATE
	ldr	x0, [x8, #S_INDEX]
	bl	puthex32
	mov	w0, #'\n'
	bl	putc
	ldr	x1, =exit_ok
	b	exit

/* An exception outside a case: the harness itself failed (or the machine lacks something it
   needs). Print what happened and stop. */
harness_fault:
	ldr	x1, [x8, #S_FAULTED]
	cbnz	x1, .				// a fault while reporting one: stop here
	mov	x1, #1
	str	x1, [x8, #S_FAULTED]
	ldr	x0, =msg_fault
	bl	puts
	ldr	x9, =SAVE
	ldr	x0, [x9, #V_VEC]
	bl	puthex32
	mrs	x0, esr_el1
	bl	putsp_hex32
	mrs	x0, elr_el1
	bl	putsp_hex64
	mrs	x0, far_el1
	bl	putsp_hex64
	mov	w0, #'\n'
	bl	putc
	ldr	x1, =exit_err
	b	exit

corrupt:
	ldr	x0, =msg_corrupt
	bl	puts
	ldr	x0, [x8, #S_INDEX]
	bl	puthex32
	mov	w0, #'\n'
	bl	putc
	ldr	x1, =exit_err
	b	exit

/* Stop with CORRUPT unless [x0, x1) is all zero; uses x0-x2. */
zero_check:
	cmp	x0, x1
	b.hs	2f
1:	ldr	x2, [x0], #8
	cbnz	x2, corrupt
	cmp	x0, x1
	b.lo	1b
2:	ret

/* x0 = checksum of the harness code and of the image (x8 = STATE); uses x0-x3. */
image_sum:
	mov	x2, #0
	ldr	x0, =_start
	ldr	x1, =harness_end
1:	ldr	x3, [x0], #8
	eor	x2, x3, x2, ror #63
	cmp	x0, x1
	b.lo	1b
	ldr	x0, =HDR
	ldr	x1, [x8, #S_END]
2:	ldr	x3, [x0], #8
	eor	x2, x3, x2, ror #63
	cmp	x0, x1
	b.lo	2b
	mov	x0, x2
	ret

bad_header:
	ldr	x0, =msg_bad
	bl	puts
	ldr	x1, =exit_err
exit:
	mov	w0, #0x18			// SYS_EXIT, X1 -> { reason, subcode }
	hlt	#0xf000
8:	b	8b

/* Leaf output routines; they use x0-x3 and x12 only. */
putc:
	mov	x12, #UART
	strb	w0, [x12]
	ret
puts:
	mov	x12, #UART
1:	ldrb	w1, [x0], #1
	cbz	w1, 2f
	strb	w1, [x12]
	b	1b
2:	ret
putsp_hex8:
	mov	x12, #UART
	mov	w1, #' '
	strb	w1, [x12]
	mov	w2, w0
	mov	x1, #4
	b	hexdigits
putsp_hex32:
	mov	x12, #UART
	mov	w1, #' '
	strb	w1, [x12]
puthex32:
	mov	w2, w0
	mov	x1, #28
	b	hexdigits
putsp_hex64:
	mov	x12, #UART
	mov	w1, #' '
	strb	w1, [x12]
puthex64:
	mov	x2, x0
	mov	x1, #60
hexdigits:				// x2 = value, x1 = shift of its top digit
	mov	x12, #UART
1:	lsr	x3, x2, x1
	and	x3, x3, #15
	cmp	x3, #10
	add	x0, x3, #'0'
	add	x3, x3, #('a' - 10)
	csel	x3, x0, x3, lo
	strb	w3, [x12]
	subs	x1, x1, #4
	b.pl	1b
	ret

	.ltorg
	.balign	8
exit_ok:
	.quad	0x20026, 0			// ADP_Stopped_ApplicationExit, status 0
exit_err:
	.quad	0x20023, 1			// ADP_Stopped_InternalError
msg_start:
	.asciz	"DIFF-HARNESS-A64 "
msg_end:
	.asciz	"END "
msg_fault:
	.asciz	"HARNESS-FAULT "
msg_bad:
	.asciz	"BAD HEADER\n"
msg_corrupt:
	.asciz	"CORRUPT "
	.balign	8
harness_end:
