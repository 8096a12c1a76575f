// Advanced SIMD permutes and narrowing: VSWP VTRN VUZP VZIP, VMOVN/VQMOVUN/VQMOVN, VSHLL
// (maximum shift), VEXT, VTBL/VTBX, VDUP (scalar). A32 encodings.
import { fpAccessOk } from "../fp-access";
import {
  vD, vN, vM, qBit, dAddr, dGet, dSet, eld, eldS, est, loadVec, storeVec, SCR_N, SCR_M, SCR_D, SCR_R, setQC,
} from "./common";
import { miscSize, miscRegsOk } from "./neon-misc";

export function VSWP(insn: u32): bool {
  if (miscSize(insn) != 0 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = qBit(insn) + 1;
  const d = vD(insn), m = vM(insn);
  loadVec(SCR_D, d, regs);
  loadVec(SCR_M, m, regs);
  storeVec(m, SCR_D, regs);
  storeVec(d, SCR_M, regs);
  return true;
}

/** Write the two scratch results back: Vm first, then Vd (when they are the same register, Vd wins, as QEMU). */
function writeBoth(insn: u32, regs: u32): void {
  storeVec(vM(insn), SCR_R, regs);
  storeVec(vD(insn), SCR_D, regs);
}

export function VTRN(insn: u32): bool {
  const size = miscSize(insn);
  if (size == 3 || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = qBit(insn) + 1;
  const n: u32 = (regs << 3) >>> size;
  if (size == 2) {
    // QEMU moves 32-bit elements one at a time in place (Vm[p] <- Vd[p+1], then Vd[p+1] <- old
    // Vm[p]); with Vd == Vm that swaps each pair, which the buffered form below would not do.
    const d = dAddr(vD(insn)), m = dAddr(vM(insn));
    for (let p: u32 = 0; p < n; p += 2) {
      const t = load<u32>(m + (<usize>p << 2));
      store<u32>(m + (<usize>p << 2), load<u32>(d + (<usize>(p + 1) << 2)));
      store<u32>(d + (<usize>(p + 1) << 2), t);
    }
    return true;
  }
  loadVec(SCR_D, vD(insn), regs);
  loadVec(SCR_R, vM(insn), regs);
  for (let i: u32 = 0; i < n; i += 2) {
    const t = eld(SCR_D, i + 1, size);
    est(SCR_D, i + 1, size, eld(SCR_R, i, size));
    est(SCR_R, i, size, t);
  }
  writeBoth(insn, regs);
  return true;
}

export function VUZP(insn: u32): bool {
  const size = miscSize(insn);
  const q = qBit(insn);
  if (size == 3 || (q == 0 && size == 2) || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = q + 1;
  const n: u32 = (regs << 3) >>> size; // elements per operand
  loadVec(SCR_N, vD(insn), regs);
  loadVec(SCR_M, vM(insn), regs);
  // concatenation Vd:Vm (Vd low): even elements to Vd, odd to Vm
  for (let i: u32 = 0; i < n; i++) {
    const e: u32 = 2 * i, o: u32 = 2 * i + 1;
    est(SCR_D, i, size, e < n ? eld(SCR_N, e, size) : eld(SCR_M, e - n, size));
    est(SCR_R, i, size, o < n ? eld(SCR_N, o, size) : eld(SCR_M, o - n, size));
  }
  writeBoth(insn, regs);
  return true;
}

export function VZIP(insn: u32): bool {
  const size = miscSize(insn);
  const q = qBit(insn);
  if (size == 3 || (q == 0 && size == 2) || !miscRegsOk(insn)) return false;
  if (!fpAccessOk()) return false;
  const regs = q + 1;
  const n: u32 = (regs << 3) >>> size;
  loadVec(SCR_N, vD(insn), regs);
  loadVec(SCR_M, vM(insn), regs);
  // interleave Vd[i], Vm[i]: the low half of the result to Vd, the high half to Vm
  for (let i: u32 = 0; i < n; i++) {
    const k: u32 = 2 * i;
    const a = eld(SCR_N, i, size), b = eld(SCR_M, i, size);
    if (k < n) { est(SCR_D, k, size, a); est(SCR_D, k + 1, size, b); }
    else { est(SCR_R, k - n, size, a); est(SCR_R, k - n + 1, size, b); }
  }
  writeBoth(insn, regs);
  return true;
}

/** Narrow the Q register Vm into Dd. mode: 0 VMOVN, 1 VQMOVUN (signed to unsigned), 2 VQMOVN.S, 3 VQMOVN.U. */
function narrow(insn: u32, mode: u32): bool {
  const size = miscSize(insn);
  const m = vM(insn);
  if (size == 3 || (m & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  loadVec(SCR_M, m, 2);
  const bits: u32 = 8 << size;
  const umax: u64 = (<u64>1 << bits) - 1;
  const smax: i64 = (<i64>1 << (bits - 1)) - 1;
  const smin: i64 = -(<i64>1 << (bits - 1));
  const n: u32 = 8 >>> size;
  for (let i: u32 = 0; i < n; i++) {
    let r: u64;
    if (mode == 0) {
      r = eld(SCR_M, i, size + 1);
    } else if (mode == 3) {
      r = eld(SCR_M, i, size + 1);
      if (r > umax) { r = umax; setQC(); }
    } else {
      const s = eldS(SCR_M, i, size + 1);
      if (mode == 1) {
        if (s < 0) { r = 0; setQC(); } else if (<u64>s > umax) { r = umax; setQC(); } else r = <u64>s;
      } else {
        if (s > smax) { r = <u64>smax; setQC(); } else if (s < smin) { r = <u64>smin; setQC(); } else r = <u64>s;
      }
    }
    est(SCR_D, i, size, r);
  }
  dSet(vD(insn), load<u64>(SCR_D));
  return true;
}
export function VMOVN(insn: u32): bool { return narrow(insn, qBit(insn)); }
export function VQMOVN(insn: u32): bool { return narrow(insn, 2 + qBit(insn)); }

/** VSHLL with shift = element size: Qd[i] = Dm[i] << esize. */
export function VSHLL_max(insn: u32): bool {
  const size = miscSize(insn);
  const d = vD(insn);
  if (size == 3 || (d & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  loadVec(SCR_M, vM(insn), 1);
  const n: u32 = 8 >>> size;
  for (let i: u32 = 0; i < n; i++) est(SCR_D, i, size + 1, eld(SCR_M, i, size) << (<u64>8 << size));
  storeVec(d, SCR_D, 2);
  return true;
}

/** VEXT: bytes imm.. of the concatenation Vm:Vn (Vn low). */
export function VEXT(insn: u32): bool {
  const q = qBit(insn);
  const imm = (insn >>> 8) & 0xf;
  if (q != 0 && ((vD(insn) | vN(insn) | vM(insn)) & 1) != 0) return false;
  if (q == 0 && imm > 7) return false;
  if (!fpAccessOk()) return false;
  const regs = q + 1;
  const bytes: u32 = regs << 3;
  loadVec(SCR_N, vN(insn), regs);
  loadVec(SCR_N + <usize>bytes, vM(insn), regs);
  storeVec(vD(insn), SCR_N + <usize>imm, regs);
  return true;
}

/** VTBL / VTBX (bit 6): byte lookups in a table of len+1 D registers starting at Vn. */
export function VTBL(insn: u32): bool {
  const len = ((insn >>> 8) & 3) + 1;
  const n = vN(insn);
  if (n + len > 32) return false;
  if (!fpAccessOk()) return false;
  const tbx = (insn & 0x40) != 0;
  loadVec(SCR_N, n, len);
  const idx = dGet(vM(insn));
  const d = vD(insn);
  const old = dGet(d);
  let r: u64 = 0;
  const limit: u32 = len << 3;
  for (let i: u32 = 0; i < 8; i++) {
    const k = <u32>(idx >>> (<u64>i << 3)) & 0xff;
    let b: u64;
    if (k < limit) b = <u64>load<u8>(SCR_N + <usize>k);
    else b = tbx ? (old >>> (<u64>i << 3)) & 0xff : 0;
    r |= b << (<u64>i << 3);
  }
  dSet(d, r);
  return true;
}

/** VDUP (scalar): imm4 = xxx1 byte, xx10 halfword, x100 word; x000 UNDEFINED. */
export function VDUP_scalar(insn: u32): bool {
  const imm4 = (insn >>> 16) & 0xf;
  const q = qBit(insn);
  const d = vD(insn);
  let size: u32, index: u32;
  if ((imm4 & 1) != 0) { size = 0; index = imm4 >>> 1; }
  else if ((imm4 & 2) != 0) { size = 1; index = imm4 >>> 2; }
  else if ((imm4 & 4) != 0) { size = 2; index = imm4 >>> 3; }
  else return false;
  if (q != 0 && (d & 1) != 0) return false;
  if (!fpAccessOk()) return false;
  const v = eld(<usize>0 + dAddrOf(vM(insn)), index, size);
  let w: u64;
  if (size == 0) w = v * 0x0101010101010101;
  else if (size == 1) w = v * 0x0001000100010001;
  else w = v * 0x0000000100000001;
  dSet(d, w);
  if (q != 0) dSet(d + 1, w);
  return true;
}

@inline function dAddrOf(m: u32): usize { store<u64>(SCR_M, dGet(m)); return SCR_M; }
