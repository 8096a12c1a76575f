// Vector table, EL0 runner and probes for traps.c. Every vector saves the caller-saved
// registers on SP_EL1, calls exc_handler(vector index) and returns with ERET.
#include "vectors.inc"

  .text
#include "el0-runner.inc"

  .text
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
