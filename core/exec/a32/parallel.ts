// A32 parallel addition and subtraction (ARM ARM A5.4.1, A5.4.2): the 36 {S,Q,SH,U,UQ,UH}
// x {ADD16,ASX,SAX,SUB16,ADD8,SUB8} forms share one lane-wise routine.
import { rreg, setGE } from "../../cpu";
import { writeRd, sext } from "./media-common";

// Result kinds (the prefix).
const K_S: u32 = 0;  // signed, modular, sets GE
const K_Q: u32 = 1;  // signed saturating
const K_SH: u32 = 2; // signed halving
const K_U: u32 = 3;  // unsigned, modular, sets GE
const K_UQ: u32 = 4; // unsigned saturating
const K_UH: u32 = 5; // unsigned halving

// Operations (the suffix).
const OP_ADD16: u32 = 0;
const OP_ASX: u32 = 1;   // hi = n.hi + m.lo, lo = n.lo - m.hi
const OP_SAX: u32 = 2;   // hi = n.hi - m.lo, lo = n.lo + m.hi
const OP_SUB16: u32 = 3;
const OP_ADD8: u32 = 4;
const OP_SUB8: u32 = 5;

/** lane() sets this bit of its return value when the lane's GE condition holds. */
const GE_BIT: u32 = 0x80000000;

/** Field [lsb+bits-1:lsb] of v, sign- or zero-extended. */
@inline function fieldOf(v: u32, lsb: u32, bits: u32, signed: bool): i32 {
  const x = (v >>> lsb) & ((<u32>1 << bits) - 1);
  return signed ? sext(x, bits) : <i32>x;
}

/** One lane: exact x +/- y, then wrapped, saturated or halved; the lane's bits, plus GE_BIT. */
function lane(x: i32, y: i32, sub: bool, kind: u32, bits: u32): u32 {
  const r = sub ? x - y : x + y;
  const m: u32 = (<u32>1 << bits) - 1;
  switch (kind) {
    case K_S: // GE: result >= 0
      return (<u32>r & m) | (r >= 0 ? GE_BIT : 0);
    case K_U: // GE: carry out of an addition, no borrow from a subtraction
      return (<u32>r & m) | ((sub ? r >= 0 : r > <i32>m) ? GE_BIT : 0);
    case K_Q: {
      const hi: i32 = (1 << (bits - 1)) - 1;
      const lo: i32 = -(1 << (bits - 1));
      return <u32>(r > hi ? hi : r < lo ? lo : r) & m;
    }
    case K_UQ:
      return r > <i32>m ? m : r < 0 ? 0 : <u32>r;
    default: // K_SH, K_UH: the exact result is one bit wider, keep its top `bits` bits
      return <u32>(r >> 1) & m;
  }
}

function parallel(insn: u32, kind: u32, op: u32): bool {
  const a = rreg((insn >>> 16) & 0xf);
  const b = rreg(insn & 0xf);
  const signed = kind < K_U;
  let r: u32 = 0;
  let ge: u32 = 0;
  if (op >= OP_ADD8) {
    const sub = op == OP_SUB8;
    for (let k: u32 = 0; k < 4; k++) {
      const s = k << 3;
      const v = lane(fieldOf(a, s, 8, signed), fieldOf(b, s, 8, signed), sub, kind, 8);
      r |= (v & 0xff) << s;
      ge |= (v >>> 31) << k;
    }
  } else {
    const cross = op == OP_ASX || op == OP_SAX;
    const bForLo = fieldOf(b, cross ? 16 : 0, 16, signed); // the Rm half paired with Rn.lo
    const bForHi = fieldOf(b, cross ? 0 : 16, 16, signed);
    const lo = lane(fieldOf(a, 0, 16, signed), bForLo, op == OP_SUB16 || op == OP_ASX, kind, 16);
    const hi = lane(fieldOf(a, 16, 16, signed), bForHi, op == OP_SUB16 || op == OP_SAX, kind, 16);
    r = (lo & 0xffff) | (hi << 16);
    ge = (lo >>> 31) * 0x3 | (hi >>> 31) * 0xc; // GE[1:0] for the low halfword, GE[3:2] high
  }
  if (kind == K_S || kind == K_U) setGE(ge);
  writeRd((insn >>> 12) & 0xf, r);
  return true;
}

