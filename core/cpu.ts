// Register file access, CPSR composition and mode banking (ARM ARM B1.3).
import {
  STATE, S_REGS, S_NF, S_ZF, S_CF, S_VF, S_QF, S_GE, S_CPSR_REST, S_BANK_USR, S_BANK_FIQ,
  S_BANK_IRQ, S_BANK_SVC, S_BANK_ABT, S_BANK_UND, S_BANK_MON, S_BANK_HYP,
  S_ICOUNT, S_SPSR_FIQ, S_SPSR_IRQ, S_SPSR_SVC, S_SPSR_ABT, S_SPSR_UND, S_SPSR_MON, S_SPSR_HYP, S_SPSR_USR,
  MODE_USR, MODE_FIQ, MODE_IRQ, MODE_SVC, MODE_MON, MODE_ABT, MODE_HYP, MODE_UND, MODE_SYS,
} from "./state/layout";

// ---- per-instruction globals (live only during one step) ----
/** Address of the next instruction; handlers that branch overwrite it. */
export let nextPC: u32 = 0;
/** Set when the current instruction took an exception: handlers must stop and write nothing more. */
export let excTaken: bool = false;
/** Set by the host (semihosting exit...) to leave run() at the next boundary. */
export let stopRequest: bool = false;

/** Retired instructions (the deterministic clock counts these). */
// Kept in the CPU's state block (not a module global) so that translated code can count
// retired instructions with plain loads and stores, and a CPU switch carries it along.
@inline export function icountNow(): u64 { return load<u64>(STATE + S_ICOUNT); }
export function setIcount(v: u64): void { store<u64>(STATE + S_ICOUNT, v); }
@inline export function retire(): void { store<u64>(STATE + S_ICOUNT, load<u64>(STATE + S_ICOUNT) + 1); }

export function setNextPC(v: u32): void { nextPC = v; }
export function setExcTaken(v: bool): void { excTaken = v; }
export function setStopRequest(v: bool): void { stopRequest = v; }

// ---- registers ----
/** Raw register read (r15 reads the stored current-instruction address). */
@inline export function regRaw(n: u32): u32 { return load<u32>(STATE + S_REGS + (n << 2)); }
@inline export function setRegRaw(n: u32, v: u32): void { store<u32>(STATE + S_REGS + (n << 2), v); }

/** Register read as an instruction sees it: PC reads as the instruction address + 8 (A32) or + 4 (T32). */
@inline export function rreg(n: u32): u32 {
  const v = load<u32>(STATE + S_REGS + (n << 2));
  return n == 15 ? v + (isThumb() ? 4 : 8) : v;
}

/** Register write for non-PC destinations (callers handle r15 via the *WritePC helpers). */
@inline export function wreg(n: u32, v: u32): void { store<u32>(STATE + S_REGS + (n << 2), v); }

/** BranchWritePC: A32 clears bits [1:0], T32 bit 0. */
@inline export function branchWritePC(v: u32): void { nextPC = isThumb() ? v & ~1 : v & ~3; }

/** BXWritePC: interworking on bit 0. */
export function bxWritePC(v: u32): void {
  if (v & 1) { setThumb(true); nextPC = v & ~1; }
  // Bit 1 set in ARM state is UNPREDICTABLE; QEMU 7.2 keeps it and the next fetch takes a
  // PC alignment prefetch abort (see stepA32).
  else { setThumb(false); nextPC = v; }
}
/** LoadWritePC and ALUWritePC (A32) interwork in ARMv7. */
@inline export function loadWritePC(v: u32): void { bxWritePC(v); }
@inline export function aluWritePC(v: u32): void { if (isThumb()) nextPC = v & ~1; else bxWritePC(v); }

/** Write a general register from a data-processing result (r15 = ALUWritePC). */
@inline export function wregAlu(n: u32, v: u32): void { if (n == 15) aluWritePC(v); else wreg(n, v); }
/** Write a general register from a load (r15 = LoadWritePC). */
@inline export function wregLoad(n: u32, v: u32): void { if (n == 15) loadWritePC(v); else wreg(n, v); }

