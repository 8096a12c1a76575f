// Vector table for gicv3.c: every vector saves the caller-saved registers on SP_EL1, calls
// exc_handler(vector index) and returns with ERET.
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
