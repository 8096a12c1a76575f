// A32 block transfers (ARM ARM A8.8.58..A8.8.61 LDM*, A8.8.199..A8.8.202 STM*, B9.3.5 LDM
// (exception return), B9.3.6 LDM (User registers), B9.3.15 STM (User registers)). PUSH and POP
// are STMDB SP! and LDMIA SP!. Every word access is word-aligned (QEMU 7.2 uses MO_ALIGN).
// As in QEMU 7.2 (do_ldm/op_stm): registers are written as they are loaded, but a loaded base
// is kept aside and written last, so a data abort part-way leaves the base register (and its
// writeback) untouched. An empty list or Rn = PC is UNDEFINED, and so is LDM with writeback
// and the base in the list. STM of the base stores its original value.
import {
  rreg, wreg, wregLoad, excTaken, setNextPC, userReg, setUserReg, isPrivileged,
  currentMode, getSPSR, setCPSR, modeValid,
} from "../../cpu";
import { read32, write32, F_ALIGN } from "../../mmu/memory";
import { exceptionReturn } from "../../exceptions/a32-return";

@inline function regList(insn: u32): u32 { return insn & 0xffff; }
@inline function baseReg(insn: u32): u32 { return (insn >>> 16) & 0xf; }
@inline function incBit(insn: u32): bool { return (insn & (1 << 23)) != 0; }
@inline function beforeBit(insn: u32): bool { return (insn & (1 << 24)) != 0; }
@inline function writesBack(insn: u32): bool { return (insn & (1 << 21)) != 0; }

/** Lowest address transferred for n registers: IA Rn, IB Rn+4, DA Rn-4n+4, DB Rn-4n. */
function startAddress(inc: bool, before: bool, base: u32, n: u32): u32 {
  if (inc) return before ? base + 4 : base;
  return before ? base - 4 * n : base - 4 * n + 4;
}

/** Base after writeback: Rn ± 4n. */
@inline function finalBase(inc: bool, base: u32, n: u32): u32 {
  return inc ? base + 4 * n : base - 4 * n;
}

// ---- STM ----

/**
 * STM body shared with T32 (the T32 encodings add their own UNDEF checks): list not empty and
 * Rn not PC are checked here.
 */
export function blockStore(rn: u32, list: u32, inc: bool, before: bool, wback: bool, user: bool): bool {
  if (list == 0 || rn == 15) return false;
  if (user && !isPrivileged()) return false;
  const n = <u32>popcnt<u32>(list);
  const base = rreg(rn);
  let addr = startAddress(inc, before, base, n);
  for (let i: u32 = 0; i < 16; i++) {
    if ((list & (1 << i)) == 0) continue;
    // A base in the list stores its original value; the PC stores PC + 8 (A32) / + 4 (T32).
    const v = user && i != 15 ? userReg(i) : rreg(i);
    write32(addr, v, F_ALIGN);
    if (excTaken) return true;
    addr += 4;
  }
  if (wback) wreg(rn, finalBase(inc, base, n));
  return true;
}

@inline function doStore(insn: u32, user: bool): bool {
  return blockStore(baseReg(insn), regList(insn), incBit(insn), beforeBit(insn), writesBack(insn), user);
}

export function STM(insn: u32): bool { return doStore(insn, false); }
/** STM (User registers): the User-mode bank from a privileged mode; writeback as encoded (QEMU). */
export function STM_usr(insn: u32): bool { return doStore(insn, true); }

// ---- LDM ----

export const LDM_NORMAL: i32 = 0;
export const LDM_USER: i32 = 1;   // S=1 without PC: User-bank registers, no writeback
export const LDM_ERET: i32 = 2;   // S=1 with PC: CPSR <- SPSR

/** LDM body shared with T32: empty list, Rn = PC, writeback with the base in the list are UNDEFINED. */
export function blockLoad(rn: u32, list: u32, inc: bool, before: bool, wback: bool, kind: i32): bool {
  if (list == 0 || rn == 15) return false;
  // ARMv7: writeback with the base in the list is UNPREDICTABLE; QEMU 7.2 UNDEFs (LDM only).
  if (wback && (list & (1 << rn)) != 0) return false;
  if (kind != LDM_NORMAL && !isPrivileged()) return false;
  const n = <u32>popcnt<u32>(list);
  const base = rreg(rn);
  let addr = startAddress(inc, before, base, n);
  let loadedBase: u32 = 0;
  let baseLoaded = false;
  let newPC: u32 = 0;
  for (let i: u32 = 0; i < 16; i++) {
    if ((list & (1 << i)) == 0) continue;
    const v = read32(addr, F_ALIGN);
    if (excTaken) return true; // earlier registers stay loaded, as in QEMU; base untouched
    if (kind == LDM_USER) setUserReg(i, v);
    else if (i == rn) { loadedBase = v; baseLoaded = true; }
    else if (i == 15 && kind == LDM_ERET) newPC = v;
    else wregLoad(i, v); // r15: LoadWritePC (interworking); the PC is always the last transfer
    addr += 4;
  }
  if (wback) wreg(rn, finalBase(inc, base, n));
  else if (baseLoaded) wreg(rn, loadedBase);
  if (kind == LDM_ERET) exceptionReturn(newPC, getSPSR());
  return true;
}

@inline function doLoad(insn: u32, kind: i32): bool {
  return blockLoad(baseReg(insn), regList(insn), incBit(insn), beforeBit(insn), writesBack(insn), kind);
}

export function LDM(insn: u32): bool { return doLoad(insn, LDM_NORMAL); }
/** LDM (User registers): S=1, PC not in the list, W=0 (W=1 does not decode). */
export function LDM_usr(insn: u32): bool { return doLoad(insn, LDM_USER); }
/** LDM (exception return): S=1 with the PC in the list. */
export function LDM_eret(insn: u32): bool { return doLoad(insn, LDM_ERET); }
