@ Bare-metal PSCI test for test/machines/psci.test.ts, for QEMU's virt layout: RAM at 0x40000000,
@ PL011 at 0x09000000, GICv2 at 0x08000000 / 0x08010000; run with two CPUs:
@   qemu-system-arm -M virt -cpu cortex-a15 -smp 2 -nographic -semihosting -kernel psci.elf
@ CPU 0 calls every PSCI function through HVC (conduit "hvc", CPU 1 starts powered off) and
@ prints "name r0" lines; it then resets the machine with SYSTEM_RESET. A word outside the
@ image (MARK) tells the second boot, which checks CPU 1 is off again, starts CPU 1, powers
@ itself off with CPU_OFF; CPU 1 waits until AFFINITY_INFO reports CPU 0 off and calls
@ SYSTEM_OFF. Build: arm-none-eabi-gcc -nostdlib -Ttext=0x40010000 -Wl,--build-id=none
@ -Wl,-z,max-page-size=0x1000 -s -o psci.elf psci.S
    .syntax unified
    .arch armv7-a
    .arch_extension virt
    .arch_extension sec
    .arm
    .equ UART, 0x09000000
    .equ GICD, 0x08000000
    .equ GICC, 0x08010000
    .equ MARK, 0x40300000
    .equ MAGIC, 0x50534349

    .equ VERSION, 0x84000000
    .equ SUSPEND, 0x84000001
    .equ OFF, 0x84000002
    .equ ON, 0x84000003
    .equ AFFINITY, 0x84000004
    .equ MIGRATE, 0x84000005
    .equ MIGRATE_INFO_TYPE, 0x84000006
    .equ MIGRATE_INFO_UP_CPU, 0x84000007
    .equ SYSTEM_OFF, 0x84000008
    .equ SYSTEM_RESET, 0x84000009
    .equ FEATURES, 0x8400000a

@ r0..r3 = fn, a1, a2, a3; HVC; print "name r0".
.macro PSCI name, fn, a1=0, a2=0, a3=0
    ldr  r0, =\fn
    ldr  r1, =\a1
    ldr  r2, =\a2
    ldr  r3, =\a3
    hvc  #0
    adr  r1, 98f
    bl   report
    b    99f
98: .asciz "\name"
    .align 2
    .ltorg
99:
.endm

@ Print "name r0" (r0 as it is).
.macro SHOW name
    adr  r1, 98f
    bl   report
    b    99f
98: .asciz "\name"
    .align 2
99:
.endm

    .text
    .global _start
