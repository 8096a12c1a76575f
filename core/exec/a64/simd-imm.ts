// AdvSIMD modified immediate: MOVI, MVNI, ORR/BIC (vector, immediate), FMOV (vector, immediate).
// The constant is AdvSIMDExpandImm; op = 1 inverts it (MVNI, and BIC's AND mask) except for
// cmode 1110 (the 64-bit byte mask) and 1111 (FMOV), as QEMU's asimd_imm_const.
import { fpAccessOk64 } from "./fp-check";
import { rD, vD, vHi, setVQ } from "./fpregs";
import { isQ } from "./simd-common";

/** The 64-bit constant for cmode/op/imm8. */
function expandImm(imm8: u32, cmode: u32, op: bool): u64 {
  let imm: u32 = imm8;
  switch (cmode) {
    case 0: case 1: break;
    case 2: case 3: imm <<= 8; break;
    case 4: case 5: imm <<= 16; break;
    case 6: case 7: imm <<= 24; break;
    case 8: case 9: imm |= imm << 16; break;
    case 10: case 11: imm = (imm << 8) | (imm << 24); break;
    case 12: imm = (imm << 8) | 0xff; break;
    case 13: imm = (imm << 16) | 0xffff; break;
    case 14:
      if (op) {
        let m: u64 = 0;
        for (let k: u32 = 0; k < 8; k++) if ((imm8 & (1 << k)) != 0) m |= <u64>0xff << (k * 8);
        return m;
      }
      imm *= 0x01010101;
      break;
    default: // 15: FMOV, single (op = 0) or double (op = 1)
      if (op) {
        let d: u64 = <u64>(imm8 & 0x3f) << 48;
        if ((imm8 & 0x80) != 0) d |= 0x8000000000000000;
        d |= (imm8 & 0x40) != 0 ? 0x3fc0000000000000 : 0x4000000000000000;
        return d;
      }
      imm = ((imm8 & 0x80) << 24) | ((imm8 & 0x3f) << 19) | ((imm8 & 0x40) != 0 ? 0x3e000000 : 0x40000000);
      return <u64>imm * 0x100000001;
  }
  if (op) imm = ~imm;
  return <u64>imm * 0x100000001;
}

export function MOD_IMM(i: u32): bool {
  const q = isQ(i);
  const op = (i & (1 << 29)) != 0;
  const cmode = (i >>> 12) & 15;
  if (cmode == 15 && op && !q) return false;
  if (!fpAccessOk64()) return true;
  const imm = expandImm(((i >>> 11) & 0xe0) | ((i >>> 5) & 0x1f), cmode, op);
  const d = rD(i);
  let lo = imm, hi = imm;
  if ((cmode & 9) == 1 || (cmode & 13) == 9) {
    // ORR / BIC (the mask already inverted for BIC)
    if (op) { lo = vD(d) & imm; hi = vHi(d) & imm; } else { lo = vD(d) | imm; hi = vHi(d) | imm; }
  }
  setVQ(d, lo, q ? hi : 0);
  return true;
}
