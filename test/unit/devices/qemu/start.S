.syntax unified
.arm
.section .text.start
.global _start
_start:
  ldr sp,=0x80800000
  bl main
  mov r0,#0x18
  ldr r1,=0x20026
  svc 0x123456
1: b 1b
.global semi_write0
semi_write0:
  mov r1,r0
  mov r0,#4
  svc 0x123456
  bx lr