_start:
    cpsid aif
    ldr  r0, =vectors
    mcr  p15, 0, r0, c12, c0, 0        @ VBAR
    isb
    ldr  r4, =MARK
    ldr  r0, [r4]
    ldr  r1, =MAGIC
    cmp  r0, r1
    beq  second_boot
    str  r1, [r4]

    @ ---- simple calls and unknown ids
    PSCI "version", VERSION
    ldr  r0, =VERSION
    hvc  #0xbeef                       @ the immediate is ignored
    SHOW "version-imm"
    PSCI "migrate_info_type", MIGRATE_INFO_TYPE
    PSCI "migrate", MIGRATE, 1
    PSCI "migrate_info_up_cpu", MIGRATE_INFO_UP_CPU
    PSCI "id-0", 0
    PSCI "smccc_version", 0x80000000
    PSCI "smccc_arch_features", 0x80000001, 0x80008000
    PSCI "cpu_freeze", 0x8400000b
    PSCI "system_suspend", 0x8400000e, 0x40010000, 0
    PSCI "system_reset2", 0x84000012
    PSCI "mem_protect", 0x84000013
    PSCI "id-ffffffff", 0xffffffff
    PSCI "0.1-migrate", 0x95c1ba61, 1
    PSCI "0.1-next", 0x95c1ba62
    @ SMC64 ids from AArch32
    PSCI "smc64-suspend", 0xc4000001
    PSCI "smc64-on", 0xc4000003, 1, 0x40010000, 0
    PSCI "smc64-affinity", 0xc4000004, 0, 0
    PSCI "smc64-migrate", 0xc4000005
    PSCI "smc64-up_cpu", 0xc4000007
    PSCI "smc64-features", 0xc400000a, VERSION

    @ ---- PSCI_FEATURES
    PSCI "features-version", FEATURES, VERSION
    PSCI "features-suspend", FEATURES, SUSPEND
    PSCI "features-off", FEATURES, OFF
    PSCI "features-on", FEATURES, ON
    PSCI "features-affinity", FEATURES, AFFINITY
    PSCI "features-migrate", FEATURES, MIGRATE
    PSCI "features-migrate_info_type", FEATURES, MIGRATE_INFO_TYPE
    PSCI "features-up_cpu", FEATURES, MIGRATE_INFO_UP_CPU
    PSCI "features-system_off", FEATURES, SYSTEM_OFF
    PSCI "features-system_reset", FEATURES, SYSTEM_RESET
    PSCI "features-features", FEATURES, FEATURES
    PSCI "features-freeze", FEATURES, 0x8400000b
    PSCI "features-system_suspend", FEATURES, 0x8400000e
    PSCI "features-suspend64", FEATURES, 0xc4000001
    PSCI "features-on64", FEATURES, 0xc4000003
    PSCI "features-affinity64", FEATURES, 0xc4000004
    PSCI "features-0.1-suspend", FEATURES, 0x95c1ba5e
    PSCI "features-0.1-off", FEATURES, 0x95c1ba5f
    PSCI "features-0.1-on", FEATURES, 0x95c1ba60
    PSCI "features-0.1-migrate", FEATURES, 0x95c1ba61
    PSCI "features-smccc_version", FEATURES, 0x80000000
    PSCI "features-0", FEATURES, 0

    @ ---- AFFINITY_INFO
    PSCI "affinity-0", AFFINITY, 0, 0
    PSCI "affinity-1", AFFINITY, 1, 0
    PSCI "affinity-2", AFFINITY, 2, 0
    PSCI "affinity-80000001", AFFINITY, 0x80000001, 0
    PSCI "affinity-100", AFFINITY, 0x100, 0
    PSCI "affinity-1-level1", AFFINITY, 1, 1
    PSCI "affinity-9-level2", AFFINITY, 9, 2

    @ ---- CPU_ON errors
    PSCI "on-self", ON, 0, sec_arm, 0
    PSCI "on-2", ON, 2, sec_arm, 0
    PSCI "on-80000001", ON, 0x80000001, sec_arm, 0
    PSCI "on-101", ON, 0x101, sec_arm, 0
    PSCI "0.1-on-self", 0x95c1ba60, 0, sec_arm, 0

    @ ---- CPU_ON of CPU 1 in ARM state, then CPU_OFF from CPU 1
    PSCI "on-1", ON, 1, sec_arm, 0x12345678
    ldr  r4, =mbox
