// Vector table and probes for mmu.c. Every vector saves x0..x30 in a frame on SP_EL1 and calls
// exc_handler(vector index, frame); the handler may change the frame (x0, ELR via sysreg) and
// the registers are reloaded from it before ERET.
  .section .text.vectors, "ax"
  .balign 2048
  .global vectors
vectors:
  .irp idx, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  .balign 128
  sub sp, sp, #256
  stp x0, x1, [sp, #0]
  mov x0, #\idx
  b common
  .endr

common:
  stp x2, x3, [sp, #16]
  stp x4, x5, [sp, #32]
  stp x6, x7, [sp, #48]
  stp x8, x9, [sp, #64]
  stp x10, x11, [sp, #80]
  stp x12, x13, [sp, #96]
  stp x14, x15, [sp, #112]
  stp x16, x17, [sp, #128]
  stp x18, x19, [sp, #144]
  stp x20, x21, [sp, #160]
  stp x22, x23, [sp, #176]
  stp x24, x25, [sp, #192]
  stp x26, x27, [sp, #208]
  stp x28, x29, [sp, #224]
  str x30, [sp, #240]
  mov x1, sp
  bl exc_handler
  ldp x0, x1, [sp, #0]
  ldp x2, x3, [sp, #16]
  ldp x4, x5, [sp, #32]
  ldp x6, x7, [sp, #48]
  ldp x8, x9, [sp, #64]
  ldp x10, x11, [sp, #80]
  ldp x12, x13, [sp, #96]
  ldp x14, x15, [sp, #112]
  ldp x16, x17, [sp, #128]
  ldp x18, x19, [sp, #144]
  ldp x20, x21, [sp, #160]
  ldp x22, x23, [sp, #176]
  ldp x24, x25, [sp, #192]
  ldp x26, x27, [sp, #208]
  ldp x28, x29, [sp, #224]
  ldr x30, [sp, #240]
  add sp, sp, #256
  eret

  .text
// uint64_t probe_read(uint64_t va): the doubleword at va, or FAULTED if the load aborted (the
// handler skips it). probe_ldtr: the same as an unprivileged (EL0) load.
  .global probe_read
probe_read:
  mov x1, x0
  mov x0, #0xfa17
  ldr x0, [x1]
  ret

  .global probe_ldtr
probe_ldtr:
  mov x1, x0
  mov x0, #0xfa17
  ldtr x0, [x1]
  ret

// void probe_write(uint64_t va, uint64_t v): the store (the handler counts an abort and skips it).
  .global probe_write
probe_write:
  str x1, [x0]
  ret

// uint64_t at_s1e1r(uint64_t va) / at_s1e1w / at_s1e0r: PAR_EL1 after the AT operation.
  .global at_s1e1r
at_s1e1r:
  at s1e1r, x0
  isb
  mrs x0, par_el1
  ret

  .global at_s1e1w
at_s1e1w:
  at s1e1w, x0
  isb
  mrs x0, par_el1
  ret

  .global at_s1e0r
at_s1e0r:
  at s1e0r, x0
  isb
  mrs x0, par_el1
  ret

// The code copied into a test page and called there: returns 0x600d.
  .global exec_payload, exec_payload_end
exec_payload:
  mov x0, #0x600d
  ret
exec_payload_end:
