// Bare-metal harness of the A64 probes (QEMU 7.2 -M virt -cpu cortex-a57, entered at EL1h).
// The vector table catches every synchronous exception: x9 := ESR_EL1, and the instruction is
// skipped; an SVC from EL0 returns to the EL1 continuation in x28 (see run_el0).
.text
.section .text.start
.global _start
_start:
  ldr x0, =0x48000000
  mov sp, x0
  ldr x0, =vectors
  msr vbar_el1, x0
  isb
  bl main
  mov x1, #0x26
  movk x1, #2, lsl #16
  str x1, [sp, #-16]!
  str xzr, [sp, #8]
  mov x1, sp
  mov w0, #0x18
  hlt #0xf000
1: b 1b

.balign 2048
vectors:
.rept 16
  b sync_h
.balign 128
.endr

sync_h:
  mrs x9, esr_el1
  lsr x10, x9, #26
  cmp x10, #0x15
  b.eq 1f
  mrs x10, elr_el1
  add x10, x10, #4
  msr elr_el1, x10
  eret
1: msr elr_el1, x28
  mov x10, #0x3c5
  msr spsr_el1, x10
  eret

// run_el0(fn, out, scratch): fn(out, scratch) at EL0t with DAIF masked, back here by SVC.
.global run_el0
run_el0:
  stp x29, x30, [sp, #-96]!
  stp x19, x20, [sp, #16]
  stp x21, x22, [sp, #32]
  stp x23, x24, [sp, #48]
  stp x25, x26, [sp, #64]
  stp x27, x28, [sp, #80]
  adr x28, 2f
  ldr x10, =0x47000000
  msr sp_el0, x10
  msr elr_el1, x0
  mov x10, #0x3c0
  msr spsr_el1, x10
  mov x0, x1
  mov x1, x2
  adr x30, el0_exit
  eret
el0_exit:
  svc #0
2: ldp x19, x20, [sp, #16]
  ldp x21, x22, [sp, #32]
  ldp x23, x24, [sp, #48]
  ldp x25, x26, [sp, #64]
  ldp x27, x28, [sp, #80]
  ldp x29, x30, [sp], #96
  ret

// semihosting call: w0 = op, x1 = parameter block
.global semi
semi:
  hlt #0xf000
  ret

.global set_el1_state
// set_el1_state(sctlr, cntkctl, pmuserenr, cpacr)
set_el1_state:
  msr sctlr_el1, x0
  msr cntkctl_el1, x1
  msr pmuserenr_el0, x2
  msr cpacr_el1, x3
  isb
  ret
