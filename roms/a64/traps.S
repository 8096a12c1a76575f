// Vector table, EL0 runner and probes for traps.c. Every vector saves the caller-saved
// registers on SP_EL1, calls exc_handler(vector index) and returns with ERET.
  .section .text.vectors, "ax"
  .balign 2048
  .global vectors
vectors:
  .irp idx, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  .balign 128
  stp x29, x30, [sp, #-16]!
  mov x30, #\idx
  b common
  .endr

common:
  stp x0, x1, [sp, #-16]!
  stp x2, x3, [sp, #-16]!
  stp x4, x5, [sp, #-16]!
  stp x6, x7, [sp, #-16]!
  stp x8, x9, [sp, #-16]!
  stp x10, x11, [sp, #-16]!
  stp x12, x13, [sp, #-16]!
  stp x14, x15, [sp, #-16]!
  stp x16, x17, [sp, #-16]!
  str x18, [sp, #-16]!
  mov x0, x30
  bl exc_handler
  ldr x18, [sp], #16
  ldp x16, x17, [sp], #16
  ldp x14, x15, [sp], #16
  ldp x12, x13, [sp], #16
  ldp x10, x11, [sp], #16
  ldp x8, x9, [sp], #16
  ldp x6, x7, [sp], #16
  ldp x4, x5, [sp], #16
  ldp x2, x3, [sp], #16
  ldp x0, x1, [sp], #16
  ldp x29, x30, [sp], #16
  eret

  .text
// void run_el0(void (*fn)(void), void *stack_top): run fn at EL0t; it ends with SVC #0xE1,
// after which the handler resumes at el0_return in EL1h.
  .global run_el0
run_el0:
  adrp x9, saved
  add x9, x9, :lo12:saved
  stp x19, x20, [x9, #0]
  stp x21, x22, [x9, #16]
  stp x23, x24, [x9, #32]
  stp x25, x26, [x9, #48]
  stp x27, x28, [x9, #64]
  stp x29, x30, [x9, #80]
  mov x10, sp
  str x10, [x9, #96]
  msr sp_el0, x1
  msr elr_el1, x0
  msr spsr_el1, xzr
  eret

  .global el0_return
el0_return:
  adrp x9, saved
  add x9, x9, :lo12:saved
  ldr x10, [x9, #96]
  mov sp, x10
  ldp x19, x20, [x9, #0]
  ldp x21, x22, [x9, #16]
  ldp x23, x24, [x9, #32]
  ldp x25, x26, [x9, #48]
  ldp x27, x28, [x9, #64]
  ldp x29, x30, [x9, #80]
  ret

// Probes whose exception returns somewhere else: they store that place in `resume` first.
// void probe_pc_align(void): BR to a misaligned address (PC alignment fault).
  .global probe_pc_align
probe_pc_align:
  adrp x1, resume
  add x1, x1, :lo12:resume
  adr x2, 1f
  str x2, [x1]
  adr x0, 1f
  add x0, x0, #2
  br x0
1: ret

// void probe_illegal_return(uint64_t spsr): ERET with that SPSR to the next instruction; an
// illegal return sets PSTATE.IL, so that instruction takes an Illegal Execution State exception.
  .global probe_illegal_return
probe_illegal_return:
  adrp x1, resume
  add x1, x1, :lo12:resume
  adr x2, 2f
  str x2, [x1]
  adr x1, 1f
  msr elr_el1, x1
  msr spsr_el1, x0
  eret
1: nop
2: ret

  .bss
  .balign 16
saved: .skip 112
