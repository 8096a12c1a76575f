// EXT, ZIP/UZP/TRN, TBL/TBX. Sources are copied to scratch first: Vd may be any of them.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, rM, vAddr } from "./fpregs";
import { isQ, vBytes, clearHigh, copyV, SCR_N, SCR_M, eld, est } from "./simd-common";

/** EXT Vd, Vn, Vm, #pos: bytes pos.. of Vm:Vn (Vn low). */
export function EXT(i: u32): bool {
  const q = isQ(i);
  const pos = (i >>> 11) & 15;
  if (!q && pos >= 8) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  copyV(SCR_M, rM(i));
  const nb = vBytes(i);
  const d = vAddr(rD(i));
  for (let k: u32 = 0; k < nb; k++) {
    const j = k + pos;
    store<u8>(d + k, j < nb ? load<u8>(SCR_N + j) : load<u8>(SCR_M + j - nb));
  }
  clearHigh(rD(i), q);
  return true;
}

/** UZP1/2 (opcode 01), TRN1/2 (10), ZIP1/2 (11); bit 14 selects the second form. */
export function PERMUTE(i: u32): bool {
  const q = isQ(i);
  const size = (i >>> 22) & 3;
  const op = (i >>> 12) & 3;
  const part = (i >>> 14) & 1;
  if (op == 0 || (size == 3 && !q)) return false;
  if (!fpAccessOk64()) return true;
  copyV(SCR_N, rN(i));
  copyV(SCR_M, rM(i));
  const n = vBytes(i) >>> size;
  const d = vAddr(rD(i));
  for (let k: u32 = 0; k < n; k++) {
    let v: u64;
    if (op == 1) {
      const half = n >>> 1;
      v = k < half ? eld(SCR_N, 2 * k + part, size) : eld(SCR_M, 2 * (k - half) + part, size);
    } else if (op == 2) {
      v = eld((k & 1) != 0 ? SCR_M : SCR_N, (k & ~1) + part, size);
    } else {
      v = eld((k & 1) != 0 ? SCR_M : SCR_N, part * (n >>> 1) + (k >>> 1), size);
    }
    est(d, k, size, v);
  }
  clearHigh(rD(i), q);
  return true;
}

const TABLE: usize = memory.data(64, 16);

/** TBL/TBX: bytes of Vm index a table of len+1 consecutive registers (mod 32) from Vn. */
export function TBL_TBX(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const regs = ((i >>> 13) & 3) + 1;
  const tbx = (i & (1 << 12)) != 0;
  for (let k: u32 = 0; k < regs; k++) copyV(TABLE + (k << 4), (rN(i) + k) & 31);
  copyV(SCR_M, rM(i));
  const nb = vBytes(i);
  const d = vAddr(rD(i));
  for (let k: u32 = 0; k < nb; k++) {
    const idx = <u32>load<u8>(SCR_M + k);
    if (idx < (regs << 4)) store<u8>(d + k, load<u8>(TABLE + idx));
    else if (!tbx) store<u8>(d + k, 0);
  }
  clearHigh(rD(i), isQ(i));
  return true;
}