// ---- flags ----
@inline export function getNF(): u32 { return load<u32>(STATE + S_NF); }
@inline export function getZF(): u32 { return load<u32>(STATE + S_ZF); }
@inline export function getCF(): u32 { return load<u32>(STATE + S_CF); }
@inline export function getVF(): u32 { return load<u32>(STATE + S_VF); }
@inline export function setNF(v: u32): void { store<u32>(STATE + S_NF, v); }
@inline export function setZF(v: u32): void { store<u32>(STATE + S_ZF, v); }
@inline export function setCF(v: u32): void { store<u32>(STATE + S_CF, v); }
@inline export function setVF(v: u32): void { store<u32>(STATE + S_VF, v); }
/** Set N and Z from a 32-bit result. */
@inline export function setNZ(r: u32): void { store<u32>(STATE + S_NF, r); store<u32>(STATE + S_ZF, r); }
@inline export function flagC(): u32 { return load<u32>(STATE + S_CF) & 1; }
@inline export function setQ(): void { store<u32>(STATE + S_QF, 1); }
@inline export function getGE(): u32 { return load<u32>(STATE + S_GE); }
@inline export function setGE(v: u32): void { store<u32>(STATE + S_GE, v & 0xf); }

/** ConditionPassed for a 4-bit condition (ARM ARM A8.3). */
export function conditionPassed(cond: u32): bool {
  let r: bool;
  switch (cond >> 1) {
    case 0: r = getZF() == 0; break;                       // EQ
    case 1: r = (getCF() & 1) != 0; break;                 // CS
    case 2: r = (getNF() >> 31) != 0; break;               // MI
    case 3: r = (getVF() >> 31) != 0; break;               // VS
    case 4: r = (getCF() & 1) != 0 && getZF() != 0; break; // HI
    case 5: r = ((getNF() ^ getVF()) >> 31) == 0; break;   // GE
    case 6: r = ((getNF() ^ getVF()) >> 31) == 0 && getZF() != 0; break; // GT
    default: r = true;                                     // AL
  }
  return ((cond & 1) != 0 && cond != 15) ? !r : r;
}

// ---- CPSR ----
const CPSR_FLAG_BITS: u32 = 0xf80f0000; // N Z C V Q and GE[3:0]

@inline export function cpsrRest(): u32 { return load<u32>(STATE + S_CPSR_REST); }
@inline export function currentMode(): u32 { return load<u32>(STATE + S_CPSR_REST) & 0x1f; }
@inline export function isThumb(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x20) != 0; }
@inline export function isPrivileged(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x1f) != MODE_USR; }
export function setThumb(t: bool): void {
  const r = cpsrRest();
  store<u32>(STATE + S_CPSR_REST, t ? r | 0x20 : r & ~0x20);
}

/** The whole CPSR value. */
export function getCPSR(): u32 {
  let v = cpsrRest();
  v |= getNF() & 0x80000000;
  if (getZF() == 0) v |= 0x40000000;
  v |= (getCF() & 1) << 29;
  v |= (getVF() >> 31) << 28;
  v |= (load<u32>(STATE + S_QF) != 0 ? 1 : 0) << 27;
  v |= (getGE() & 0xf) << 16;
  return v;
}

/** Write the flag fields only. */
export function setFlagsFromWord(v: u32): void {
  setNF(v & 0x80000000);
  setZF((v & 0x40000000) ? 0 : 1);
  setCF((v >> 29) & 1);
  setVF((v << 3) & 0x80000000);
  store<u32>(STATE + S_QF, (v >> 27) & 1);
  setGE((v >> 16) & 0xf);
}

/** Write the whole CPSR, switching register banks if the mode changes. */
export function setCPSR(v: u32): void {
  setFlagsFromWord(v);
  const newMode = v & 0x1f;
  if (newMode != currentMode()) switchBanks(currentMode(), newMode);
  store<u32>(STATE + S_CPSR_REST, v & ~CPSR_FLAG_BITS);
}

/** A mode number this CPU implements (no Monitor or Hyp: the virt board's A15 has no EL2/EL3). */
export function modeValid(m: u32): bool {
  return m == MODE_USR || m == MODE_FIQ || m == MODE_IRQ || m == MODE_SVC ||
         m == MODE_ABT || m == MODE_UND || m == MODE_SYS;
}

/** Offset of the r13/r14 bank for a mode, or -1 for modes sharing the User bank. */
function bankOffset(mode: u32): i32 {
  switch (mode) {
    case MODE_IRQ: return S_BANK_IRQ;
    case MODE_SVC: return S_BANK_SVC;
    case MODE_ABT: return S_BANK_ABT;
    case MODE_UND: return S_BANK_UND;
    case MODE_MON: return S_BANK_MON;
    case MODE_HYP: return S_BANK_HYP;
    default: return -1;
  }
}

/** Offset of a mode's SPSR, or -1 for User/System (which have none). */
export function spsrOffset(mode: u32): i32 {
  switch (mode) {
    case MODE_FIQ: return S_SPSR_FIQ;
    case MODE_IRQ: return S_SPSR_IRQ;
    case MODE_SVC: return S_SPSR_SVC;
    case MODE_ABT: return S_SPSR_ABT;
    case MODE_UND: return S_SPSR_UND;
    case MODE_MON: return S_SPSR_MON;
    case MODE_HYP: return S_SPSR_HYP;
    default: return -1;
  }
}

/** SPSR of the current mode; User and System mode share one hidden slot, as in QEMU. */
export function getSPSR(): u32 {
  const o = spsrOffset(currentMode());
  return load<u32>(STATE + (o < 0 ? S_SPSR_USR : o));
}
export function setSPSR(v: u32): void {
  const o = spsrOffset(currentMode());
  store<u32>(STATE + (o < 0 ? S_SPSR_USR : o), v);
}

/** Save the current mode's banked registers, load the new mode's (r8..r14). */
export function switchBanks(from: u32, to: u32): void {
  if (from == to) return;
  // save
  if (from == MODE_FIQ) {
    memory.copy(STATE + S_BANK_FIQ, STATE + S_REGS + 8 * 4, 7 * 4);
  } else {
    const bo = bankOffset(from);
    if (bo < 0) {
      memory.copy(STATE + S_BANK_USR, STATE + S_REGS + 8 * 4, 7 * 4);
    } else {
      memory.copy(STATE + S_BANK_USR, STATE + S_REGS + 8 * 4, 5 * 4); // r8..r12 are the user ones
      memory.copy(STATE + bo, STATE + S_REGS + 13 * 4, 2 * 4);
    }
  }
  // load
  if (to == MODE_FIQ) {
    memory.copy(STATE + S_REGS + 8 * 4, STATE + S_BANK_FIQ, 7 * 4);
  } else {
    const bo = bankOffset(to);
    memory.copy(STATE + S_REGS + 8 * 4, STATE + S_BANK_USR, 5 * 4);
    if (bo < 0) memory.copy(STATE + S_REGS + 13 * 4, STATE + S_BANK_USR + 5 * 4, 2 * 4);
    else memory.copy(STATE + S_REGS + 13 * 4, STATE + bo, 2 * 4);
  }
}

/** Read a User-mode register from any mode (LDM/STM user-bank forms). */
export function userReg(n: u32): u32 {
  const m = currentMode();
  if (n < 8 || n == 15) return regRaw(n);
  if (m == MODE_FIQ) return load<u32>(STATE + S_BANK_USR + ((n - 8) << 2));
  if (n < 13 || m == MODE_USR || m == MODE_SYS) return regRaw(n);
  return load<u32>(STATE + S_BANK_USR + ((n - 8) << 2));
}
export function setUserReg(n: u32, v: u32): void {
  const m = currentMode();
  if (n < 8 || n == 15) { setRegRaw(n, v); return; }
  if (m == MODE_FIQ || (n >= 13 && m != MODE_USR && m != MODE_SYS)) store<u32>(STATE + S_BANK_USR + ((n - 8) << 2), v);
  else setRegRaw(n, v);
}

/** Address of a banked register slot for MRS/MSR (banked): mode and register 8..14; 0 if it is the live register. */
export function bankedSlot(mode: u32, n: u32): u32 {
  const cur = currentMode();
  const curIsUsrBank = cur == MODE_USR || cur == MODE_SYS;
  const modeIsUsrBank = mode == MODE_USR || mode == MODE_SYS;
  if (mode == cur || (curIsUsrBank && modeIsUsrBank)) return 0;
  if (mode == MODE_FIQ) return STATE + S_BANK_FIQ + ((n - 8) << 2);
  if (modeIsUsrBank) {
    if (n < 13 && cur != MODE_FIQ) return 0;
    return STATE + S_BANK_USR + ((n - 8) << 2);
  }
  const bo = bankOffset(mode);
  if (n < 13) return cur == MODE_FIQ ? STATE + S_BANK_USR + ((n - 8) << 2) : 0;
  return STATE + bo + ((n - 13) << 2);
}
