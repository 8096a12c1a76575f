@ The AArch32 User-mode half of aarch32-el0.elf: A32 and T32 code run at EL0 under the AArch64
@ EL1 of aarch32-el0.c. Each step ends in an exception the EL1 side reports and resumes from.
@ Position-independent (PC-relative only): the AArch64 image includes it as a flat binary.
  .syntax unified
  .arch armv7-a
  .fpu vfpv3-d16
  .text
  .arm
user_start:
  ldr sp, =0x41900000              @ the EL0 stack block (EL1 maps it)
  mov r0, #0x10
  mov r1, #0x11
  mov r2, #0x12
  mov r3, #0x13
  mov r4, #0x14
  mov r5, #0x15
  mov r6, #0x16
  mov r7, #0x17
  mov r8, #0x18
  mov r9, #0x19
  mov r10, #0x1a
  mov r11, #0x1b
  mov r12, #0x1c
  mov lr, #0x1e
  msr APSR_nzcvqg, #0xf8000000     @ N Z C V Q in the SPSR
  svc #0x123                       @ 1: SVC from A32, registers as X0..X14
  .inst 0xe7f123f4                 @ 2: UDF #0x1234
  bkpt #0x5678                     @ 3: BKPT
  ldr r1, =0x80000000
  ldr r0, [r1]                     @ 4: translation fault (level 1)
  ldr r1, =0x09000000
  str r0, [r1]                     @ 5: permission fault, write (level 1)
  ldr r1, =0x41800002
  ldrex r0, [r1]                   @ 6: alignment fault
  mrrc p15, 1, r0, r1, c14         @ 7: CNTVCT with CNTKCTL.EL0VCTEN clear: EC 0x04
  mcr p15, 0, r2, c14, c3, 1       @ 8: CNTV_CTL write, EL0VTEN clear: EC 0x03
  mrc p15, 0, r0, c13, c0, 3       @ TPIDRURO (EL1 set TPIDRRO_EL0)
  mcr p15, 0, r0, c13, c0, 2       @ TPIDRURW = TPIDRURO
  vmov.f64 d0, #1.5                @ 9: CPACR_EL1.FPEN traps EL0; EL1 enables it and retries
  vmov.f64 d1, #-2.0
  vadd.f64 d2, d0, d1
  vmov r2, r3, d2
  wfi                              @ 10: SCTLR_EL1.nTWI clear: EC 0x01
  svc #0x1                         @ 11: after TPIDR and FP: registers
  adr r6, 1f
  mov r0, #0x42
  bx r0                            @ 12: prefetch abort at 0x42 (EL1-only): it outranks the misaligned PC
1:
  adr r6, 2f
  add r0, r6, #2
  bx r0                            @ 13: A32 at a PC with bit 1 set: PC alignment fault (EC 0x22)
2:
  adr r0, thumb_start + 1
  bx r0

  .thumb
  .balign 4
thumb_start:
  svc #0x34                        @ 14: SVC from T16 (IL clear)
  .inst.n 0xde56                   @ 15: UDF #0x56 (T16)
  bkpt #0x9a                       @ 16: BKPT (T16)
  movs r0, #0
  movs r1, #0
  cmp r0, #0
  ittt eq
  svceq #0x2                       @ 17: SVC in an IT block: the SPSR holds the advanced ITSTATE
  addeq r1, r1, #1                 @ ... and the block goes on after ERET
  addeq r1, r1, #2
  ldr r2, =0x80000004
  ldr r0, [r2]                     @ 18: data abort from T16
  movs r5, #0
  adr r6, after_irq + 1
  svc #0x3                         @ 19: EL1 arms the virtual timer; r6 is where to go after the IRQ
spin:
  adds r5, #1
  b spin                           @ 20: IRQ taken from this loop
  .balign 4
after_irq:
  mov r0, r1
  svc #0xff                        @ 21: done
  .ltorg
