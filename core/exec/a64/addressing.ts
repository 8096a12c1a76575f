// What the A64 load/store handlers share: transfers of 1..16 bytes between memory (through
// core/mmu/memory64.ts) and the X or V registers, with the extensions of the load forms.
// A transfer that faults has taken the abort (excTaken) and written no register.
import { STATE, S_VFP } from "../../state/layout";
import { SR_SCTLR } from "../../generated/sysregs";
import { excTaken } from "../../cpu";
import { xr, setXr } from "../../cpu64";
import {
  read8_64, read16_64, read32_64, read64_64, write8_64, write16_64, write32_64, write64_64,
} from "../../mmu/memory64";
import { takeDataAbort64 } from "../../exceptions/a64-entry";
import { fpAccessOk64 } from "./fp-check";
import { sext64 } from "./common";

/** Zero-extended read of 2^log2 bytes (log2 <= 3). */
export function readN(va: u64, log2: u32, flags: u32): u64 {
  if (log2 == 0) return <u64>read8_64(va, flags);
  if (log2 == 1) return <u64>read16_64(va, flags);
  if (log2 == 2) return <u64>read32_64(va, flags);
  return read64_64(va, flags);
}

/** Write the low 2^log2 bytes of v (log2 <= 3). */
export function writeN(va: u64, log2: u32, v: u64, flags: u32): void {
  if (log2 == 0) write8_64(va, <u32>v, flags);
  else if (log2 == 1) write16_64(va, <u32>v, flags);
  else if (log2 == 2) write32_64(va, <u32>v, flags);
  else write64_64(va, v, flags);
}

/** The register value of a load by opc (01 zero-extend, 10 sign-extend to 64, 11 sign-extend
 *  to 32 then zero-extend, as LDRSB/LDRSH Wt). */
export function extendLoad(v: u64, log2: u32, opc: u32): u64 {
  if (opc < 2 || log2 == 3) return v;
  const s = sext64(v, 8 << log2);
  return opc == 3 ? s & 0xffffffff : s;
}

// ---- FP/SIMD registers: Vn is 16 bytes at S_VFP + 16n ----

@inline function vAddr(n: u32): u32 { return STATE + S_VFP + (n << 4); }
@inline export function vLo(n: u32): u64 { return load<u64>(vAddr(n)); }
@inline export function vHi(n: u32): u64 { return load<u64>(vAddr(n), 8); }
/** Write all 128 bits of Vn (scalar loads pass hi = 0: they clear the rest of the register). */
@inline export function setV(n: u32, lo: u64, hi: u64): void {
  store<u64>(vAddr(n), lo);
  store<u64>(vAddr(n), hi, 8);
}

/** A Q access checks 16-byte alignment on its first half (QEMU's MO_ALIGN_16) when SCTLR_EL1.A
 *  is set, or `always` (LDXP/STXP of X registers). Takes the alignment fault (DFSC 0x21, as
 *  memory64's) and returns true if misaligned. */
export function misaligned16(va: u64, always: bool, write: bool): bool {
  if ((<u32>va & 15) == 0 || (!always && (load<u32>(SR_SCTLR) & 2) == 0)) return false;
  takeDataAbort64(va, 0x21 | (write ? 1 << 6 : 0));
  return true;
}

/** Load Vt from va: 2^log2 bytes, log2 = 4 for Q (two 8-byte reads, low first; the register is
 *  written only when both succeeded). False if an exception was taken. */
export function loadV(t: u32, va: u64, log2: u32, flags: u32): bool {
  if (log2 < 4) {
    const v = readN(va, log2, flags);
    if (excTaken) return false;
    setV(t, v, 0);
    return true;
  }
  if (misaligned16(va, false, false)) return false;
  const lo = read64_64(va, flags);
  if (excTaken) return false;
  const hi = read64_64(va + 8, flags);
  if (excTaken) return false;
  setV(t, lo, hi);
  return true;
}

/** Store the low 2^log2 bytes of Vt (Q: low half then high half; if the high half faults the low
 *  half is already written, as in QEMU). False if an exception was taken. */
export function storeV(t: u32, va: u64, log2: u32, flags: u32): bool {
  if (log2 < 4) {
    writeN(va, log2, vLo(t), flags);
    return !excTaken;
  }
  if (misaligned16(va, false, true)) return false;
  write64_64(va, vLo(t), flags);
  if (excTaken) return false;
  write64_64(va + 8, vHi(t), flags);
  return !excTaken;
}

/**
 * The single-register load or store that insn encodes (size bits 31..30, V bit 26, opc bits
 * 23..22, Rt bits 4..0) at va. FP/SIMD forms first check CPACR_EL1.FPEN. False if an exception
 * was taken: the caller then skips its base register writeback.
 */
export function transfer(insn: u32, va: u64, flags: u32): bool {
  const size = insn >>> 30, opc = (insn >>> 22) & 3, t = insn & 31;
  if ((insn & (1 << 26)) != 0) {
    if (!fpAccessOk64()) return false;
    const log2 = size | ((opc & 2) << 1);
    return (opc & 1) != 0 ? loadV(t, va, log2, flags) : storeV(t, va, log2, flags);
  }
  if (opc == 0) {
    writeN(va, size, xr(t), flags);
    return !excTaken;
  }
  const v = readN(va, size, flags);
  if (excTaken) return false;
  setXr(t, extendLoad(v, size, opc));
  return true;
}

/** log2 of the access size of a single-register form (scales the immediate or Rm). */
@inline export function accessLog2(insn: u32): u32 {
  const size = insn >>> 30;
  return (insn & (1 << 26)) != 0 ? size | ((insn >>> 21) & 4) : size;
}
