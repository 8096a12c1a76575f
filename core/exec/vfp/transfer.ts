// Transfers between core registers and the FP extension (ARM ARM A8.8.340-346 VMOV,
// A8.8.348-349 VMRS/VMSR, A8.8.297 VDUP (ARM core register)), following QEMU 7.2.
import { STATE, S_VFP, S_FPEXC } from "../../state/layout";
import { rreg, isPrivileged } from "../../cpu";
import { fpAccessOk, fpCpacrOk } from "../fp-access";
import { sGet, sSet, fpscrGet, fpscrSet, FPSCR_WRITE_MASK, setNZCV, storeReg } from "./regs";

/** The A15's FP identification registers as QEMU 7.2 reports them. */
export const A15_FPSID: u32 = 0x410430f0;
export const A15_MVFR0: u32 = 0x10110222;
export const A15_MVFR1: u32 = 0x11111111;

@inline function scalarAddr(insn: u32): usize {
  return <usize>(STATE + S_VFP) + ((((insn >>> 3) & 0x10) | ((insn >>> 16) & 0xf)) << 3);
}
@inline function rt(insn: u32): u32 { return (insn >>> 12) & 0xf; }

// ---- scalar to core register (VMOV.{S,U}{8,16}, VMOV.32 Rt, Dn[x]) ----
export function VMOV_to_gp_8(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const x = ((insn >>> 19) & 4) | ((insn >>> 5) & 3);
  const v = <u32>load<u8>(scalarAddr(insn) + x);
  storeReg(rt(insn), (insn & 0x00800000) != 0 ? v : <u32><i32><i8>v);
  return true;
}
export function VMOV_to_gp_16(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const x = ((insn >>> 20) & 2) | ((insn >>> 6) & 1);
  const v = <u32>load<u16>(scalarAddr(insn) + (x << 1));
  storeReg(rt(insn), (insn & 0x00800000) != 0 ? v : <u32><i32><i16>v);
  return true;
}
export function VMOV_to_gp_32(insn: u32): bool {
  if (!fpAccessOk()) return false;
  storeReg(rt(insn), load<u32>(scalarAddr(insn) + ((insn >>> 19) & 4)));
  return true;
}

// ---- core register to scalar (VMOV.{8,16,32} Dn[x], Rt): the other bytes are kept ----
export function VMOV_from_gp_8(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const x = ((insn >>> 19) & 4) | ((insn >>> 5) & 3);
  store<u8>(scalarAddr(insn) + x, <u8>rreg(rt(insn)));
  return true;
}
export function VMOV_from_gp_16(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const x = ((insn >>> 20) & 2) | ((insn >>> 6) & 1);
  store<u16>(scalarAddr(insn) + (x << 1), <u16>rreg(rt(insn)));
  return true;
}
export function VMOV_from_gp_32(insn: u32): bool {
  if (!fpAccessOk()) return false;
  store<u32>(scalarAddr(insn) + ((insn >>> 19) & 4), rreg(rt(insn)));
  return true;
}

/** VDUP.{8,16,32} Dd/Qd, Rt: b (bit 22) = 8-bit, e (bit 5) = 16-bit, q (bit 21) = Q register. */
export function VDUP_gp(insn: u32): bool {
  const b = (insn >>> 22) & 1, e = (insn >>> 5) & 1, q = (insn >>> 21) & 1;
  const n = ((insn >>> 3) & 0x10) | ((insn >>> 16) & 0xf);
  if (b != 0 && e != 0) return false;
  if (q != 0 && (n & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  let v = rreg(rt(insn));
  if (b != 0) v = (v & 0xff) * 0x01010101;
  else if (e != 0) v = (v & 0xffff) * 0x00010001;
  const w = (<u64>v << 32) | <u64>v;
  const a = <usize>(STATE + S_VFP) + (n << 3);
  store<u64>(a, w);
  if (q != 0) store<u64>(a + 8, w);
  return true;
}

// ---- special registers ----
const REG_FPSID: u32 = 0, REG_FPSCR: u32 = 1, REG_MVFR1: u32 = 6, REG_MVFR0: u32 = 7, REG_FPEXC: u32 = 8;

/**
 * VMRS Rt, <spec> (l = 1) / VMSR <spec>, Rt (l = 0). FPSID, MVFR0/1 and FPEXC are PL1-only and
 * ignore FPEXC.EN (CPACR still applies); FPSCR needs the full access check. FPINST/FPINST2 and
 * MVFR2 do not exist on the A15 (VFPv3+, ARMv7): UNDEFINED like every other register number.
 */
export function VMSR_VMRS(insn: u32): bool {
  const l = (insn >>> 20) & 1, reg = (insn >>> 16) & 0xf, t = rt(insn);
  if (reg == REG_FPSCR) {
    if (!fpAccessOk()) return false;
  } else if (reg == REG_FPSID || reg == REG_MVFR0 || reg == REG_MVFR1 || reg == REG_FPEXC) {
    if (!isPrivileged() || !fpCpacrOk()) return false;
  } else {
    return false;
  }
  if (l != 0) {
    let v: u32;
    if (reg == REG_FPSCR) v = t == 15 ? fpscrGet() & 0xf0000000 : fpscrGet();
    else if (reg == REG_FPSID) v = A15_FPSID;
    else if (reg == REG_MVFR0) v = A15_MVFR0;
    else if (reg == REG_MVFR1) v = A15_MVFR1;
    else v = load<u32>(STATE + S_FPEXC);
    if (t == 15) setNZCV(v); // APSR_nzcv
    else storeReg(t, v);
  } else {
    const v = rreg(t);
    if (reg == REG_FPSCR) fpscrSet(v & FPSCR_WRITE_MASK);
    else if (reg == REG_FPEXC) store<u32>(STATE + S_FPEXC, v & 0x40000000); // QEMU keeps EN only
    // FPSID, MVFR0/1: writes ignored
  }
  return true;
}

// ---- core registers <-> S/D registers ----
/** VMOV Rt, Sn / VMOV Sn, Rt. Rt = 15 on the read side sets APSR.NZCV (as QEMU). */
export function VMOV_single(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const n = ((insn >>> 15) & 0x1e) | ((insn >>> 7) & 1), t = rt(insn);
  if ((insn & 0x00100000) != 0) {
    const v = sGet(n);
    if (t == 15) setNZCV(v);
    else storeReg(t, v);
  } else {
    sSet(n, rreg(t));
  }
  return true;
}

/** Two core registers and Sm, Sm+1 (o = 1: to core registers; Rt2 is written second). */
export function VMOV_64_sp(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const m = ((insn << 1) & 0x1e) | ((insn >>> 5) & 1);
  movePair(insn, m);
  return true;
}

/** Two core registers and Dm (as the low and high words). */
export function VMOV_64_dp(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const m = ((insn >>> 1) & 0x10) | (insn & 0xf);
  movePair(insn, m << 1);
  return true;
}

function movePair(insn: u32, s: u32): void {
  const t = rt(insn), t2 = (insn >>> 16) & 0xf;
  if ((insn & 0x00100000) != 0) {
    const lo = sGet(s), hi = sGet(s + 1);
    storeReg(t, lo);
    storeReg(t2, hi);
  } else {
    const lo = rreg(t), hi = rreg(t2);
    sSet(s, lo);
    sSet(s + 1, hi);
  }
}