1:  ldr  r0, [r4, #32]
    cmp  r0, #0
    beq  1b
    dmb
    ldr  r0, [r4, #0]
    SHOW "cpu1-r0"
    ldr  r0, [r4, #4]
    SHOW "cpu1-r1"
    ldr  r0, [r4, #8]
    SHOW "cpu1-sp"
    ldr  r0, [r4, #12]
    SHOW "cpu1-cpsr"
    ldr  r0, [r4, #16]
    SHOW "cpu1-sctlr"
    ldr  r0, [r4, #20]
    SHOW "cpu1-mpidr"
    ldr  r0, [r4, #24]
    SHOW "cpu1-lr"
    ldr  r0, [r4, #28]
    SHOW "cpu1-vbar"
    PSCI "affinity-1-on", AFFINITY, 1, 0
    PSCI "on-1-again", ON, 1, sec_arm, 0
    PSCI "0.1-on-1-again", 0x95c1ba60, 1, sec_arm, 0
    ldr  r4, =mbox
    mov  r0, #1
    str  r0, [r4, #36]                 @ CPU 1: power yourself off
    bl   wait_cpu1_off
    SHOW "affinity-1-after-off"
    ldr  r4, =mbox
    ldr  r0, [r4, #40]
    SHOW "cpu1-off-returned"

    @ ---- CPU_ON (0.1 id) in Thumb state at an address that is not word aligned
    PSCI "0.1-on-1-thumb", 0x95c1ba60, 1, sec_thumb + 1, 0xabcdef01
    ldr  r4, =mbox2
1:  ldr  r0, [r4, #12]
    cmp  r0, #0
    beq  1b
    dmb
    ldr  r0, [r4, #0]
    SHOW "thumb-r0"
    ldr  r0, [r4, #4]
    SHOW "thumb-cpsr"
    ldr  r0, [r4, #8]
    SHOW "thumb-version"
    bl   wait_cpu1_off
    SHOW "affinity-1-after-thumb-off"
    ldr  r4, =mbox2
    ldr  r0, [r4, #12]
    SHOW "thumb-flag"

    @ ---- CPU_SUSPEND: bad power_state, then standby woken by the virtual timer (IRQs masked)
    PSCI "suspend-bit17", SUSPEND, 0x00020000
    PSCI "suspend-bit31", SUSPEND, 0x80000000
    PSCI "0.1-suspend-bit20", 0x95c1ba5e, 0x00100000
    ldr  r4, =GICD
    mov  r0, #1
    str  r0, [r4]                      @ GICD_CTLR
    mov  r0, #1 << 27
    str  r0, [r4, #0x100]              @ GICD_ISENABLER0: PPI 27 (virtual timer)
    ldr  r4, =GICC
    mov  r0, #0xff
    str  r0, [r4, #4]                  @ GICC_PMR
    mov  r0, #1
    str  r0, [r4]                      @ GICC_CTLR
    ldr  r0, =62500
    mcr  p15, 0, r0, c14, c3, 0        @ CNTV_TVAL: 1 ms
    mov  r0, #1
    mcr  p15, 0, r0, c14, c3, 1        @ CNTV_CTL: enabled, not masked
    isb
    PSCI "suspend", SUSPEND, 0x0001ffff, 0x40010000, 0x55
    mrc  p15, 0, r0, c14, c3, 1
    SHOW "suspend-cntv_ctl"
    @ Again with the physical timer. (The virtual timer's PPI is disabled at the distributor
    @ first: armlet passes timer outputs to the GIC between slices, so after a CNTV write the
    @ old level would still be seen within the slice and the standby would end at once.)
    mov  r0, #0
    mcr  p15, 0, r0, c14, c3, 1        @ CNTV_CTL: off
    ldr  r4, =GICD
    mov  r0, #1 << 27
    str  r0, [r4, #0x180]              @ GICD_ICENABLER0: PPI 27
    mov  r0, #1 << 30
    str  r0, [r4, #0x100]              @ GICD_ISENABLER0: PPI 30 (physical timer)
    ldr  r0, =62500
    mcr  p15, 0, r0, c14, c2, 0        @ CNTP_TVAL
    mov  r0, #1
    mcr  p15, 0, r0, c14, c2, 1        @ CNTP_CTL
    isb
    PSCI "0.1-suspend", 0x95c1ba5e, 0, 0, 0
    mrc  p15, 0, r0, c14, c2, 1
    SHOW "0.1-suspend-cntp_ctl"
    mov  r0, #0
    mcr  p15, 0, r0, c14, c2, 1
    isb

    @ ---- not the conduit or not privileged: UNDEFINED; a failed condition: not executed
    ldr  r0, =VERSION
    smc  #0
    SHOW "smc"
    ldr  r0, =VERSION
    cps  #0x10                         @ User mode
    hvc  #0
    svc  #0                            @ back to SVC (the SVC vector jumps to user_back)
user_back:
    SHOW "hvc-user"
    ldr  r0, =VERSION
    cmp  r0, r0
    .word 0x11400070                   @ HVCNE #0
    SHOW "hvcne"
    ldr  r4, =und_count
    ldr  r0, [r4]
    SHOW "und-count"

    @ ---- leave CPU 1 on, then SYSTEM_RESET: after the reset only CPU 0 runs
    PSCI "on-1-park", ON, 1, park, 0
    PSCI "system_reset", SYSTEM_RESET
    SHOW "system_reset-returned"
    b    .

second_boot:
    mov  r0, #0
    str  r0, [r4]
    SHOW "second-boot"
    PSCI "affinity-1-after-reset", AFFINITY, 1, 0
    PSCI "on-1-final", ON, 1, final_sec, 0
    ldr  r0, =OFF
    hvc  #0
    SHOW "cpu0-off-returned"
    b    .

@ Poll AFFINITY_INFO(1) until CPU 1 is off (r0 = last answer).
wait_cpu1_off:
    mov  r5, lr
    mov  r6, #0
1:  ldr  r0, =AFFINITY
    mov  r1, #1
    mov  r2, #0
    hvc  #0
    cmp  r0, #1
    bxeq r5
    add  r6, r6, #1
    cmp  r6, #0x100000
    blo  1b
    bx   r5

@ Print the string at r1, a space, r0 in hex, a newline. Keeps r0 and r4..r11; no stack.
report:
    ldr  r12, =UART
1:  ldrb r2, [r1], #1
    cmp  r2, #0
    strne r2, [r12]
    bne  1b
    mov  r2, #' '
    str  r2, [r12]
    mov  r3, #28
2:  mov  r2, r0, lsr r3
    and  r2, r2, #15
    cmp  r2, #10
    addlt r2, r2, #'0'
    addge r2, r2, #'a' - 10
    str  r2, [r12]
    subs r3, r3, #4
    bge  2b
    mov  r2, #'\n'
    str  r2, [r12]
    bx   lr
    .ltorg

@ ---- CPU 1
sec_arm:
    ldr  r12, =mbox
    str  r0, [r12, #0]
    str  r1, [r12, #4]
    str  sp, [r12, #8]
    mrs  r2, cpsr
    str  r2, [r12, #12]
    mrc  p15, 0, r2, c1, c0, 0
    str  r2, [r12, #16]
    mrc  p15, 0, r2, c0, c0, 5
    str  r2, [r12, #20]
    str  lr, [r12, #24]
    mrc  p15, 0, r2, c12, c0, 0
    str  r2, [r12, #28]
    dmb
    mov  r2, #1
    str  r2, [r12, #32]
1:  ldr  r2, [r12, #36]
    cmp  r2, #0
    beq  1b
    ldr  r0, =OFF
    hvc  #0
    mov  r2, #1
    str  r2, [r12, #40]                @ CPU_OFF returned: must not happen
    b    .

park:
    wfi
    b    park

final_sec:
1:  ldr  r0, =AFFINITY
    mov  r1, #0
    mov  r2, #0
    hvc  #0
    cmp  r0, #1
    bne  1b
    SHOW "cpu1-sees-cpu0-off"
    PSCI "system_off", SYSTEM_OFF
    SHOW "system_off-returned"
    b    .
    .ltorg

    .thumb
    .align 2
    nop
sec_thumb:                             @ at 4n + 2
    ldr  r3, =mbox2
    str  r0, [r3, #0]
    mrs  r2, cpsr
    str  r2, [r3, #4]
    ldr  r0, =VERSION
    hvc  #0                            @ T32 HVC
    str  r0, [r3, #8]
    dmb
    movs r2, #1
    str  r2, [r3, #12]
    ldr  r0, =0x95c1ba5f               @ 0.1 CPU_OFF
    hvc  #0
    movs r2, #2
    str  r2, [r3, #12]                 @ CPU_OFF returned: must not happen
1:  b    1b
    .ltorg

    .arm
    .align 5
vectors:
    b    .                             @ reset
    b    und_handler
    b    user_back                     @ SVC (only used to leave User mode)
    b    unexpected
    b    unexpected
    b    unexpected
    b    unexpected
    b    unexpected

und_handler:                           @ count, step over the instruction (ARM state)
    ldr  sp, =und_count
    str  r1, [sp, #4]
    ldr  r1, [sp]
    add  r1, r1, #1
    str  r1, [sp]
    ldr  r1, [sp, #4]
    movs pc, lr

unexpected:
    mrs  r0, cpsr
    SHOW "unexpected-exception"
    ldr  r0, =SYSTEM_OFF
    hvc  #0
    b    .
    .ltorg

    .align 4
mbox:   .space 64
mbox2:  .space 64
und_count: .space 16
