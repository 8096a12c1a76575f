// NZCV of the A64 flag-setting integer forms: AddWithCarry (ARM ARM J1.1.3) at 64 or 32 bits,
// and the logical forms (N, Z from the result; C and V cleared).
import { setNZ64, setNZ32, setC, setVword } from "../../cpu64";

/** x + y + carry on 64 bits; sets NZCV when `flags`. */
@inline function addc64(x: u64, y: u64, carry: u32, flags: bool): u64 {
  const r = x + y + <u64>carry;
  if (flags) {
    setNZ64(r);
    // unsigned carry out: the sum wrapped (r == x with a carry in means y was all-ones)
    setC(r < x || (carry != 0 && r == x) ? 1 : 0);
    setVword(<u32>(((r ^ x) & ~(x ^ y)) >>> 32));
  }
  return r;
}

/** x + y + carry on 32 bits; sets NZCV when `flags`. */
@inline function addc32(x: u32, y: u32, carry: u32, flags: bool): u32 {
  const wide = <u64>x + <u64>y + <u64>carry;
  const r = <u32>wide;
  if (flags) {
    setNZ32(r);
    setC(<u32>(wide >>> 32));
    setVword((r ^ x) & ~(x ^ y));
  }
  return r;
}

/** AddWithCarry at the instruction's width; a 32-bit result comes back zero-extended. */
export function addWithCarry(is64: bool, x: u64, y: u64, carry: u32, flags: bool): u64 {
  return is64 ? addc64(x, y, carry, flags) : <u64>addc32(<u32>x, <u32>y, carry, flags);
}

/** Flags of ANDS/BICS/TST: N and Z from the result (already at the width), C = V = 0. */
export function logicFlags(r: u64, is64: bool): void {
  if (is64) setNZ64(r); else setNZ32(<u32>r);
  setC(0);
  setVword(0);
}
