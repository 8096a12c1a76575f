// Vector table and probes for mmu.c. Every vector saves x0..x30 in a frame on SP_EL1, and the
// caller-saved vector registers q0..q7, q16..q31 above it (so what a faulting vector load left
// in them survives the handler's printf), and calls exc_handler(vector index, frame); the
// handler may change the frame (x0, ELR via sysreg) and the registers are reloaded from it.
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
  sub sp, sp, #384
  stp q0, q1, [sp, #0]
  stp q2, q3, [sp, #32]
  stp q4, q5, [sp, #64]
  stp q6, q7, [sp, #96]
  stp q16, q17, [sp, #128]
  stp q18, q19, [sp, #160]
  stp q20, q21, [sp, #192]
  stp q22, q23, [sp, #224]
  stp q24, q25, [sp, #256]
  stp q26, q27, [sp, #288]
  stp q28, q29, [sp, #320]
  stp q30, q31, [sp, #352]
  add x1, sp, #384
  bl exc_handler
  ldp q0, q1, [sp, #0]
  ldp q2, q3, [sp, #32]
  ldp q4, q5, [sp, #64]
  ldp q6, q7, [sp, #96]
  ldp q16, q17, [sp, #128]
  ldp q18, q19, [sp, #160]
  ldp q20, q21, [sp, #192]
  ldp q22, q23, [sp, #224]
  ldp q24, q25, [sp, #256]
  ldp q26, q27, [sp, #288]
  ldp q28, q29, [sp, #320]
  ldp q30, q31, [sp, #352]
  add sp, sp, #384
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

// Pair and vector accesses for the page-crossing probes; loads go to out[] so that what a
// faulting load left in its registers can be seen (they start as SKIPPED patterns).
// void probe_stp(uint64_t va, uint64_t a, uint64_t b)
  .global probe_stp
probe_stp:
  stp x1, x2, [x0]
  ret

// void probe_ldp(uint64_t va, uint64_t out[2])
  .global probe_ldp
probe_ldp:
  mov x3, #0xfa17
  mov x4, #0xfa17
  ldp x3, x4, [x0]
  stp x3, x4, [x1]
  ret

// void probe_st1x4(uint64_t va, const uint8_t src[64])
  .global probe_st1x4
probe_st1x4:
  ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1]
  st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x0]
  ret

// void probe_ld1x4(uint64_t va, uint8_t out[64])
  .global probe_ld1x4
probe_ld1x4:
  movi v0.16b, #0xe0
  movi v1.16b, #0xe1
  movi v2.16b, #0xe2
  movi v3.16b, #0xe3
  ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x0]
  st1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1]
  ret

// void probe_dc_zva(uint64_t va)
  .global probe_dc_zva
probe_dc_zva:
  dc zva, x0
  ret

// void run_el0(uint64_t entry, const uint64_t args[8]): x20..x27 = args, then entry runs at
// EL0t; it ends with SVC #0xE1, after which the handler resumes at el0_return in EL1h.
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
  ldp x20, x21, [x1, #0]
  ldp x22, x23, [x1, #16]
  ldp x24, x25, [x1, #32]
  ldp x26, x27, [x1, #48]
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

// EL0 code, copied into a page EL0 may execute: accesses through x20 (EL0 read/write page),
// x21 (EL1-only), x22 (read-only at both), x23 (invalid), calls x24 (UXN), x25 and x26 (code
// returning 0x600d: EL0-readable, EL1-only), and stores what it got at x20 + 16.
  .global el0_payload, el0_payload_end
el0_payload:
  mov x10, #0xfa17
  mov x11, #0xfa17
  mov x12, #0xfa17
  mov x13, #0xfa17
  ldr x10, [x20]
  str x10, [x20, #8]
  ldr x11, [x21]
  str x10, [x22]
  ldr x12, [x22]
  ldr x13, [x23]
  stp x10, x11, [x20, #16]
  stp x12, x13, [x20, #32]
  mov x0, #0
  blr x24
  str x0, [x20, #48]
  mov x0, #0
  blr x25
  str x0, [x20, #56]
  mov x0, #0
  blr x26
  str x0, [x20, #64]
  svc #0xe1
el0_payload_end:

  .bss
  .balign 16
saved: .skip 112
