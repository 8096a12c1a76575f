// FPAdd/FPSub, FPMul, FPDiv, FPSqrt, FPMulAdd on any format (m fraction bits, eb exponent bits).
import { FP_IOC, FP_DZC, RM_RM } from "./fpst";
import {
  CLS_ZERO, CLS_NORMAL, CLS_INF, CLS_QNAN, uSign, uExp, uSig, uCls, unpackFz, roundPack, rmode, raise,
  pickNaN2, quietNaN, invalidNaN, infinity, zero, shrJam, normLeft, nSig, defaultNaN,
} from "./core";
import { mul64To128, wHi, wLo, shr128Jam, norm128To62, normShift } from "./u128";

/** a + b, or a - b when sub (the sign flip of b comes after NaN selection, as FPSub). */
export function addSub(a: u64, b: u64, sub: bool, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  let sA = uSign, eA = uExp, gA = uSig; const cA = uCls;
  unpackFz(b, m, eb);
  let sB = uSign, eB = uExp, gB = uSig; const cB = uCls;
  if (cA >= CLS_QNAN || cB >= CLS_QNAN) return pickNaN2(a, cA, b, cB, m, eb);
  if (sub) sB ^= 1;
  if (cA == CLS_INF) {
    if (cB == CLS_INF && sA != sB) return invalidNaN(m, eb);
    return infinity(sA, m, eb);
  }
  if (cB == CLS_INF) return infinity(sB, m, eb);
  if (cA == CLS_ZERO && cB == CLS_ZERO) {
    return zero(sA == sB ? sA : (rmode() == RM_RM ? 1 : 0), m, eb);
  }
  if (cA == CLS_ZERO) return roundPack(sB, eB, gB, m, eb, 0); // exact: b itself
  if (cB == CLS_ZERO) return roundPack(sA, eA, gA, m, eb, 0);
  if (eA < eB || (eA == eB && gA < gB)) {
    const ts = sA; sA = sB; sB = ts;
    const te = eA; eA = eB; eB = te;
    const tg = gA; gA = gB; gB = tg;
  }
  gB = shrJam(gB, eA - eB);
  if (sA == sB) {
    let s = gA + gB;
    if ((s >> 63) != 0) { s = shrJam(s, 1); eA++; }
    return roundPack(sA, eA, s, m, eb, 0);
  }
  const d = gA - gB;
  if (d == 0) return zero(rmode() == RM_RM ? 1 : 0, m, eb);
  const e = normLeft(d, eA);
  return roundPack(sA, e, nSig, m, eb, 0);
}

export function mul(a: u64, b: u64, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  const sA = uSign, eA = uExp, gA = uSig, cA = uCls;
  unpackFz(b, m, eb);
  const sB = uSign, eB = uExp, gB = uSig, cB = uCls;
  if (cA >= CLS_QNAN || cB >= CLS_QNAN) return pickNaN2(a, cA, b, cB, m, eb);
  const s = sA ^ sB;
  if ((cA == CLS_INF && cB == CLS_ZERO) || (cA == CLS_ZERO && cB == CLS_INF)) return invalidNaN(m, eb);
  if (cA == CLS_INF || cB == CLS_INF) return infinity(s, m, eb);
  if (cA == CLS_ZERO || cB == CLS_ZERO) return zero(s, m, eb);
  mul64To128(gA, gB); // leading bit on 124 or 125, value * 2^(eA + eB - 124)
  const g = norm128To62(wHi, wLo);
  return roundPack(s, eA + eB + normShift - 62, g, m, eb, 0);
}

export function div(a: u64, b: u64, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  const sA = uSign, eA = uExp, gA = uSig, cA = uCls;
  unpackFz(b, m, eb);
  const sB = uSign, eB = uExp, gB = uSig, cB = uCls;
  if (cA >= CLS_QNAN || cB >= CLS_QNAN) return pickNaN2(a, cA, b, cB, m, eb);
  const s = sA ^ sB;
  if ((cA == CLS_INF && cB == CLS_INF) || (cA == CLS_ZERO && cB == CLS_ZERO)) return invalidNaN(m, eb);
  if (cA == CLS_INF) return infinity(s, m, eb);
  if (cB == CLS_INF) return zero(s, m, eb);
  if (cB == CLS_ZERO) { raise(FP_DZC); return infinity(s, m, eb); }
  if (cA == CLS_ZERO) return zero(s, m, eb);
  // Restoring long division: 63 quotient bits, the first one worth 2^0.
  let rem = gA, q: u64 = 0;
  for (let i = 0; i < 63; i++) {
    q <<= 1;
    if (rem >= gB) { rem -= gB; q |= 1; }
    rem <<= 1;
  }
  if (rem != 0) q |= 1;
  let e = eA - eB;
  if ((q >> 62) == 0) { q <<= 1; e--; }
  return roundPack(s, e, q, m, eb, 0);
}

