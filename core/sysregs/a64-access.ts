// MRS/MSR/SYS access to AArch64 system registers, by key = insn bits [20:5]
// (op0:op1:CRn:CRm:op2, the KVM/QEMU AArch64 encoding without its group bits).
// PLACEHOLDER: every access is UNDEFINED until the table rows and the generator land.

/** Outcome of the last access: A64_OK, A64_UNDEF (EC 0, "unknown"), A64_TRAP (EC 0x18 with the
 *  MSR/MRS syndrome), A64_FP_TRAP (EC 0x07, CPACR_EL1.FPEN). */
export const A64_OK: i32 = 0;
export const A64_UNDEF: i32 = 1;
export const A64_TRAP: i32 = 2;
export const A64_FP_TRAP: i32 = 3;
export let sysregA64Status: i32 = A64_OK;

export function sysregA64Read(key: u32, el0: bool): u64 { sysregA64Status = A64_UNDEF; return 0; }
export function sysregA64Write(key: u32, el0: bool, v: u64): void { sysregA64Status = A64_UNDEF; }
