// Advanced SIMD two registers and a shift amount (ARM ARM A7.4.4) and one register and a
// modified immediate (A7.4.6).
import { fpAccessOk } from "../fp-access";
import { vD, vM, qBit, qRegOk, dAddr, dGet, dSet, eld, est, loadVec, SCR_M } from "./common";
import { ext, emask, shiftElem, shiftSatSU, satS, satU } from "./int-ops";

// L:imm6 (bits 7, 21..16) give the element size; the group puts L = 0, imm6 = 000xxx in the
// modified-immediate space, so one of these always holds here.
function shSize(insn: u32): u32 {
  if ((insn >>> 7) & 1) return 3;
  const imm6 = (insn >>> 16) & 0x3f;
  return imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
}
/** Right-shift amount 1..esize: 2*esize - imm6 (64 - imm6 when L = 1). */
function shRight(insn: u32, size: u32): i32 {
  const imm6 = <i32>((insn >>> 16) & 0x3f);
  return size == 3 ? 64 - imm6 : (16 << size) - imm6;
}
/** Left-shift amount 0..esize-1: imm6 - esize (imm6 when L = 1). */
function shLeft(insn: u32, size: u32): i32 {
  const imm6 = <i32>((insn >>> 16) & 0x3f);
  return size == 3 ? imm6 : imm6 - (8 << size);
}

const K_SHR: u32 = 0, K_SRA: u32 = 1, K_RSHR: u32 = 2, K_RSRA: u32 = 3, K_SRI: u32 = 4,
  K_SHL: u32 = 5, K_SLI: u32 = 6, K_QSHLU: u32 = 7, K_QSHL: u32 = 8;

/** Same-size shifts: every element of Vm shifted into Vd (in place is safe). */
function shiftImm(insn: u32, kind: u32): bool {
  const q = qBit(insn), d = vD(insn), m = vM(insn);
  if (!qRegOk(q, d) || !qRegOk(q, m)) return false;
  if (!fpAccessOk()) return false;
  const size = shSize(insn);
  const s = ((insn >>> 24) & 1) == 0;
  const right = kind <= K_SRI;
  const sh = right ? shRight(insn, size) : shLeft(insn, size);
  const bits = <u64>(8 << size);
  const mask = emask(size);
  const pd = dAddr(d), pm = dAddr(m);
  const n = ((q + 1) << 3) >>> size;
  for (let i: u32 = 0; i < n; i++) {
    const x = eld(pm, i, size);
    let r: u64;
    switch (kind) {
      case K_SHR: r = shiftElem(<u64>ext(x, size, s), -sh, size, s, false, false); break;
      case K_SRA: r = eld(pd, i, size) + shiftElem(<u64>ext(x, size, s), -sh, size, s, false, false); break;
      case K_RSHR: r = shiftElem(<u64>ext(x, size, s), -sh, size, s, true, false); break;
      case K_RSRA: r = eld(pd, i, size) + shiftElem(<u64>ext(x, size, s), -sh, size, s, true, false); break;
      case K_SRI: {
        // shift by esize leaves the destination unchanged
        if (<u64>sh == bits) continue;
        const keep = ~(mask >> <u64>sh);
        r = (eld(pd, i, size) & keep) | (x >> <u64>sh);
        break;
      }
      case K_SHL: r = x << <u64>sh; break;
      case K_SLI: {
        const keep = ~(mask << <u64>sh);
        r = (eld(pd, i, size) & keep) | (x << <u64>sh);
        break;
      }
      case K_QSHLU: r = shiftSatSU(<u64>ext(x, size, true), sh, size); break;
      default: r = shiftElem(<u64>ext(x, size, s), sh, size, s, false, true); // K_QSHL
    }
    est(pd, i, size, r);
  }
  return true;
}

export function VSHR(insn: u32): bool { return shiftImm(insn, K_SHR); }
export function VSRA(insn: u32): bool { return shiftImm(insn, K_SRA); }
export function VRSHR(insn: u32): bool { return shiftImm(insn, K_RSHR); }
export function VRSRA(insn: u32): bool { return shiftImm(insn, K_RSRA); }
export function VSRI(insn: u32): bool { return shiftImm(insn, K_SRI); }
export function VSHL_imm(insn: u32): bool { return shiftImm(insn, K_SHL); }
export function VSLI(insn: u32): bool { return shiftImm(insn, K_SLI); }
export function VQSHLU_imm(insn: u32): bool { return shiftImm(insn, K_QSHLU); }
export function VQSHL_imm(insn: u32): bool { return shiftImm(insn, K_QSHL); }