export function sqrt(a: u64, m: i32, eb: i32): u64 {
  unpackFz(a, m, eb);
  const sA = uSign, eA = uExp, gA = uSig, cA = uCls;
  if (cA >= CLS_QNAN) return quietNaN(a, cA, m, eb);
  if (cA == CLS_ZERO) return zero(sA, m, eb);
  if (sA != 0) return invalidNaN(m, eb);
  if (cA == CLS_INF) return infinity(0, m, eb);
  // X = gA << (62 + odd) as 128 bits; r = floor(sqrt(X)) has its leading bit on 62.
  const odd = eA & 1;
  const sh = 62 + odd;
  const xHi = gA >> <u64>(64 - sh), xLo = gA << <u64>sh;
  let r: u64 = 0;
  for (let bit = 62; bit >= 0; bit--) {
    const t = r | (<u64>1 << <u64>bit);
    mul64To128(t, t);
    if (wHi < xHi || (wHi == xHi && wLo <= xLo)) r = t;
  }
  mul64To128(r, r);
  if (wHi != xHi || wLo != xLo) r |= 1;
  return roundPack(0, eA >> 1, r, m, eb, 0);
}

/** FPMulAdd: addend + a * b with a single rounding (VFMA; VFMS/VFNMA/VFNMS negate operands first).
 *  scale: multiply the exact result by 2^scale before rounding (A64 FRSQRTS halves: -1). */
export function mulAdd(c: u64, a: u64, b: u64, m: i32, eb: i32, scale: i32 = 0): u64 {
  unpackFz(a, m, eb);
  const sA = uSign, eA = uExp, gA = uSig, cA = uCls;
  unpackFz(b, m, eb);
  const sB = uSign, eB = uExp, gB = uSig, cB = uCls;
  unpackFz(c, m, eb);
  const sC = uSign, eC = uExp, gC = uSig, cC = uCls;
  const infZero = (cA == CLS_INF && cB == CLS_ZERO) || (cA == CLS_ZERO && cB == CLS_INF);
  if (cA >= CLS_QNAN || cB >= CLS_QNAN || cC >= CLS_QNAN) {
    // QEMU's ARM order: the addend first (the pseudocode's operand order c, a, b).
    if (infZero) raise(FP_IOC);
    if (cA == 4 || cB == 4 || cC == 4) raise(FP_IOC);
    if (infZero && cC == CLS_QNAN) return defaultNaN(m, eb);
    if (cC == 4) return quietNaN(c, cC, m, eb);
    if (cA == 4) return quietNaN(a, cA, m, eb);
    if (cB == 4) return quietNaN(b, cB, m, eb);
    if (cC == CLS_QNAN) return quietNaN(c, cC, m, eb);
    if (cA == CLS_QNAN) return quietNaN(a, cA, m, eb);
    return quietNaN(b, cB, m, eb);
  }
  if (infZero) return invalidNaN(m, eb);
  const sP = sA ^ sB;
  if (cA == CLS_INF || cB == CLS_INF) {
    if (cC == CLS_INF && sC != sP) return invalidNaN(m, eb);
    return infinity(sP, m, eb);
  }
  if (cC == CLS_INF) return infinity(sC, m, eb);
  if (cA == CLS_ZERO || cB == CLS_ZERO) {
    if (cC == CLS_ZERO) return zero(sP == sC ? sC : (rmode() == RM_RM ? 1 : 0), m, eb);
    return roundPack(sC, eC + scale, gC, m, eb, 0); // exact: the addend
  }
  // Product exactly: value pHi:pLo * 2^(eA + eB - 124), leading bit on 124 or 125.
  mul64To128(gA, gB);
  let pHi = wHi, pLo = wLo;
  let e = eA + eB;
  if (cC == CLS_ZERO) {
    const g = norm128To62(pHi, pLo);
    return roundPack(sP, e + normShift - 62 + scale, g, m, eb, 0);
  }
  // Addend on the same scale: gC << 62, value * 2^(eC - 124).
  let cHi = gC >> 2, cLo = gC << 62;
  if (e >= eC) {
    shr128Jam(cHi, cLo, e - eC); cHi = wHi; cLo = wLo;
  } else {
    shr128Jam(pHi, pLo, eC - e); pHi = wHi; pLo = wLo;
    e = eC;
  }
  let s = sP, rHi: u64, rLo: u64;
  if (sP == sC) {
    rLo = pLo + cLo;
    rHi = pHi + cHi + (rLo < pLo ? 1 : 0);
  } else if (pHi > cHi || (pHi == cHi && pLo >= cLo)) {
    rLo = pLo - cLo;
    rHi = pHi - cHi - (pLo < cLo ? 1 : 0);
  } else {
    s = sC;
    rLo = cLo - pLo;
    rHi = cHi - pHi - (cLo < pLo ? 1 : 0);
  }
  if (rHi == 0 && rLo == 0) return zero(rmode() == RM_RM ? 1 : 0, m, eb);
  const g = norm128To62(rHi, rLo);
  return roundPack(s, e + normShift - 62 + scale, g, m, eb, 0);
}

export { CLS_NORMAL };
