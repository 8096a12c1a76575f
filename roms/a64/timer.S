// Vector table and EL0 runner for timer.c: every vector saves the caller-saved registers on
// SP_EL1, calls exc_handler(vector index) and returns with ERET.
#include "vectors.inc"
  .text
#include "el0-runner.inc"
