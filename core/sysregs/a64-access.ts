// MRS/MSR/SYS access to AArch64 system registers, by key = insn bits [20:5]
// (op0:op1:CRn:CRm:op2, the KVM/QEMU AArch64 encoding without its group bits). The dispatch is
// generated from the system-register table (core/sysregs/gen/gen-a64.ts); sysregA64Status says
// how the last access ended (see a64-status.ts).
export { A64_OK, A64_UNDEF, A64_TRAP, A64_FP_TRAP, A64_NOP } from "./a64-status";
export { sysregA64Read, sysregA64Write, sysregA64Status } from "../generated/sysregs";