// ---- narrowing: Qm (elements of 2*esize) shifted right into Dd ----
const N_TRUNC: u32 = 0, N_SAT_S: u32 = 1, N_SAT_U: u32 = 2;
/** `srcSigned`: how the wide source is read; `out`: truncate, or saturate signed/unsigned. */
function shiftNarrow(insn: u32, srcSigned: bool, out: u32): bool {
  const m = vM(insn);
  if (m & 1) return false;
  if (!fpAccessOk()) return false;
  const size = shSize(insn); // result element size (0..2)
  const sh = shRight(insn, size);
  const round = ((insn >>> 6) & 1) != 0;
  loadVec(SCR_M, m, 2);
  const pd = dAddr(vD(insn));
  const n = <u32>8 >>> size;
  for (let i: u32 = 0; i < n; i++) {
    const x = <u64>ext(eld(SCR_M, i, size + 1), size + 1, srcSigned);
    const r = shiftElem(x, -sh, size + 1, srcSigned, round, false);
    est(pd, i, size, out == N_TRUNC ? r : out == N_SAT_S ? satS(<i64>r, size) : satU(<i64>r, size));
  }
  return true;
}
/** VSHRN / VRSHRN (R = bit 6). */
export function VSHRN(insn: u32): bool { return shiftNarrow(insn, false, N_TRUNC); }
/** VQSHRUN / VQRSHRUN: signed source, unsigned saturated result. */
export function VQSHRUN(insn: u32): bool { return shiftNarrow(insn, true, N_SAT_U); }
/** VQSHRN / VQRSHRN: .S (U = 0) signed to signed, .U unsigned to unsigned. */
export function VQSHRN(insn: u32): bool {
  const u = ((insn >>> 24) & 1) != 0;
  return shiftNarrow(insn, !u, u ? N_SAT_U : N_SAT_S);
}

/** VSHLL (imm < esize; VMOVL is #0): Dm widened and shifted left into Qd. */
export function VSHLL_imm(insn: u32): bool {
  const d = vD(insn);
  if (d & 1) return false;
  if (!fpAccessOk()) return false;
  const size = shSize(insn);
  const sh = <u64>shLeft(insn, size);
  const s = ((insn >>> 24) & 1) == 0;
  loadVec(SCR_M, vM(insn), 1);
  const pd = dAddr(d);
  const n = <u32>8 >>> size;
  for (let i: u32 = 0; i < n; i++) est(pd, i, size + 1, <u64>ext(eld(SCR_M, i, size), size, s) << sh);
  return true;
}

// ---- one register and a modified immediate ----
/** AdvSIMDExpandImm (with the VMVN inversion for op = 1), as a 64-bit pattern. */
export function advSimdExpandImm(op: u32, cmode: u32, imm8: u32): u64 {
  let imm: u32 = imm8;
  switch (cmode >>> 1) {
    case 0: break;
    case 1: imm <<= 8; break;
    case 2: imm <<= 16; break;
    case 3: imm <<= 24; break;
    case 4: imm |= imm << 16; break;
    case 5: imm = (imm << 8) | (imm << 24); break;
    case 6: imm = (cmode & 1) ? (imm << 16) | 0xffff : (imm << 8) | 0xff; break;
    default:
      if ((cmode & 1) == 0) {
        if (op) {
          // each bit of imm8 selects a whole byte
          let r: u64 = 0;
          for (let k: u32 = 0; k < 8; k++) if ((imm8 >>> k) & 1) r |= <u64>0xff << (<u64>k << 3);
          return r;
        }
        imm = imm8 * 0x01010101;
      } else {
        // single-precision a:NOT(b):bbbbb:cdefgh:Zeros(19)
        imm = ((imm8 & 0x80) << 24) | ((imm8 & 0x3f) << 19) | ((imm8 & 0x40) ? (<u32>0x1f << 25) : (<u32>1 << 30));
      }
  }
  if (op) imm = ~imm;
  return (<u64>imm << 32) | <u64>imm;
}

/** VMOV / VMVN / VORR / VBIC (immediate), told apart by cmode and op. */
export function Vimm_1r(insn: u32): bool {
  const q = qBit(insn), d = vD(insn);
  if (!qRegOk(q, d)) return false;
  const cmode = (insn >>> 8) & 0xf, op = (insn >>> 5) & 1;
  const logic = (cmode & 1) != 0 && cmode < 12;
  if (!logic && cmode == 15 && op == 1) return false;
  if (!fpAccessOk()) return false;
  const imm8 = ((insn >>> 17) & 0x80) | ((insn >>> 12) & 0x70) | (insn & 0xf);
  const imm = advSimdExpandImm(op, cmode, imm8);
  for (let k: u32 = 0; k <= q; k++) {
    // VBIC: op = 1 has already inverted the constant, so it is an AND
    if (!logic) dSet(d + k, imm);
    else dSet(d + k, op ? dGet(d + k) & imm : dGet(d + k) | imm);
  }
  return true;
}
