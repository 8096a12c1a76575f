@ Bare-metal programs for test/machines/pmu.test.ts, position independent (virt runs them at
@ 0x40000000, vexpress-a15 at 0x80000000); they end with semihosting SYS_EXIT_EXTENDED.
@ Assembled with `arm-none-eabi-as -march=armv7-a` and `objcopy -O binary` (the words are in the
@ test); each starts at its label.
    .arm
    .syntax unified

@ ---- 1. Host time: enable the cycle counter, then 16 times: store CNTPCT (64 bits) and
@ PMCCNTR at samples + 12 * i, and spin 20000 iterations. Exit code 0.
host_time:
    mov  r0, #0x80000000
    mcr  p15, 0, r0, c9, c12, 1    @ PMCNTENSET: cycle counter
    mov  r0, #5
    mcr  p15, 0, r0, c9, c12, 0    @ PMCR: E, C
    adr  r4, samples
    mov  r5, #16
1:  mrrc p15, 0, r0, r1, c14       @ CNTPCT
    mrc  p15, 0, r2, c9, c13, 0    @ PMCCNTR
    stmia r4!, {r0, r1, r2}
    movw r3, #20000
2:  subs r3, r3, #1
    bne  2b
    subs r5, r5, #1
    bne  1b
    mov  r1, #0
    b    exit

@ ---- 2. PMU request: PMCR.E, PMINTENSET and PMOVSSET for the cycle counter, then the exit
@ code is bit 23 of GICD_ISPENDR0 (the PMU PPI pending at the distributor); gicd below holds the
@ board's distributor base.
ppi:
    mov  r0, #1
    mcr  p15, 0, r0, c9, c12, 0    @ PMCR: E
    mov  r0, #0x80000000
    mcr  p15, 0, r0, c9, c14, 1    @ PMINTENSET
    mcr  p15, 0, r0, c9, c14, 3    @ PMOVSSET: the request goes up
    isb
    ldr  r0, gicd
    ldr  r1, [r0, #0x200]          @ GICD_ISPENDR0
    ubfx r1, r1, #23, #1
    b    exit

@ SYS_EXIT_EXTENDED with code r1.
exit:
    adr  r2, block
    str  r1, [r2, #4]
    mov  r1, r2
    mov  r0, #0x20
    svc  0x123456
3:  b    3b

gicd:    .word 0x08000000
block:   .word 0x20026, 0
samples: .space 16 * 12
