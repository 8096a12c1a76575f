@ Bare-metal programs for test/machines/smp.test.ts, on its fake board: RAM at 0x40000000,
@ GICv2 distributor 0x08000000 / CPU interface 0x08010000, test device 0x0a000000
@ (+0 console byte, +4 power off, +8 reset, +0xc reset count, +0x10 arm a one-shot of N us
@ raising SPI 0, +0x14 acknowledge it, +0x18 time in us). Assembled with
@ `arm-none-eabi-as -march=armv7-a` (see the test for the words); each starts at its label.
    .arm
    .syntax unified
    .equ GICD, 0x08000000
    .equ GICC, 0x08010000
    .equ DATA, 0x40001000
    .equ DEV,  0x0a000000

@ ---- 1. SGI: CPU 0 sends SGI 5 to CPU 1, which wakes from WFI, acknowledges it and reports
@ the IAR value (interrupt ID and source CPU); CPU 0 prints it and powers off.
sgi:
    mrc  p15, 0, r0, c0, c0, 5
    and  r0, r0, #3
    ldr  r4, =GICD
    ldr  r5, =GICC
    ldr  r6, =DATA
    ldr  r7, =DEV
    mov  r1, #1
    str  r1, [r5]              @ GICC_CTLR: enable
    mov  r1, #0xff
    str  r1, [r5, #4]          @ GICC_PMR
    cmp  r0, #0
    bne  sgi_secondary
    str  r1, [r4]              @ GICD_CTLR: enable (r1 = 0xff, bit 0 set)
1:  ldr  r1, [r6]              @ wait until CPU 1 is ready
    cmp  r1, #0
    beq  1b
    ldr  r1, =0x00020005       @ GICD_SGIR: SGI 5 to the CPU list {1}
    str  r1, [r4, #0xf00]
2:  ldr  r1, [r6, #8]          @ wait for CPU 1's report
    cmp  r1, #0
    beq  2b
    ldr  r1, [r6, #4]
    bl   print_hex
    mov  r1, #1
    str  r1, [r7, #4]          @ power off
3:  b    3b
sgi_secondary:
    cmp  r0, #1
    bne  park
    ldr  r1, =0xffff
    str  r1, [r4, #0x100]      @ GICD_ISENABLER0: SGIs (banked per CPU)
    mov  r1, #1
    str  r1, [r6]              @ ready
4:  wfi                        @ IRQs stay masked: a pending IRQ only ends WFI
    ldr  r1, [r5, #0xc]        @ GICC_IAR
    ldr  r2, =0x3ff
    and  r3, r1, r2
    cmp  r3, r2
    beq  4b                    @ spurious: sleep again
    str  r1, [r6, #4]
    str  r1, [r5, #0x10]       @ GICC_EOIR
    mov  r1, #1
    str  r1, [r6, #8]
park:
    wfi
    b    park

@ ---- 2. Generic timer: arm CNTP for 1 s (62.5 MHz counter), WFI until its PPI (30) is
@ pending, print the IAR and the counter ticks that passed, power off.
gtimer:
    ldr  r4, =GICD
    ldr  r5, =GICC
    ldr  r7, =DEV
    mov  r1, #1
    str  r1, [r4]              @ GICD_CTLR
    str  r1, [r5]              @ GICC_CTLR
    mov  r1, #0xff
    str  r1, [r5, #4]          @ GICC_PMR
    mov  r1, #(1 << 30)
    str  r1, [r4, #0x100]      @ GICD_ISENABLER0: PPI 30
    mrrc p15, 0, r8, r9, c14   @ CNTPCT
    ldr  r1, =62500000
    mcr  p15, 0, r1, c14, c2, 0 @ CNTP_TVAL
    mov  r1, #1
    mcr  p15, 0, r1, c14, c2, 1 @ CNTP_CTL: enable
5:  wfi
    ldr  r1, [r5, #0xc]
    ldr  r2, =0x3ff
    and  r3, r1, r2
    cmp  r3, r2
    beq  5b
    mov  r10, r1
    mov  r1, #0
    mcr  p15, 0, r1, c14, c2, 1 @ CNTP_CTL: disable (the PPI drops)
    str  r10, [r5, #0x10]      @ GICC_EOIR
    mrrc p15, 0, r1, r2, c14
    sub  r11, r1, r8
    mov  r1, r10
    bl   print_hex
    mov  r1, r11
    bl   print_hex
    mov  r1, #1
    str  r1, [r7, #4]
6:  b    6b

@ ---- 3. Timed device: arm the test device for 500000 us, WFI until SPI 0 (ID 32), print the
@ IAR and the microseconds that passed, power off.
devtimer:
    ldr  r4, =GICD
    ldr  r5, =GICC
    ldr  r7, =DEV
    mov  r1, #1
    str  r1, [r4]
    str  r1, [r5]
    mov  r1, #0xff
    str  r1, [r5, #4]
    mov  r1, #1
    str  r1, [r4, #0x104]      @ GICD_ISENABLER1: ID 32
    str  r1, [r4, #0x820]      @ GICD_ITARGETSR8: CPU 0
    ldr  r8, [r7, #0x18]       @ now (us)
    ldr  r1, =500000
    str  r1, [r7, #0x10]       @ one-shot in 0.5 s
7:  wfi
    ldr  r1, [r5, #0xc]
    ldr  r2, =0x3ff
    and  r3, r1, r2
    cmp  r3, r2
    beq  7b
    mov  r10, r1
    str  r1, [r7, #0x14]       @ acknowledge: the SPI drops
    str  r10, [r5, #0x10]
    ldr  r1, [r7, #0x18]
    sub  r11, r1, r8
    mov  r1, r10
    bl   print_hex
    mov  r1, r11
    bl   print_hex
    mov  r1, #1
    str  r1, [r7, #4]
8:  b    8b

@ ---- 4. Reset: print 'A' and ask for a reset the first time, 'B' and power off after one.
reset:
    ldr  r7, =DEV
    ldr  r1, [r7, #0xc]        @ resets so far
    cmp  r1, #0
    moveq r1, #'A'
    movne r1, #'B'
    str  r1, [r7]
    moveq r1, #1
    streq r1, [r7, #8]         @ reset
    strne r1, [r7, #4]         @ power off
9:  b    9b

@ print r1 as 8 hex digits and a newline on the test device (uses r2, r3)
print_hex:
    mov  r2, #28
10: mov  r3, r1, lsr r2
    and  r3, r3, #0xf
    cmp  r3, #10
    addlt r3, r3, #'0'
    addge r3, r3, #('a' - 10)
    str  r3, [r7]
    subs r2, r2, #4
    bge  10b
    mov  r3, #'\n'
    str  r3, [r7]
    bx   lr
    .ltorg
