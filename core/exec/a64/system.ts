// A64 system instructions (ARM ARM C5.2, C6.2): MSR (immediate) to PSTATE fields, hints,
// barriers, CLREX, and SYS/SYSL/MSR/MRS, which reach the system-register table
// (core/sysregs/a64-access.ts) by the key op0:op1:CRn:CRm:op2 = insn bits [20:5].
import { STATE, S_CPSR_REST, S_EXCL_VALID, S_HALTED, S_EVENT, HALT_WFI, HALT_WFE } from "../../state/layout";
import { setStopRequest } from "../../cpu";
import { SR_SCTLR } from "../../generated/sysregs";
import { currentEL, xr, setXr, pc64, setPstateRest } from "../../cpu64";
import { takeException64, syndrome, VEC_SYNC, EC_SYSREG, EC_WFX, EC_FP_ACCESS } from "../../exceptions/a64-entry";
import { sysregA64Read, sysregA64Write, sysregA64Status, A64_OK, A64_UNDEF, A64_TRAP, A64_NOP } from "../../sysregs/a64-access";
import { SEV as sevA32 } from "../a32/hints";
import { field } from "./common";

const SCTLR_UMA: u32 = 1 << 9;
const SCTLR_NTWI: u32 = 1 << 16;
const SCTLR_NTWE: u32 = 1 << 18;

/** ISS of a trapped MSR/MRS/SYS (ESR EC 0x18). */
function sysregTrapIss(insn: u32, isRead: bool): u32 {
  const op0 = field(insn, 19, 2), op1 = field(insn, 16, 3), crn = field(insn, 12, 4);
  const crm = field(insn, 8, 4), op2 = field(insn, 5, 3), rt = insn & 31;
  return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (isRead ? 1 : 0);
}

/** Act on the access outcome: false = UNDEFINED (the loop takes it); a trap is taken here. */
function finish(insn: u32, isRead: bool): bool {
  const s = sysregA64Status;
  if (s == A64_OK || s == A64_NOP) return true;
  if (s == A64_UNDEF) return false;
  const esr = s == A64_TRAP ? syndrome(EC_SYSREG, sysregTrapIss(insn, isRead)) : syndrome(EC_FP_ACCESS, 0x1e00000);
  takeException64(VEC_SYNC, esr, pc64(), true);
  return true;
}

export function MSR_imm(insn: u32): bool {
  const op1 = field(insn, 16, 3), op2 = field(insn, 5, 3), crm = field(insn, 8, 4);
  const rest = load<u32>(STATE + S_CPSR_REST);
  if (op1 == 0 && op2 == 5) { // SPSel
    if (currentEL() == 0) return false;
    setPstateRest((rest & ~1) | (crm & 1));
    return true;
  }
  if (op1 == 3 && (op2 == 6 || op2 == 7)) { // DAIFSet, DAIFClr
    if (currentEL() == 0 && (load<u32>(SR_SCTLR) & SCTLR_UMA) == 0) {
      // QEMU 7.2 (daif_check) reports op1 in the Op2 field and op2 in the Op1 field: match it.
      const iss = (op1 << 17) | (op2 << 14) | (4 << 10) | (31 << 5) | (crm << 1);
      takeException64(VEC_SYNC, syndrome(EC_SYSREG, iss), pc64(), true);
      return true;
    }
    const bits = crm << 6;
    store<u32>(STATE + S_CPSR_REST, op2 == 6 ? rest | bits : rest & ~bits);
    return true;
  }
  return false;
}

/** WFI/WFE at EL0 trap to EL1 unless SCTLR_EL1.nTWI/nTWE (ESR: CV = 1, COND = 0xe, TI). */
function wfxTrapped(isWfe: bool): bool {
  if (currentEL() != 0 || (load<u32>(SR_SCTLR) & (isWfe ? SCTLR_NTWE : SCTLR_NTWI)) != 0) return false;
  takeException64(VEC_SYNC, syndrome(EC_WFX, (1 << 24) | (0xe << 20) | (isWfe ? 1 : 0)), pc64(), true);
  return true;
}

export function HINT(insn: u32): bool {
  switch (field(insn, 5, 7)) {
    case 2: // WFE
      // No event pending: yield (end the slice so the other CPUs run), as QEMU 7.2 does, and do
      // not halt. arm64 Linux waits in WFE for a lock word to change (__cmpwait: LDXR, WFE),
      // counting on the event another CPU's store sends by clearing the exclusive monitor,
      // with no SEV; armlet does not model that event, so a halted waiter could sleep until
      // the next interrupt, which with NOHZ may never come (SMP guests hung).
      if (wfxTrapped(true)) return true;
      if (load<u32>(STATE + S_EVENT) != 0) store<u32>(STATE + S_EVENT, 0);
      else setStopRequest(true);
      return true;
    case 3: // WFI
      if (wfxTrapped(false)) return true;
      store<u32>(STATE + S_HALTED, HALT_WFI);
      return true;
    case 4: return sevA32(insn); // SEV
    case 5: store<u32>(STATE + S_EVENT, 1); return true; // SEVL
    default: return true; // NOP, YIELD and unallocated hints
  }
}

export function CLREX(insn: u32): bool { store<u32>(STATE + S_EXCL_VALID, 0); return true; }
export function DSB(insn: u32): bool { return true; }
export function DMB(insn: u32): bool { return true; }
export function ISB(insn: u32): bool { return true; }

@inline function key(insn: u32): u32 { return (insn >>> 5) & 0xffff; }

export function SYS(insn: u32): bool {
  sysregA64Write(key(insn), currentEL() == 0, xr(insn & 31));
  return finish(insn, false);
}

export function SYSL(insn: u32): bool {
  const v = sysregA64Read(key(insn), currentEL() == 0);
  if (sysregA64Status == A64_OK) setXr(insn & 31, v);
  return finish(insn, true);
}

export function MSR_reg(insn: u32): bool {
  sysregA64Write(key(insn), currentEL() == 0, xr(insn & 31));
  return finish(insn, false);
}

export function MRS(insn: u32): bool {
  const v = sysregA64Read(key(insn), currentEL() == 0);
  if (sysregA64Status == A64_OK) setXr(insn & 31, v);
  return finish(insn, true);
}
