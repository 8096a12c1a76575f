// AdvSIMD three same, bitwise: AND, BIC, ORR, ORN (U = 0); EOR, BSL, BIT, BIF (U = 1), by size.
import { fpAccessOk64 } from "./fp-check";
import { rD, rN, rM, vD, vHi, setVQ } from "./fpregs";
import { isQ } from "./simd-common";

function logic(op: u32, n: u64, m: u64, d: u64): u64 {
  switch (op) {
    case 0: return n & m;
    case 1: return n & ~m;
    case 2: return n | m;
    case 3: return n | ~m;
    case 4: return n ^ m;
    case 5: return (n & d) | (m & ~d);  // BSL: Vd selects
    case 6: return (n & m) | (d & ~m);  // BIT: insert Vn where Vm is 1
    default: return (n & ~m) | (d & m); // BIF: insert Vn where Vm is 0
  }
}

export function LOGIC3(i: u32): bool {
  if (!fpAccessOk64()) return true;
  const op = ((i >>> 27) & 4) | ((i >>> 22) & 3);
  const n = rN(i), m = rM(i), d = rD(i);
  const lo = logic(op, vD(n), vD(m), vD(d));
  const hi = isQ(i) ? logic(op, vHi(n), vHi(m), vHi(d)) : 0;
  setVQ(d, lo, hi);
  return true;
}
