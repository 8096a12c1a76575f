// Field extraction and small helpers shared by the A64 handlers.
import { conditionPassed } from "../../cpu";

/** Bits [lo, lo+len) of insn. */
@inline export function field(insn: u32, lo: u32, len: u32): u32 { return (insn >>> lo) & ((1 << len) - 1); }
/** Sign-extend the low `bits` bits of v to 64. */
@inline export function sext64(v: u64, bits: u32): u64 { return <u64>((<i64>(v << (64 - bits))) >> (64 - bits)); }
/** A64 condition codes are AArch32's; 1111 (NV) means always, as 1110. */
@inline export function condHolds(cond: u32): bool { return cond >= 14 || conditionPassed(cond); }
