// AdvSIMD copy: DUP, INS, SMOV, UMOV. imm5's lowest set bit gives the element size, the bits
// above it the index (QEMU handle_simd_dupe & co.; imm5 = x0000 is unallocated).
import { xr, setXr, setWr } from "../../cpu64";
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, setVQ } from "./fpregs";
import { vElt, vEltS, setVElt, isQ, vBytes, clearHigh } from "./simd-common";

@inline function imm5(i: u32): u32 { return (i >>> 16) & 31; }
@inline function eSize(i: u32): u32 { return <u32>ctz<u32>(imm5(i) | 32); }
@inline function eIndex(i: u32): u32 { return imm5(i) >>> (eSize(i) + 1); }

function dupFill(d: u32, size: u32, v: u64, q: bool): void {
  const n = vBytes(q ? 1 << 30 : 0) >>> size;
  for (let k: u32 = 0; k < n; k++) setVElt(d, k, size, v);
  clearHigh(d, q);
}

export function DUP_element(i: u32): bool {
  const size = eSize(i);
  if (size > 3 || (size == 3 && !isQ(i))) return false;
  if (!fpAccessOk64()) return true;
  dupFill(rD(i), size, vElt(rN(i), eIndex(i), size), isQ(i));
  return true;
}

export function DUP_general(i: u32): bool {
  const size = eSize(i);
  if (size > 3 || (size == 3 && !isQ(i))) return false;
  if (!fpAccessOk64()) return true;
  dupFill(rD(i), size, xr(rN(i)), isQ(i));
  return true;
}

/** INS Vd.T[index], Rn: the other elements are kept. */
export function INS_general(i: u32): bool {
  const size = eSize(i);
  if (size > 3) return false;
  if (!fpAccessOk64()) return true;
  setVElt(rD(i), eIndex(i), size, xr(rN(i)));
  return true;
}

/** INS Vd.T[index1], Vn.T[index2]: index2 is imm4 shifted by the size. */
export function INS_element(i: u32): bool {
  const size = eSize(i);
  if (size > 3) return false;
  if (!fpAccessOk64()) return true;
  const src = ((i >>> 11) & 15) >>> size;
  setVElt(rD(i), eIndex(i), size, vElt(rN(i), src, size));
  return true;
}

/** SMOV Wd/Xd, Vn.T[index]: B or H (and S for Xd). */
export function SMOV(i: u32): bool {
  const size = eSize(i);
  if (size > 2 || (size == 2 && !isQ(i))) return false;
  if (!fpAccessOk64()) return true;
  const v = vEltS(rN(i), eIndex(i), size);
  if (isQ(i)) setXr(rD(i), <u64>v);
  else setWr(rD(i), <u32>v);
  return true;
}

/** UMOV Wd, Vn.{B,H,S}[index] (Q = 0) / UMOV Xd, Vn.D[index] (Q = 1). */
export function UMOV(i: u32): bool {
  const size = eSize(i);
  if (size > 3 || (size < 3 && isQ(i)) || (size == 3 && !isQ(i))) return false;
  if (!fpAccessOk64()) return true;
  setXr(rD(i), vElt(rN(i), eIndex(i), size));
  return true;
}

/** DUP (scalar, element), alias MOV: Vd = Vn.T[index], the rest of Vd zeroed. */
export function DUP_scalar(i: u32): bool {
  const size = eSize(i);
  if (size > 3) return false;
  if (!fpAccessOk64()) return true;
  setVQ(rD(i), vElt(rN(i), eIndex(i), size), 0);
  return true;
}