export function SADD16(insn: u32): bool { return parallel(insn, K_S, OP_ADD16); }
export function SASX(insn: u32): bool { return parallel(insn, K_S, OP_ASX); }
export function SSAX(insn: u32): bool { return parallel(insn, K_S, OP_SAX); }
export function SSUB16(insn: u32): bool { return parallel(insn, K_S, OP_SUB16); }
export function SADD8(insn: u32): bool { return parallel(insn, K_S, OP_ADD8); }
export function SSUB8(insn: u32): bool { return parallel(insn, K_S, OP_SUB8); }

export function QADD16(insn: u32): bool { return parallel(insn, K_Q, OP_ADD16); }
export function QASX(insn: u32): bool { return parallel(insn, K_Q, OP_ASX); }
export function QSAX(insn: u32): bool { return parallel(insn, K_Q, OP_SAX); }
export function QSUB16(insn: u32): bool { return parallel(insn, K_Q, OP_SUB16); }
export function QADD8(insn: u32): bool { return parallel(insn, K_Q, OP_ADD8); }
export function QSUB8(insn: u32): bool { return parallel(insn, K_Q, OP_SUB8); }

export function SHADD16(insn: u32): bool { return parallel(insn, K_SH, OP_ADD16); }
export function SHASX(insn: u32): bool { return parallel(insn, K_SH, OP_ASX); }
export function SHSAX(insn: u32): bool { return parallel(insn, K_SH, OP_SAX); }
export function SHSUB16(insn: u32): bool { return parallel(insn, K_SH, OP_SUB16); }
export function SHADD8(insn: u32): bool { return parallel(insn, K_SH, OP_ADD8); }
export function SHSUB8(insn: u32): bool { return parallel(insn, K_SH, OP_SUB8); }

export function UADD16(insn: u32): bool { return parallel(insn, K_U, OP_ADD16); }
export function UASX(insn: u32): bool { return parallel(insn, K_U, OP_ASX); }
export function USAX(insn: u32): bool { return parallel(insn, K_U, OP_SAX); }
export function USUB16(insn: u32): bool { return parallel(insn, K_U, OP_SUB16); }
export function UADD8(insn: u32): bool { return parallel(insn, K_U, OP_ADD8); }
export function USUB8(insn: u32): bool { return parallel(insn, K_U, OP_SUB8); }

export function UQADD16(insn: u32): bool { return parallel(insn, K_UQ, OP_ADD16); }
export function UQASX(insn: u32): bool { return parallel(insn, K_UQ, OP_ASX); }
export function UQSAX(insn: u32): bool { return parallel(insn, K_UQ, OP_SAX); }
export function UQSUB16(insn: u32): bool { return parallel(insn, K_UQ, OP_SUB16); }
export function UQADD8(insn: u32): bool { return parallel(insn, K_UQ, OP_ADD8); }
export function UQSUB8(insn: u32): bool { return parallel(insn, K_UQ, OP_SUB8); }

export function UHADD16(insn: u32): bool { return parallel(insn, K_UH, OP_ADD16); }
export function UHASX(insn: u32): bool { return parallel(insn, K_UH, OP_ASX); }
export function UHSAX(insn: u32): bool { return parallel(insn, K_UH, OP_SAX); }
export function UHSUB16(insn: u32): bool { return parallel(insn, K_UH, OP_SUB16); }
export function UHADD8(insn: u32): bool { return parallel(insn, K_UH, OP_ADD8); }
export function UHSUB8(insn: u32): bool { return parallel(insn, K_UH, OP_SUB8); }
