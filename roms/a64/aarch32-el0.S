// AArch64 half of aarch32-el0.elf: the EL1 vector table, the ERET into AArch32 User mode, and
// the User-mode code itself (aarch32-el0-user.s, assembled to a flat binary by build.sh).
// Every vector saves X0..X30, ELR_EL1 and SPSR_EL1 in a frame on SP_EL1, calls
// el1_exception(frame, vector index), then restores them (the handler may edit the frame) and
// returns with ERET.
  .section .text.vectors, "ax"
  .balign 2048
  .global el1_vectors
el1_vectors:
  .irp idx, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  .balign 128
  sub sp, sp, #272
  stp x0, x1, [sp, #0]
  mov x0, #\idx
  b save_rest
  .endr

save_rest:
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
  mrs x1, elr_el1
  mrs x2, spsr_el1
  stp x30, x1, [sp, #240]
  str x2, [sp, #256]
  mov x1, x0
  mov x0, sp
  bl el1_exception
  // fall through into the restore
restore_and_eret:
  ldp x30, x1, [sp, #240]
  ldr x2, [sp, #256]
  msr elr_el1, x1
  msr spsr_el1, x2
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
  ldp x0, x1, [sp, #0]
  add sp, sp, #272
  eret

  .text
// void enter_user(uint64_t pc, uint64_t spsr): ERET into AArch32 User mode at pc. X15..X30 get
// 64-bit values AArch32 cannot keep: after the next exception they read back truncated.
  .global enter_user
enter_user:
  msr elr_el1, x0
  msr spsr_el1, x1
  ldr x15, =0x1515151515151515
  ldr x20, =0x2020202020202020
  ldr x30, =0x3030303030303030
  eret
  .ltorg

  .section .rodata.user, "a"
  .balign 4096
  .global user_code, user_code_end
user_code:
  .incbin "aarch32-el0-user.bin"
user_code_end:
