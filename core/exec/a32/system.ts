// A32 status-register instructions: MRS, MSR (immediate, register, banked), ERET (ARM ARM B9.3),
// and the CPSR/SPSR write rules they share with CPS, SRS and RFE (CPSRWriteByInstr,
// SPSRWriteByInstr, exception return). UNPREDICTABLE cases do what QEMU 7.2 does.
import {
  rreg, wreg, getCPSR, setCPSR, getSPSR, setSPSR, currentMode, isPrivileged, isThumb, modeValid,
  setNextPC, spsrOffset, branchWritePC,
} from "../../cpu";
import {
  STATE, S_BANK_USR, S_BANK_FIQ, S_BANK_IRQ, S_BANK_SVC, S_BANK_ABT, S_BANK_UND,
  MODE_USR, MODE_FIQ, MODE_IRQ, MODE_SVC, MODE_ABT, MODE_UND, MODE_SYS,
} from "../../state/layout";
import { PSR_VALID, exceptionReturn } from "../../exceptions/a32-return";
import { pmuBeforeModeChange, pmuAfterModeChange } from "../../pmu";

/** Execution-state bits (T, IT, J, IL): MSR cannot write them to the CPSR, MRS reads them as 0. */
export const PSR_EXEC: u32 = 0x0710fc20;
/** What MSR may change in User mode: N Z C V Q, GE, E. */
export const PSR_USER: u32 = 0xf80f0200;

/**
 * MRS/MSR (banked register) exist with the Virtualization Extensions; QEMU's virt board removes
 * EL2 from the A15 (virtualization=off), so they are UNDEFINED there. Off by default.
 */
export let bankedRegsEnabled: bool = false;
export function setBankedRegsEnabled(on: bool): void { bankedRegsEnabled = on; }

/** Bytes selected by an MSR field mask (c x s f), restricted as QEMU's msr_mask. */
export function msrMask(fields: u32, spsr: bool): u32 {
  let m: u32 = 0;
  if (fields & 1) m |= 0x000000ff;
  if (fields & 2) m |= 0x0000ff00;
  if (fields & 4) m |= 0x00ff0000;
  if (fields & 8) m |= 0xff000000;
  m &= PSR_VALID;
  if (!spsr) m &= ~PSR_EXEC;
  if (!isPrivileged()) m &= PSR_USER;
  return m;
}

/**
 * CPSRWriteByInstr for MSR and CPS: bits in mask take val. A mode change from User, or to a mode
 * this CPU lacks (Monitor, Hyp, reserved numbers), leaves M alone and writes the rest (QEMU).
 */
export function cpsrWriteByInstr(val: u32, mask: u32): void {
  const cur = getCPSR();
  if (((cur ^ val) & mask & 0x1f) != 0 && (currentMode() == MODE_USR || !modeValid(val & 0x1f))) mask &= ~0x1f;
  // Entering User mode changes what the PMU's filters count (QEMU 7.2 does not synchronise here).
  const toUser = (mask & 0x1f) != 0 && (val & 0x1f) == MODE_USR && currentMode() != MODE_USR;
  if (toUser) pmuBeforeModeChange();
  setCPSR((cur & ~mask) | (val & mask));
  if (toUser) pmuAfterModeChange();
}

/** Register write that treats r15 as QEMU's store_reg: a branch with the low bits cleared, no interworking. */
function writeRegOrPC(d: u32, v: u32): void {
  if (d == 15) branchWritePC(v);
  else wreg(d, v);
}

/** MRS body (shared with T32): Rd <- CPSR (execution-state bits read as 0) or SPSR. */
export function mrsOp(d: u32, spsr: bool): bool {
  let v: u32;
  if (spsr) {
    if (!isPrivileged()) return false; // SPSR in User mode: UNPREDICTABLE, QEMU UNDEFs
    v = getSPSR();
  } else {
    v = getCPSR() & ~PSR_EXEC;
  }
  writeRegOrPC(d, v);
  return true;
}

export function MRS(insn: u32): bool { return mrsOp((insn >>> 12) & 0xf, (insn & (1 << 22)) != 0); }

/** MSR body (shared with T32): write the fields selected by the c x s f mask. */
export function msrOp(spsr: bool, fields: u32, val: u32): bool {
  const mask = msrMask(fields, spsr);
  if (spsr) {
    if (!isPrivileged()) return false;
    setSPSR((getSPSR() & ~mask) | (val & mask));
  } else {
    cpsrWriteByInstr(val, mask);
  }
  return true;
}

@inline function msr(insn: u32, val: u32): bool {
  return msrOp((insn & (1 << 22)) != 0, (insn >>> 16) & 0xf, val);
}

export function MSR_imm(insn: u32): bool {
  return msr(insn, rotr<u32>(insn & 0xff, ((insn >>> 8) & 0xf) << 1));
}

export function MSR_reg(insn: u32): bool {
  return msr(insn, rreg(insn & 0xf));
}

/**
 * Exception return from an ALU result (SUBS PC, LR and friends, ERET outside Hyp mode): PC <- pc,
 * CPSR <- SPSR. UNPREDICTABLE in User mode: QEMU UNDEFs. Shared with T32.
 */
export function aluExceptionReturn(pc: u32): bool {
  if (!isPrivileged()) return false;
  exceptionReturn(pc, getSPSR());
  return true;
}

/** ERET from PL1 is an exception return to LR with CPSR <- SPSR (ELR_hyp only matters in Hyp mode). */
export function ERET(insn: u32): bool { return aluExceptionReturn(rreg(14)); }

// ---- banked registers (ARM ARM B9.2.3, QEMU msr_banked_access_decode / msr_mrs_banked_exc_checks) ----

/** Target of a banked access: mode in bits 7:0, register (8..14, 16 = SPSR) in bits 15:8; 0 = UNDEFINED. */
function bankedTarget(r: u32, sysm: u32): u32 {
  let mode: u32 = 0, reg: u32 = 0;
  if (r) {
    reg = 16;
    switch (sysm) {
      case 0x0e: mode = MODE_FIQ; break;
      case 0x10: mode = MODE_IRQ; break;
      case 0x12: mode = MODE_SVC; break;
      case 0x14: mode = MODE_ABT; break;
      case 0x16: mode = MODE_UND; break;
      default: return 0; // unallocated, SPSR_mon, SPSR_hyp (no EL3/EL2)
    }
  } else if (sysm < 7) { mode = MODE_USR; reg = sysm + 8; }
  else if (sysm >= 8 && sysm < 15) { mode = MODE_FIQ; reg = sysm; }
  else {
    switch (sysm >>> 1) { // pairs: r14 (even), r13 (odd)
      case 8: mode = MODE_IRQ; break;
      case 9: mode = MODE_SVC; break;
      case 10: mode = MODE_ABT; break;
      case 11: mode = MODE_UND; break;
      default: return 0; // unallocated, r13/r14_mon, r13_hyp, ELR_hyp
    }
    reg = (sysm & 1) ? 13 : 14;
  }
  const cur = currentMode();
  if (cur == mode) return 0;
  if (mode == MODE_USR) {
    if (reg < 13 && cur != MODE_FIQ) return 0;
    if (cur == MODE_SYS) return 0;
  }
  return mode | (reg << 8);
}

/** Storage address of a banked register that is not live in the current mode (bankedTarget made sure). */
function bankedAddr(mode: u32, reg: u32): u32 {
  if (reg == 16) return STATE + <u32>spsrOffset(mode);
  if (mode == MODE_FIQ) return STATE + S_BANK_FIQ + ((reg - 8) << 2);
  if (mode == MODE_USR) {
    // r13/r14_usr are live in System mode only, which bankedTarget refused.
    return STATE + S_BANK_USR + ((reg - 8) << 2);
  }
  let bo: u32 = S_BANK_UND;
  if (mode == MODE_IRQ) bo = S_BANK_IRQ;
  else if (mode == MODE_SVC) bo = S_BANK_SVC;
  else if (mode == MODE_ABT) bo = S_BANK_ABT;
  return STATE + bo + ((reg - 13) << 2);
}

@inline function sysmOf(insn: u32): u32 { return ((insn >>> 4) & 0x10) | ((insn >>> 16) & 0xf); }

/** MRS (banked) body, shared with T32. */
export function mrsBankedOp(d: u32, r: u32, sysm: u32): bool {
  if (!bankedRegsEnabled || !isPrivileged() || d == 15) return false;
  const t = bankedTarget(r, sysm);
  if (t == 0) return false;
  wreg(d, load<u32>(bankedAddr(t & 0xff, t >>> 8)));
  return true;
}

/** MSR (banked) body, shared with T32. */
export function msrBankedOp(n: u32, r: u32, sysm: u32): bool {
  if (!bankedRegsEnabled || !isPrivileged() || n == 15) return false;
  const t = bankedTarget(r, sysm);
  if (t == 0) return false;
  store<u32>(bankedAddr(t & 0xff, t >>> 8), rreg(n));
  return true;
}

export function MRS_banked(insn: u32): bool { return mrsBankedOp((insn >>> 12) & 0xf, (insn >>> 22) & 1, sysmOf(insn)); }
export function MSR_banked(insn: u32): bool { return msrBankedOp(insn & 0xf, (insn >>> 22) & 1, sysmOf(insn)); }
