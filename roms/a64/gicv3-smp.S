// Vector table for gicv3-smp.c (every vector saves the caller-saved registers, calls
// exc_handler(vector index) and returns with ERET), and the entry of the second CPU.
#include "vectors.inc"
  .text

// CPU_ON's entry point for CPU 1: its own stack, then secondary_main (which never returns).
  .global secondary_entry
secondary_entry:
  adrp x1, secondary_stack_top
  add x1, x1, :lo12:secondary_stack_top
  mov sp, x1
  bl secondary_main
1:
  wfi
  b 1b

  .bss
  .balign 16
  .skip 8192
secondary_stack_top:
