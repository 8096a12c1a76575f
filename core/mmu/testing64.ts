// Test entry for the AArch64 MMU (test/unit/core/a64/mmu-*.test.ts): a stage 1 translation, an AT
// PAR value, a TLB flush by VA or probe, or a data access through memory64 (an abort is taken as
// the run loop would: PC moves to the vector), outside any instruction. Outputs: mmu64TestOut.
import { translate64, tFsc64, tWalkAbort64 } from "./translate64";
import { tPaLo, tPaHi, tPageBits, tAttr, tSh } from "./translate";
import { at64Par, at64 } from "./at64";
import { tlb64FlushPage, tlb64Entry } from "./tlb64";
import { read64_64, write64_64 } from "./memory64";
import { excTaken, setExcTaken } from "../cpu";
import { commitPC64 } from "../exec/interp-a64";

let parHi: u32 = 0;
let dataHi: u32 = 0;

/** op 0: translate (arg = type | user << 2), 1 if it succeeded; op 1: AT (arg = write | user << 1),
 *  PAR low word; op 2: tlb64FlushPage; op 3: 1 if TLB table `arg` holds va's page; op 4: 64-bit
 *  read (arg = memory64 flags), low word; op 5: write 64 bits of 0x1122334455667788 | arg, 0;
 *  op 6: the AT operation (arg as op 1), 0; ops 4 to 6 return 0xdead0001 when an abort was taken. */
export function mmu64Test(op: i32, vaLo: u32, vaHi: u32, arg: u32): u32 {
  const va = (<u64>vaHi << 32) | vaLo;
  if (op == 0) return translate64(va, <i32>(arg & 3), (arg & 4) != 0) ? 1 : 0;
  if (op == 1) {
    const par = at64Par(va, (arg & 1) != 0, (arg & 2) != 0);
    parHi = <u32>(par >>> 32);
    return <u32>par;
  }
  if (op == 2) { tlb64FlushPage(va); return 0; }
  if (op == 3) return load<u64>(tlb64Entry(va, arg)) == (va & ~<u64>0xfff) ? 1 : 0;
  let v: u64 = 0;
  if (op == 4) v = read64_64(va, arg & 3);
  else if (op == 5) write64_64(va, 0x1122334455667788 | <u64>(arg & ~3), arg & 3);
  else at64(va, (arg & 1) != 0, (arg & 2) != 0);
  if (excTaken) { commitPC64(); setExcTaken(false); return 0xdead0001; }
  dataHi = <u32>(v >>> 32);
  return <u32>v;
}

/** 0 PA low, 1 PA high, 2 log2 mapping size, 3 MAIR attribute byte, 4 SH, 5 fault status code,
 *  6 walk external abort, 7 PAR high word of the last op 1, 8 high word of the last op 4. */
export function mmu64TestOut(i: i32): u32 {
  switch (i) {
    case 0: return tPaLo;
    case 1: return tPaHi;
    case 2: return tPageBits;
    case 3: return tAttr;
    case 4: return tSh;
    case 5: return tFsc64;
    case 6: return tWalkAbort64 ? 1 : 0;
    case 7: return parHi;
    default: return dataHi;
  }
}
