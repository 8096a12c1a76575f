// A32 media instructions (ARM ARM A5.4): packing, extension (A5.4.3), byte/bit reversal,
// SEL, CLZ (A5.2.12), USAD8/USADA8 and the bit-field instructions (A5.4).
// Register reads use rreg (PC reads as +8, as QEMU's load_reg); Rd = PC goes through writeRd.
import { rreg, getGE } from "../../cpu";
import { writeRd, sext } from "./media-common";

@inline function fRd(insn: u32): u32 { return (insn >>> 12) & 0xf; }
@inline function fRn(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function vRm(insn: u32): u32 { return rreg(insn & 0xf); }

// ---- packing ----

/** PKHBT: Rd = (Rm LSL imm)[31:16] : Rn[15:0]. */
export function PKHBT(insn: u32): bool {
  const sh = (insn >>> 7) & 0x1f;
  writeRd(fRd(insn), ((vRm(insn) << sh) & 0xffff0000) | (rreg(fRn(insn)) & 0xffff));
  return true;
}

/** PKHTB: Rd = Rn[31:16] : (Rm ASR imm)[15:0], imm 0 meaning 32 (31 gives the same low half). */
export function PKHTB(insn: u32): bool {
  const imm = (insn >>> 7) & 0x1f;
  const t = <u32>(<i32>vRm(insn) >> (imm == 0 ? 31 : imm));
  writeRd(fRd(insn), (rreg(fRn(insn)) & 0xffff0000) | (t & 0xffff));
  return true;
}

// ---- extension, with optional add (Rn = 1111 is the plain form) ----

/** Rm rotated right by 8 * rotate (bits [11:10]). */
@inline function rotated(insn: u32): u32 { return rotr<u32>(vRm(insn), ((insn >>> 10) & 3) << 3); }

/** Two 16-bit additions, one per halfword. */
@inline function add16x2(a: u32, b: u32): u32 {
  return ((a + b) & 0xffff) | (((a >>> 16) + (b >>> 16)) << 16);
}

@inline function sxtb16(x: u32): u32 { return (<u32>sext(x, 8) & 0xffff) | (<u32>sext(x >>> 16, 8) << 16); }

export function SXTB(insn: u32): bool { writeRd(fRd(insn), <u32>sext(rotated(insn), 8)); return true; }
export function SXTH(insn: u32): bool { writeRd(fRd(insn), <u32>sext(rotated(insn), 16)); return true; }
export function SXTB16(insn: u32): bool { writeRd(fRd(insn), sxtb16(rotated(insn))); return true; }
export function UXTB(insn: u32): bool { writeRd(fRd(insn), rotated(insn) & 0xff); return true; }
export function UXTH(insn: u32): bool { writeRd(fRd(insn), rotated(insn) & 0xffff); return true; }
export function UXTB16(insn: u32): bool { writeRd(fRd(insn), rotated(insn) & 0x00ff00ff); return true; }

export function SXTAB(insn: u32): bool {
  writeRd(fRd(insn), rreg(fRn(insn)) + <u32>sext(rotated(insn), 8));
  return true;
}
export function SXTAH(insn: u32): bool {
  writeRd(fRd(insn), rreg(fRn(insn)) + <u32>sext(rotated(insn), 16));
  return true;
}
export function SXTAB16(insn: u32): bool {
  writeRd(fRd(insn), add16x2(rreg(fRn(insn)), sxtb16(rotated(insn))));
  return true;
}
export function UXTAB(insn: u32): bool {
  writeRd(fRd(insn), rreg(fRn(insn)) + (rotated(insn) & 0xff));
  return true;
}
export function UXTAH(insn: u32): bool {
  writeRd(fRd(insn), rreg(fRn(insn)) + (rotated(insn) & 0xffff));
  return true;
}
export function UXTAB16(insn: u32): bool {
  writeRd(fRd(insn), add16x2(rreg(fRn(insn)), rotated(insn) & 0x00ff00ff));
  return true;
}

// ---- select, reversal, count ----

/** SEL: byte i from Rn if GE[i], else from Rm. */
export function SEL(insn: u32): bool {
  const ge = getGE();
  let mask: u32 = 0;
  if (ge & 1) mask |= 0x000000ff;
  if (ge & 2) mask |= 0x0000ff00;
  if (ge & 4) mask |= 0x00ff0000;
  if (ge & 8) mask |= 0xff000000;
  writeRd(fRd(insn), (rreg(fRn(insn)) & mask) | (vRm(insn) & ~mask));
  return true;
}

export function REV(insn: u32): bool { writeRd(fRd(insn), bswap<u32>(vRm(insn))); return true; }

export function REV16(insn: u32): bool {
  const v = vRm(insn);
  writeRd(fRd(insn), ((v >>> 8) & 0x00ff00ff) | ((v << 8) & 0xff00ff00));
  return true;
}

/** REVSH: swap the bytes of the low halfword and sign-extend. */
export function REVSH(insn: u32): bool {
  const v = vRm(insn);
  writeRd(fRd(insn), <u32>sext(((v & 0xff) << 8) | ((v >>> 8) & 0xff), 16));
  return true;
}

export function RBIT(insn: u32): bool {
  let v = vRm(insn);
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  writeRd(fRd(insn), bswap<u32>(v));
  return true;
}

export function CLZ(insn: u32): bool { writeRd(fRd(insn), clz<u32>(vRm(insn))); return true; }

// ---- sum of absolute differences: Rd [19:16], Ra [15:12], Rm [11:8], Rn [3:0] ----

function usad8(insn: u32): u32 {
  const a = rreg(insn & 0xf);
  const b = rreg((insn >>> 8) & 0xf);
  let sum: u32 = 0;
  for (let s: u32 = 0; s < 32; s += 8) {
    const d = <i32>((a >>> s) & 0xff) - <i32>((b >>> s) & 0xff);
    sum += <u32>(d < 0 ? -d : d);
  }
  return sum;
}

export function USAD8(insn: u32): bool { writeRd((insn >>> 16) & 0xf, usad8(insn)); return true; }
export function USADA8(insn: u32): bool {
  writeRd((insn >>> 16) & 0xf, usad8(insn) + rreg((insn >>> 12) & 0xf));
  return true;
}

// ---- bit fields: lsb [11:7], widthm1 / msb [20:16] ----

/** SBFX. lsb + width > 32 is UNPREDICTABLE; QEMU makes it UNDEFINED. */
export function SBFX(insn: u32): bool {
  const lsb = (insn >>> 7) & 0x1f;
  const width = ((insn >>> 16) & 0x1f) + 1;
  if (lsb + width > 32) return false;
  const v = rreg(insn & 0xf);
  writeRd(fRd(insn), <u32>((<i32>(v << (32 - lsb - width))) >> (32 - width)));
  return true;
}

/** UBFX. lsb + width > 32 is UNDEFINED as in QEMU. */
export function UBFX(insn: u32): bool {
  const lsb = (insn >>> 7) & 0x1f;
  const width = ((insn >>> 16) & 0x1f) + 1;
  if (lsb + width > 32) return false;
  const v = rreg(insn & 0xf);
  writeRd(fRd(insn), (v << (32 - lsb - width)) >>> (32 - width));
  return true;
}

/** Insert the low bits of `src` into Rd[msb:lsb]; msb < lsb is UNDEFINED as in QEMU. */
function bitInsert(insn: u32, src: u32): bool {
  const lsb = (insn >>> 7) & 0x1f;
  const msb = (insn >>> 16) & 0x1f;
  if (msb < lsb) return false;
  const width = msb - lsb + 1;
  const mask = (width == 32 ? <u32>0xffffffff : (<u32>1 << width) - 1) << lsb;
  const d = fRd(insn);
  writeRd(d, (rreg(d) & ~mask) | ((src << lsb) & mask));
  return true;
}

export function BFC(insn: u32): bool { return bitInsert(insn, 0); }
export function BFI(insn: u32): bool { return bitInsert(insn, rreg(insn & 0xf)); }
