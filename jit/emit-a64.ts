// Inline wasm for the hot A64 rows: which rows and encodings have an emitter (the table below),
// the branches (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR/BLR/RET), NOP and barriers; data processing
// is in emit-a64-alu.ts, loads and stores in emit-a64-memory.ts. Everything else returns false:
// the region calls the row's interpreter handler (the fallback). Semantics mirror core/exec/a64;
// test/jit/a64-fuzz.test.ts holds them to it.
import { Num } from "./wasm/opcodes.js";
import type { GuestInsn } from "./region-finder.js";
import { emitCondition } from "./emit-a32.js";
import {
  bits, sext, rd, rn, is64, logicalImmValue, type E,
  emitAddSubImm, emitAddSubShift, emitAddSubExt, emitAddCarry, emitLogicalShift, emitLogicalImm, emitMoveWide, emitAdr,
  emitBitfield, emitExtract, emitClz, emitShiftVar, emitMulAdd, emitDivide, emitCondSelect, emitCondCompare,
} from "./emit-a64-alu.js";
import { emitLoadStore, emitPair } from "./emit-a64-memory.js";

/** Push the branch condition of CBZ/CBNZ/TBZ/TBNZ (non-zero: taken). */
function testCondition(e: E, insn: GuestInsn): void {
  const w = insn.word, b = e.b, nz = insn.name.endsWith("NZ");
  e.getX(rd(w));
  if (insn.name[0] === "C") {
    if (!is64(w)) { b.op(Num.i32_wrap_i64); if (!nz) b.op(Num.i32_eqz); } // a non-zero word is taken
    else { b.op(Num.i64_eqz); if (nz) b.op(Num.i32_eqz); }
  } else {
    const bit = (bits(w, 31, 31) << 5) | bits(w, 23, 19);
    b.i64Const(bit).op(Num.i64_shr_u).op(Num.i32_wrap_i64).i32Const(1).op(Num.i32_and);
    if (!nz) b.op(Num.i32_eqz);
  }
}

const branchOffset = (insn: GuestInsn): bigint => {
  const w = insn.word;
  switch (insn.name) {
    case "B": case "BL": return BigInt(sext((w & 0x3ffffff) << 2, 28));
    case "TBZ": case "TBNZ": return BigInt(sext(bits(w, 18, 5) << 2, 16));
    default: return BigInt(sext(bits(w, 23, 5) << 2, 21));
  }
};
const targetOf = (e: E, insn: GuestInsn) => BigInt.asUintN(64, e.pc64(insn.pc) + branchOffset(insn));

/** B, B.cond, CBZ/CBNZ, TBZ/TBNZ: a taken branch inside the region stays in it. */
function emitBranch(e: E, insn: GuestInsn): void {
  const target = targetOf(e, insn);
  if (insn.name === "B" || (insn.name === "B_cond" && (insn.word & 15) >= 14)) { e.branchTo(target, insn.pc); return; }
  if (insn.name === "B_cond") emitCondition(e, insn.word & 15);
  else testCondition(e, insn);
  e.b.if();
  e.branchTo(target, insn.pc);
  e.b.end();
}

/** BL: X30 = PC + 4, then leave to the target. */
function emitBl(e: E, insn: GuestInsn): void {
  e.b.i64Const(BigInt.asIntN(64, e.pc64(insn.pc) + 4n)); e.setX(30);
  e.pend++; e.exitTo(targetOf(e, insn)); e.pend--;
}

/** BR/BLR/RET: leave to Xn (read before BLR writes X30). */
function emitBranchReg(e: E, insn: GuestInsn): void {
  const v = e.u[0];
  e.getX(rn(insn.word)); e.b.localSet(v);
  if (insn.name === "BLR") { e.b.i64Const(BigInt.asIntN(64, e.pc64(insn.pc) + 4n)); e.setX(30); }
  e.pend++; e.exitToDynamic(v); e.pend--;
}

interface InlineRow { rows: readonly string[]; accepts(w: number, name: string): boolean; emit(e: E, insn: GuestInsn): void }

const ldst = (modes: string[]) => ["STR", "LDR", "LDRS_X", "LDRSW", "LDRS_W"].flatMap((r) => modes.map((m) => `${r}_${m}`));
const INLINE_ROWS: readonly InlineRow[] = [
  { rows: ["ADD_imm", "ADDS_imm", "SUB_imm", "SUBS_imm"], accepts: () => true, emit: emitAddSubImm },
  // ROR and 32-bit shifts of 32 or more are UNDEFINED
  { rows: ["ADD_shift", "ADDS_shift", "SUB_shift", "SUBS_shift"], accepts: (w) => bits(w, 23, 22) !== 3 && (is64(w) || bits(w, 15, 15) === 0), emit: emitAddSubShift },
  { rows: ["AND_shift", "BIC_shift", "ORR_shift", "ORN_shift", "EOR_shift", "EON_shift", "ANDS_shift", "BICS_shift"], accepts: (w) => is64(w) || bits(w, 15, 15) === 0, emit: emitLogicalShift },
  { rows: ["AND_imm", "ORR_imm", "EOR_imm", "ANDS_imm"], accepts: (w) => logicalImmValue(w) !== undefined, emit: emitLogicalImm },
  { rows: ["MOVN", "MOVZ", "MOVK"], accepts: (w) => is64(w) || bits(w, 22, 22) === 0, emit: emitMoveWide },
  { rows: ["ADR", "ADRP"], accepts: () => true, emit: emitAdr },
  { rows: ["ADD_ext", "ADDS_ext", "SUB_ext", "SUBS_ext"], accepts: (w) => bits(w, 12, 10) <= 4, emit: emitAddSubExt },
  { rows: ["MADD", "MSUB"], accepts: () => true, emit: emitMulAdd },
  { rows: ["LSLV", "LSRV", "ASRV", "RORV"], accepts: () => true, emit: emitShiftVar },
  { rows: ["UDIV", "SDIV"], accepts: () => true, emit: emitDivide },
  { rows: ["ADC", "ADCS", "SBC", "SBCS"], accepts: () => true, emit: emitAddCarry },
  { rows: ["CCMN_reg", "CCMN_imm", "CCMP_reg", "CCMP_imm"], accepts: () => true, emit: emitCondCompare },
  // N must equal sf; a 32-bit lsb of 32 or more is UNDEFINED
  { rows: ["EXTR"], accepts: (w) => bits(w, 22, 22) === w >>> 31 && (is64(w) || bits(w, 15, 15) === 0), emit: emitExtract },
  { rows: ["CLZ"], accepts: () => true, emit: emitClz },
  // N must equal sf; 32-bit field values of 32 or more are UNDEFINED
  {
    rows: ["SBFM", "BFM", "UBFM"], emit: emitBitfield,
    accepts: (w) => bits(w, 22, 22) === w >>> 31 && (is64(w) || (bits(w, 21, 21) === 0 && bits(w, 15, 15) === 0)),
  },
  // opc 11 (reserved) is not in these rows; LDPSW is opc 01
  { rows: ["STP_off", "LDP_off", "STP_pre", "LDP_pre", "STP_post", "LDP_post", "LDPSW_off", "LDPSW_pre", "LDPSW_post", "STNP", "LDNP"], accepts: () => true, emit: emitPair },
  { rows: ["CSEL", "CSINC", "CSINV", "CSNEG"], accepts: () => true, emit: emitCondSelect },
  { rows: ["B", "B_cond", "CBZ", "CBNZ", "TBZ", "TBNZ"], accepts: () => true, emit: emitBranch },
  { rows: ["BL"], accepts: () => true, emit: emitBl },
  { rows: ["BR", "BLR", "RET"], accepts: () => true, emit: emitBranchReg },
  {
    rows: [...ldst(["imm", "post", "pre", "reg"]), "STUR", "LDUR", "LDURS_X", "LDURSW", "LDURS_W"],
    // register offset: only the allocated extends UXTW, LSL, SXTW, SXTX (option x1x)
    accepts: (w, name) => !name.endsWith("_reg") || (bits(w, 15, 13) & 2) !== 0,
    emit: emitLoadStore,
  },
];
const BY_ROW = new Map(INLINE_ROWS.flatMap((r) => r.rows.map((name) => [name, r] as const)));

/** Hints the interpreter runs as no-ops (NOP, YIELD, unallocated; not WFE/WFI/SEV/SEVL), barriers. */
const isNoOp = (insn: GuestInsn) => insn.name === "DSB" || insn.name === "DMB" || insn.name === "ISB" ||
  (insn.name === "HINT" && ![2, 3, 4, 5].includes(bits(insn.word, 11, 5)));

/** Inline code for `insn` if its row has an emitter that takes it; false: the caller emits the fallback. */
export function emitA64Inline(e: E, insn: GuestInsn): boolean {
  if (isNoOp(insn)) { e.pend++; return true; }
  const row = BY_ROW.get(insn.name);
  if (!row || !row.accepts(insn.word, insn.name)) return false;
  row.emit(e, insn);
  e.pend++;
  return true;
}
