// AdvSIMD structure loads and stores, element by element in QEMU 7.2's order: a fault stops
// the sequence with the earlier elements already stored to memory or written into the
// registers (QEMU writes each loaded element straight into the register file), the base not
// written back and, for loads, the upper halves of Q = 0 registers not yet cleared.
// LD1/ST1 of consecutive registers (one element per structure) move 64 bits at a time, as
// QEMU promotes them; with SCTLR_EL1.A set it checks the element's alignment, so then we
// move elements.
import { excTaken } from "../../cpu";
import { xr, xrSP, setXrSP } from "../../cpu64";
import { SR_SCTLR } from "../../generated/sysregs";
import {
  read8_64, read16_64, read32_64, read64_64, write8_64, write16_64, write32_64, write64_64,
} from "../../mmu/memory64";
import { fpAccessOk64 } from "./fp-check";
import { vElt, setVElt, isQ, clearHigh } from "./simd-common";
import { setVQ } from "./fpregs";

@inline function rt(i: u32): u32 { return i & 31; }
@inline function rn(i: u32): u32 { return (i >>> 5) & 31; }
@inline function rm(i: u32): u32 { return (i >>> 16) & 31; }
@inline function isLoad(i: u32): bool { return (i & (1 << 22)) != 0; }

function readN(va: u64, size: u32): u64 {
  switch (size) {
    case 0: return <u64>read8_64(va);
    case 1: return <u64>read16_64(va);
    case 2: return <u64>read32_64(va);
    default: return read64_64(va);
  }
}
function writeN(va: u64, size: u32, v: u64): void {
  switch (size) {
    case 0: write8_64(va, <u32>v); break;
    case 1: write16_64(va, <u32>v); break;
    case 2: write32_64(va, <u32>v); break;
    default: write64_64(va, v);
  }
}

/** One element between memory and Vt[e]; false if it faulted. */
function xfer(isLd: bool, t: u32, e: u32, size: u32, va: u64): bool {
  if (isLd) {
    const v = readN(va, size);
    if (excTaken) return false;
    setVElt(t, e, size, v);
  } else {
    writeN(va, size, vElt(t, e, size));
    if (excTaken) return false;
  }
  return true;
}

/** Base register writeback for the post-indexed forms: Rm = 31 means the transfer size. */
function writeback(i: u32, post: bool, base: u64, total: u32): void {
  if (!post) return;
  setXrSP(rn(i), base + (rm(i) == 31 ? <u64>total : xr(rm(i))));
}

function multiple(i: u32, post: bool): bool {
  const op = (i >>> 12) & 15;
  let size = (i >>> 10) & 3;
  const q = isQ(i);
  let rpt: u32, selem: u32;
  switch (op) {
    case 0: rpt = 1; selem = 4; break;
    case 2: rpt = 4; selem = 1; break;
    case 4: rpt = 1; selem = 3; break;
    case 6: rpt = 3; selem = 1; break;
    case 7: rpt = 1; selem = 1; break;
    case 8: rpt = 1; selem = 2; break;
    case 10: rpt = 2; selem = 1; break;
    default: return false;
  }
  if (size == 3 && !q && selem != 1) return false;
  if (!fpAccessOk64()) return true;
  const ld = isLoad(i);
  const base = xrSP(rn(i));
  const bytes: u32 = q ? 16 : 8;
  if (selem == 1 && (load<u32>(SR_SCTLR) & 2) == 0) size = 3;
  const elements = bytes >>> size;
  let va = base;
  for (let r: u32 = 0; r < rpt; r++) {
    for (let e: u32 = 0; e < elements; e++) {
      for (let x: u32 = 0; x < selem; x++) {
        if (!xfer(ld, (rt(i) + r + x) & 31, e, size, va)) return true;
        va += <u64>1 << size;
      }
    }
  }
  if (ld) for (let r: u32 = 0; r < rpt * selem; r++) clearHigh((rt(i) + r) & 31, q);
  writeback(i, post, base, rpt * selem * bytes);
  return true;
}

function single(i: u32, post: bool): bool {
  const op = (i >>> 13) & 7;
  const size = (i >>> 10) & 3;
  const s = (i >>> 12) & 1;
  const q = isQ(i);
  const ld = isLoad(i);
  let scale = op >>> 1;
  const selem = (((op & 1) << 1) | ((i >>> 21) & 1)) + 1;
  let index = (<u32>(q ? 8 : 0)) | (s << 2) | size;
  let replicate = false;
  switch (scale) {
    case 3:
      if (!ld || s != 0) return false;
      scale = size;
      replicate = true;
      break;
    case 0: break;
    case 1:
      if ((size & 1) != 0) return false;
      index >>= 1;
      break;
    default: // 2: S, or D when size = 01
      if ((size & 2) != 0) return false;
      if ((size & 1) == 0) index >>= 2;
      else {
        if (s != 0) return false;
        index >>= 3;
        scale = 3;
      }
  }
  if (!fpAccessOk64()) return true;
  const base = xrSP(rn(i));
  let va = base;
  let t = rt(i);
  for (let x: u32 = 0; x < selem; x++) {
    if (replicate) {
      const v = readN(va, scale);
      if (excTaken) return true;
      const rep = scale == 3 ? v : v * (<u64>-1 / ((<u64>1 << (<u64>8 << scale)) - 1));
      setVQ(t, rep, q ? rep : 0);
    } else if (!xfer(ld, t, index, scale, va)) return true;
    va += <u64>1 << scale;
    t = (t + 1) & 31;
  }
  writeback(i, post, base, selem << scale);
  return true;
}

export function LDST_multiple(i: u32): bool { return multiple(i, false); }
export function LDST_multiple_post(i: u32): bool { return multiple(i, true); }
export function LDST_single(i: u32): bool { return single(i, false); }
export function LDST_single_post(i: u32): bool { return single(i, true); }
