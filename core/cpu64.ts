// AArch64 register file, PC and PSTATE (ARM ARM D1.2, C5.2.18). Flags are shared with the
// AArch32 side (core/cpu.ts, QEMU-style words); PSTATE's other fields are S_CPSR_REST.
import {
  STATE, S_X, S_PC64, S_SP_EL0, S_SP_EL1, S_CPSR_REST, S_NF, S_ZF, S_CF, S_VF,
  PSTATE_NRW, PSTATE_SP,
} from "./state/layout";

/** Address of the next AArch64 instruction; handlers that branch overwrite it. */
export let nextPC64: u64 = 0;
export function setNextPC64(v: u64): void { nextPC64 = v; }

/** The CPU is in AArch64 state (PSTATE.nRW = 0). */
@inline export function inAArch64(): bool { return (load<u32>(STATE + S_CPSR_REST) & PSTATE_NRW) == 0; }
/** Current exception level in AArch64 (0 or 1 on this CPU). */
@inline export function currentEL(): u32 { return (load<u32>(STATE + S_CPSR_REST) >>> 2) & 3; }

@inline export function pc64(): u64 { return load<u64>(STATE + S_PC64); }
@inline export function setPC64(v: u64): void { store<u64>(STATE + S_PC64, v); }

// ---- general registers: register 31 is XZR or SP depending on the operand ----
/** Xn, with 31 reading as zero (XZR). */
@inline export function xr(n: u32): u64 { return n == 31 ? 0 : load<u64>(STATE + S_X + (n << 3)); }
/** Xn, with 31 meaning the current stack pointer. */
@inline export function xrSP(n: u32): u64 { return load<u64>(STATE + S_X + (n << 3)); }
/** Write Xn; writes to 31 (XZR) are discarded. */
@inline export function setXr(n: u32, v: u64): void { if (n != 31) store<u64>(STATE + S_X + (n << 3), v); }
/** Write Xn, 31 being the stack pointer. */
@inline export function setXrSP(n: u32, v: u64): void { store<u64>(STATE + S_X + (n << 3), v); }
/** Wn write: zero-extends into Xn. */
@inline export function setWr(n: u32, v: u32): void { if (n != 31) store<u64>(STATE + S_X + (n << 3), <u64>v); }
@inline export function wr(n: u32): u32 { return n == 31 ? 0 : load<u32>(STATE + S_X + (n << 3)); }

/** The current stack pointer (slot 31). */
@inline export function sp(): u64 { return load<u64>(STATE + S_X + 248); }
@inline export function setSP(v: u64): void { store<u64>(STATE + S_X + 248, v); }

/** Where the stack pointer selected by (EL, SPSel) is banked. */
@inline function spBank(el: u32, spsel: u32): u32 { return el == 0 || spsel == 0 ? S_SP_EL0 : S_SP_EL1; }

/** Write PSTATE's non-flag part (EL, SPSel, DAIF...), moving the live SP between its banks. */
export function setPstateRest(rest: u32): void {
  const old = load<u32>(STATE + S_CPSR_REST);
  const from = spBank((old >>> 2) & 3, old & PSTATE_SP);
  const to = spBank((rest >>> 2) & 3, rest & PSTATE_SP);
  if ((old & PSTATE_NRW) == 0 && from != to) {
    store<u64>(STATE + from, sp());
    setSP(load<u64>(STATE + to));
  } else if ((old & PSTATE_NRW) != 0) {
    setSP(load<u64>(STATE + to));
  }
  store<u32>(STATE + S_CPSR_REST, rest);
}

/** Bring the live SP into its bank (before saving state or leaving AArch64). */
export function syncSPBank(): void {
  const rest = load<u32>(STATE + S_CPSR_REST);
  if ((rest & PSTATE_NRW) != 0) return;
  store<u64>(STATE + spBank((rest >>> 2) & 3, rest & PSTATE_SP), sp());
}

// ---- flags ----
/** NZCV as bits 31..28. */
export function nzcv(): u32 {
  let v: u32 = load<u32>(STATE + S_NF) & 0x80000000;
  if (load<u32>(STATE + S_ZF) == 0) v |= 0x40000000;
  v |= (load<u32>(STATE + S_CF) & 1) << 29;
  v |= (load<u32>(STATE + S_VF) >>> 31) << 28;
  return v;
}
export function setNzcv(v: u32): void {
  store<u32>(STATE + S_NF, v & 0x80000000);
  store<u32>(STATE + S_ZF, (v & 0x40000000) != 0 ? 0 : 1);
  store<u32>(STATE + S_CF, (v >>> 29) & 1);
  store<u32>(STATE + S_VF, (v << 3) & 0x80000000);
}
/** N and Z from a 64-bit result (ZF is zero exactly when the result is). */
@inline export function setNZ64(r: u64): void {
  store<u32>(STATE + S_NF, <u32>(r >>> 32));
  store<u32>(STATE + S_ZF, <u32>r | <u32>(r >>> 32));
}
@inline export function setNZ32(r: u32): void {
  store<u32>(STATE + S_NF, r);
  store<u32>(STATE + S_ZF, r);
}
@inline export function setC(c: u32): void { store<u32>(STATE + S_CF, c); }
/** V from a bit-31 word. */
@inline export function setVword(v: u32): void { store<u32>(STATE + S_VF, v); }

/** PSTATE as SPSR_ELx holds it for an AArch64 state (NZCV + the rest). */
export function pstateRead(): u32 { return nzcv() | load<u32>(STATE + S_CPSR_REST); }
