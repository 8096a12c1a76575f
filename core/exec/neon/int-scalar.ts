// Advanced SIMD two registers and a scalar, integer forms (ARM ARM A7.4.3). The .F32 forms
// belong to the float NEON handlers. Each instruction has two rows (size 0x, size 10).
import { fpAccessOk } from "../fp-access";
import { vD, vN, vM, dAddr, eld, est, elemGet } from "./common";
import { sx, qdmulh } from "./int-ops";
import { diff3, W_MLAL, W_MLSL, W_MULL, W_QDMLAL, W_QDMLSL, W_QDMULL } from "./int-long";

/**
 * The scalar operand M:Vm: 16-bit elements come from D0..D7 (Vm<2:0>) with index M:Vm<3>,
 * 32-bit elements from D0..D15 with index M.
 */
function scalarOf(insn: u32, size: u32): u64 {
  const m = vM(insn);
  if (size == 1) return elemGet(m & 7, ((m >>> 4) << 1) | ((m >>> 3) & 1), 1);
  return elemGet(m & 15, m >>> 4, 2);
}

const S_MLA: u32 = 0, S_MLS: u32 = 1, S_MUL: u32 = 2, S_QDMULH: u32 = 3, S_QRDMULH: u32 = 4;
/** Same-length by-scalar forms: Q is bit 24; 16- and 32-bit elements only. */
function byScalar(insn: u32, op: u32): bool {
  const size = (insn >>> 20) & 3;
  if (size == 0) return false;
  const q = (insn >>> 24) & 1, d = vD(insn), n = vN(insn);
  if (q && ((d | n) & 1)) return false;
  if (!fpAccessOk()) return false;
  const sc = scalarOf(insn, size); // read before Vd is written: it may be part of Vd
  const pd = dAddr(d), pn = dAddr(n);
  const cnt = ((q + 1) << 3) >>> size;
  for (let i: u32 = 0; i < cnt; i++) {
    const a = eld(pn, i, size);
    let r: u64;
    switch (op) {
      case S_MLA: r = eld(pd, i, size) + a * sc; break;
      case S_MLS: r = eld(pd, i, size) - a * sc; break;
      case S_MUL: r = a * sc; break;
      case S_QDMULH: r = qdmulh(sx(a, size), sx(sc, size), size, false); break;
      default: r = qdmulh(sx(a, size), sx(sc, size), size, true);
    }
    est(pd, i, size, r);
  }
  return true;
}

export function VMLA_scalar(insn: u32): bool { return byScalar(insn, S_MLA); }
export function VMLA_scalar_sz2(insn: u32): bool { return byScalar(insn, S_MLA); }
export function VMLS_scalar(insn: u32): bool { return byScalar(insn, S_MLS); }
export function VMLS_scalar_sz2(insn: u32): bool { return byScalar(insn, S_MLS); }
export function VMUL_scalar(insn: u32): bool { return byScalar(insn, S_MUL); }
export function VMUL_scalar_sz2(insn: u32): bool { return byScalar(insn, S_MUL); }
export function VQDMULH_scalar(insn: u32): bool { return byScalar(insn, S_QDMULH); }
export function VQDMULH_scalar_sz2(insn: u32): bool { return byScalar(insn, S_QDMULH); }
export function VQRDMULH_scalar(insn: u32): bool { return byScalar(insn, S_QRDMULH); }
export function VQRDMULH_scalar_sz2(insn: u32): bool { return byScalar(insn, S_QRDMULH); }

/** Long by-scalar forms: Qd = Dn op scalar, 16- and 32-bit elements only. */
function longScalar(insn: u32, kind: u32): bool {
  const size = (insn >>> 20) & 3;
  if (size == 0) return false;
  return diff3(insn, kind, true, scalarOf(insn, size));
}
export function VMLAL_scalar(insn: u32): bool { return longScalar(insn, W_MLAL); }
export function VMLAL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_MLAL); }
export function VMLSL_scalar(insn: u32): bool { return longScalar(insn, W_MLSL); }
export function VMLSL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_MLSL); }
export function VMULL_scalar(insn: u32): bool { return longScalar(insn, W_MULL); }
export function VMULL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_MULL); }
export function VQDMLAL_scalar(insn: u32): bool { return longScalar(insn, W_QDMLAL); }
export function VQDMLAL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_QDMLAL); }
export function VQDMLSL_scalar(insn: u32): bool { return longScalar(insn, W_QDMLSL); }
export function VQDMLSL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_QDMLSL); }
export function VQDMULL_scalar(insn: u32): bool { return longScalar(insn, W_QDMULL); }
export function VQDMULL_scalar_sz2(insn: u32): bool { return longScalar(insn, W_QDMULL); }
