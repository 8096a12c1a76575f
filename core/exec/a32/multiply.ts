// A32 multiplies and divides (ARM ARM A8.8 MUL, MLA, MLS, UMULL, UMLAL, SMULL, SMLAL, UMAAL,
// SMLA<x><y>, SMLAW<y>, SMUL<x><y>, SMULW<y>, SMLAL<x><y>, SMLAD, SMLSD, SMLALD, SMLSLD,
// SMMLA, SMMLS, SDIV, UDIV). Field positions: Rd/RdHi [19:16], Ra/RdLo [15:12], Rm [11:8],
// Rn [3:0]. A destination of r15 is UNPREDICTABLE; like QEMU we branch (no interworking).
// Long results write RdLo then RdHi, so RdHi wins when they are the same register (as QEMU).
import { rreg, wreg, branchWritePC, setNZ, setNF, setZF, setQ } from "../../cpu";

@inline function rD(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function rA(insn: u32): u32 { return (insn >>> 12) & 0xf; }
@inline function vM(insn: u32): u32 { return rreg((insn >>> 8) & 0xf); }
@inline function vN(insn: u32): u32 { return rreg(insn & 0xf); }
@inline function setS(insn: u32): bool { return ((insn >>> 20) & 1) != 0; }

@inline function wr(n: u32, v: u32): void { if (n == 15) branchWritePC(v); else wreg(n, v); }
/** Write a 64-bit result to RdLo (Ra field) and RdHi (Rd field). */
@inline function wr64(insn: u32, v: u64): void { wr(rA(insn), <u32>v); wr(rD(insn), <u32>(v >>> 32)); }
/** The accumulator RdHi:RdLo. */
@inline function acc64(insn: u32): u64 { return (<u64>rreg(rD(insn)) << 32) | <u64>rreg(rA(insn)); }
/** N and Z of a 64-bit result (the flag-setting long multiplies leave C and V alone). */
@inline function setNZ64(v: u64): void { setNF(<u32>(v >>> 32)); setZF(<u32>v | <u32>(v >>> 32)); }

/** Signed 32-bit add that sets Q on overflow (QEMU add_setq; the result wraps). */
@inline function addSetQ(a: u32, b: u32): u32 {
  const r = a + b;
  if (((r ^ a) & ~(a ^ b)) >>> 31) setQ();
  return r;
}
/** Signed halfword: the top one when top, else the bottom one. */
@inline function half(v: u32, top: bool): i32 { return top ? <i32>v >> 16 : <i32><i16>v; }

// ---- 32 and 64-bit multiplies (A5.2.5) ----
export function MUL(insn: u32): bool {
  const r = vN(insn) * vM(insn);
  if (setS(insn)) setNZ(r);
  wr(rD(insn), r);
  return true;
}
export function MLA(insn: u32): bool {
  const r = vN(insn) * vM(insn) + rreg(rA(insn));
  if (setS(insn)) setNZ(r);
  wr(rD(insn), r);
  return true;
}
export function MLS(insn: u32): bool {
  wr(rD(insn), rreg(rA(insn)) - vN(insn) * vM(insn));
  return true;
}
export function UMULL(insn: u32): bool {
  const r = <u64>vN(insn) * <u64>vM(insn);
  if (setS(insn)) setNZ64(r);
  wr64(insn, r);
  return true;
}
export function UMLAL(insn: u32): bool {
  const r = <u64>vN(insn) * <u64>vM(insn) + acc64(insn);
  if (setS(insn)) setNZ64(r);
  wr64(insn, r);
  return true;
}
export function SMULL(insn: u32): bool {
  const r = <u64>(<i64><i32>vN(insn) * <i64><i32>vM(insn));
  if (setS(insn)) setNZ64(r);
  wr64(insn, r);
  return true;
}
export function SMLAL(insn: u32): bool {
  const r = <u64>(<i64><i32>vN(insn) * <i64><i32>vM(insn)) + acc64(insn);
  if (setS(insn)) setNZ64(r);
  wr64(insn, r);
  return true;
}
/** UMAAL: Rn * Rm + RdLo + RdHi, which cannot overflow 64 bits. */
export function UMAAL(insn: u32): bool {
  wr64(insn, <u64>vN(insn) * <u64>vM(insn) + <u64>rreg(rA(insn)) + <u64>rreg(rD(insn)));
  return true;
}

// ---- halfword multiplies (A5.2.7); N = bit 5 picks Rn's half, M = bit 6 Rm's ----
@inline function productXY(insn: u32): i32 {
  return half(vN(insn), (insn & 0x20) != 0) * half(vM(insn), (insn & 0x40) != 0);
}
export function SMLAxy(insn: u32): bool {
  wr(rD(insn), addSetQ(<u32>productXY(insn), rreg(rA(insn))));
  return true;
}
export function SMULxy(insn: u32): bool {
  wr(rD(insn), <u32>productXY(insn)); // at most 0x40000000: no overflow
  return true;
}
export function SMLALxy(insn: u32): bool {
  wr64(insn, <u64><i64>productXY(insn) + acc64(insn));
  return true;
}
/** (Rn * half(Rm)) >> 16, the top 32 bits of the 48-bit product. */
@inline function productWy(insn: u32): u32 {
  return <u32>((<i64><i32>vN(insn) * <i64>half(vM(insn), (insn & 0x40) != 0)) >> 16);
}
export function SMLAWy(insn: u32): bool {
  wr(rD(insn), addSetQ(productWy(insn), rreg(rA(insn))));
  return true;
}
export function SMULWy(insn: u32): bool {
  wr(rD(insn), productWy(insn));
  return true;
}

// ---- media-space dual multiplies (A5.4.4); X = bit 5 swaps Rm's halves ----
/** Rm, with its halves swapped when X. */
@inline function mX(insn: u32): u32 { const m = vM(insn); return (insn & 0x20) ? rotr<u32>(m, 16) : m; }
@inline function prodLo(n: u32, m: u32): i64 { return <i64>(<i32><i16>n * <i32><i16>m); }
@inline function prodHi(n: u32, m: u32): i64 { return <i64>((<i32>n >> 16) * (<i32>m >> 16)); }

/** Rd = sum (+ Ra unless Ra = 15), computed exactly; Q when it does not fit in 32 bits. */
@inline function dualResult(insn: u32, sum: i64): bool {
  const a = rA(insn);
  if (a != 15) sum += <i64><i32>rreg(a);
  const r = <u32>sum;
  if (sum != <i64><i32>r) setQ();
  wr(rD(insn), r);
  return true;
}
/** SMLAD{X}; SMUAD{X} when Ra = 15. */
export function SMLAD(insn: u32): bool {
  const n = vN(insn), m = mX(insn);
  return dualResult(insn, prodLo(n, m) + prodHi(n, m));
}
/** SMLSD{X}; SMUSD{X} when Ra = 15. */
export function SMLSD(insn: u32): bool {
  const n = vN(insn), m = mX(insn);
  return dualResult(insn, prodLo(n, m) - prodHi(n, m));
}
export function SMLALD(insn: u32): bool {
  const n = vN(insn), m = mX(insn);
  wr64(insn, <u64>(prodLo(n, m) + prodHi(n, m)) + acc64(insn));
  return true;
}
export function SMLSLD(insn: u32): bool {
  const n = vN(insn), m = mX(insn);
  wr64(insn, <u64>(prodLo(n, m) - prodHi(n, m)) + acc64(insn));
  return true;
}

// ---- most-significant-word multiplies; R = bit 5 rounds ----
/** SMMLA{R}; SMMUL{R} when Ra = 15. */
export function SMMLA(insn: u32): bool {
  let r = <u64>(<i64><i32>vN(insn) * <i64><i32>vM(insn));
  const a = rA(insn);
  if (a != 15) r += <u64>rreg(a) << 32;
  if (insn & 0x20) r += 0x80000000;
  wr(rD(insn), <u32>(r >>> 32));
  return true;
}
/** SMMLS{R}: (Ra << 32) - Rn * Rm. With Ra = 15 QEMU skips the accumulation (as SMMUL). */
export function SMMLS(insn: u32): bool {
  let r = <u64>(<i64><i32>vN(insn) * <i64><i32>vM(insn));
  const a = rA(insn);
  if (a != 15) r = (<u64>rreg(a) << 32) - r;
  if (insn & 0x20) r += 0x80000000;
  wr(rD(insn), <u32>(r >>> 32));
  return true;
}

// ---- divides: Rd = Rn / Rm, rounding toward zero; x / 0 = 0 (no trap on A-profile) ----
export function SDIV(insn: u32): bool {
  const n = vN(insn), m = vM(insn);
  let r: u32;
  if (m == 0) r = 0;
  else if (m == 0xffffffff) r = 0 - n; // also INT_MIN / -1 = INT_MIN, which would trap in wasm
  else r = <u32>(<i32>n / <i32>m);
  wr(rD(insn), r);
  return true;
}
export function UDIV(insn: u32): bool {
  const n = vN(insn), m = vM(insn);
  wr(rD(insn), m == 0 ? 0 : n / m);
  return true;
}
