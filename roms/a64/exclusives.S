// Vector table for exclusives.c: every vector saves the caller-saved registers on SP_EL1,
// calls exc_handler(vector index) and returns with ERET (which clears the local monitor).
#include "vectors.inc"
