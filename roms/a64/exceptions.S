// Vector table and EL0 entry/exit for exceptions.c. Every vector saves the caller-saved
// registers on SP_EL1, calls exc_handler(vector index) and returns with ERET.
#include "vectors.inc"

  .text
#include "el0-runner.inc"
