// The data-processing operation shared by the A32 and Thumb emitters (dataProcessing in
// core/exec/a32/data-processing.ts): A in t[0], B in t[1], the shifter carry in t[3]; the
// result goes to t[2], and with S the flags (a logical op sets C only from a shifter carry).
import { Num } from "./wasm/opcodes.js";
import { Flag, type RegionEmitter } from "./emit-region.js";

export const LOGICAL = new Set(["AND", "EOR", "TST", "TEQ", "ORR", "ORN", "MOV", "BIC", "MVN"]);
export const NO_DEST = new Set(["TST", "TEQ", "CMP", "CMN"]);

/** t[2] = t[0] op t[1]; flags when `s` (`carry`: t[3] holds the shifter carry-out). */
export function emitAluOp(e: RegionEmitter, op: string, s: boolean, carry: boolean): void {
  const b = e.b, [ta, tb, tr, tc] = e.t;
  const A = () => b.localGet(ta), B = () => b.localGet(tb);
  if (LOGICAL.has(op)) {
    switch (op) {
      case "AND": case "TST": A(); B(); b.op(Num.i32_and); break;
      case "EOR": case "TEQ": A(); B(); b.op(Num.i32_xor); break;
      case "ORR": A(); B(); b.op(Num.i32_or); break;
      case "ORN": A(); B(); b.i32Const(-1).op(Num.i32_xor).op(Num.i32_or); break;
      case "MOV": B(); break;
      case "BIC": A(); B(); b.i32Const(-1).op(Num.i32_xor).op(Num.i32_and); break;
      default: B(); b.i32Const(-1).op(Num.i32_xor); break; // MVN
    }
    b.localSet(tr);
    if (s) {
      b.localGet(tr); e.setFlag(Flag.N); b.localGet(tr); e.setFlag(Flag.Z);
      if (carry) { b.localGet(tc); e.setFlag(Flag.C); }
    }
    return;
  }
  // AddWithCarry(x, y, c): SUB/CMP a+~b+1, RSB ~a+b+1, ADD/CMN a+b+0, ADC a+b+C, SBC a+~b+C, RSC ~a+b+C
  const notA = op === "RSB" || op === "RSC", notB = op === "SUB" || op === "CMP" || op === "SBC";
  const carryIn = op === "SUB" || op === "CMP" || op === "RSB" ? 1 : op === "ADD" || op === "CMN" ? 0 : -1;
  if (notA) { A(); b.i32Const(-1).op(Num.i32_xor).localSet(ta); }
  if (notB) { B(); b.i32Const(-1).op(Num.i32_xor).localSet(tb); }
  A(); B(); b.op(Num.i32_add);
  if (carryIn === 1) b.i32Const(1).op(Num.i32_add);
  if (carryIn === -1) { e.getFlag(Flag.C); b.i32Const(1).op(Num.i32_and).localTee(tc).op(Num.i32_add); }
  b.localSet(tr);
  if (!s) return;
  b.localGet(tr); e.setFlag(Flag.N); b.localGet(tr); e.setFlag(Flag.Z);
  if (carryIn === 0) b.localGet(tr).localGet(ta).op(Num.i32_lt_u);
  else if (carryIn === 1) b.localGet(tr).localGet(ta).op(Num.i32_le_u);
  else { // carry out of x + y + c: r < x, or r == x with c = 1
    b.localGet(tr).localGet(ta).op(Num.i32_lt_u)
      .localGet(tr).localGet(ta).op(Num.i32_eq).localGet(tc).op(Num.i32_and).op(Num.i32_or);
  }
  e.setFlag(Flag.C);
  // V = ~(x ^ y) & (x ^ r)
  A(); B(); b.op(Num.i32_xor).i32Const(-1).op(Num.i32_xor);
  A(); b.localGet(tr).op(Num.i32_xor).op(Num.i32_and);
  e.setFlag(Flag.V);
}
