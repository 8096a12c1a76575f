// VLDR/VSTR, VLDM/VSTM, VPUSH/VPOP (ARM ARM A8.8.332-333, A8.8.391-392), following QEMU 7.2:
// word accesses are always alignment-checked (MO_ALIGN), doublewords need only 4-byte
// alignment (MO_ALIGN_4) and are one 64-bit access (big-endian data: the word at the lower
// address is the high half). A fault stops the instruction: registers already loaded keep their
// new value and the base is not written back, as in QEMU.
import { STATE, S_CPSR_REST } from "../../state/layout";
import { rreg, wreg, excTaken } from "../../cpu";
import { read16, read32, write16, write32, F_ALIGN } from "../../mmu/memory";
import { fpAccessOk } from "../fp-access";
import { sGet, sSet, dGet, dSet, sD, dD } from "./regs";

@inline function bigEndian(): bool { return (load<u32>(STATE + S_CPSR_REST) & 0x200) != 0; }

/** Base register value; r15 reads as Align(PC, 4) (literal forms, in A32 and T32). */
@inline function base(n: u32): u32 { return n == 15 ? rreg(15) & ~3 : rreg(n); }

/** VLDR/VSTR address: base +/- imm8 << shift. */
@inline function immAddr(insn: u32, shift: u32): u32 {
  const off = (insn & 0xff) << shift;
  const b = base((insn >>> 16) & 0xf);
  return (insn & 0x00800000) != 0 ? b + off : b - off;
}

/** 64-bit load into Dd; false after a fault (Dd untouched). */
function loadD(addr: u32, d: u32): bool {
  const w0 = read32(addr, F_ALIGN);
  if (excTaken) return false;
  const w1 = read32(addr + 4, F_ALIGN);
  if (excTaken) return false;
  dSet(d, bigEndian() ? (<u64>w0 << 32) | <u64>w1 : (<u64>w1 << 32) | <u64>w0);
  return true;
}

/** 64-bit store of Dd; false after a fault. */
function storeD(addr: u32, d: u32): bool {
  const v = dGet(d);
  const lo = <u32>v, hi = <u32>(v >>> 32);
  write32(addr, bigEndian() ? hi : lo, F_ALIGN);
  if (excTaken) return false;
  write32(addr + 4, bigEndian() ? lo : hi, F_ALIGN);
  return !excTaken;
}

export function VLDR_VSTR_hp(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const addr = immAddr(insn, 1), d = sD(insn);
  if ((insn & 0x00100000) != 0) {
    const v = read16(addr, F_ALIGN);
    if (excTaken) return true;
    sSet(d, v); // zero-extended into the whole S register
  } else {
    write16(addr, sGet(d) & 0xffff, F_ALIGN);
  }
  return true;
}

export function VLDR_VSTR_sp(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const addr = immAddr(insn, 2), d = sD(insn);
  if ((insn & 0x00100000) != 0) {
    const v = read32(addr, F_ALIGN);
    if (excTaken) return true;
    sSet(d, v);
  } else {
    write32(addr, sGet(d), F_ALIGN);
  }
  return true;
}

export function VLDR_VSTR_dp(insn: u32): bool {
  if (!fpAccessOk()) return false;
  const addr = immAddr(insn, 2), d = dD(insn);
  if ((insn & 0x00100000) != 0) loadD(addr, d);
  else storeD(addr, d);
  return true;
}

// ---- load/store multiple ----
/** Shared checks and addressing; returns false for UNDEFINED. */
function multiple(insn: u32, db: bool, dp: bool): bool {
  const imm = insn & 0xff, n = (insn >>> 16) & 0xf;
  const w = db || (insn & 0x00200000) != 0;
  const load = (insn & 0x00100000) != 0;
  const count = dp ? imm >>> 1 : imm;
  const first = dp ? dD(insn) : sD(insn);
  // UNPREDICTABLE register lists and PC writeback: QEMU UNDEFs.
  if (count == 0 || first + count > 32 || (dp && count > 16)) return false;
  if (n == 15 && w) return false;
  if (!fpAccessOk()) return false;
  const start = base(n);
  let addr = db ? start - (imm << 2) : start;
  for (let i: u32 = 0; i < count; i++) {
    if (dp) {
      if (load ? !loadD(addr, first + i) : !storeD(addr, first + i)) return true;
      addr += 8;
    } else {
      if (load) {
        const v = read32(addr, F_ALIGN);
        if (excTaken) return true;
        sSet(first + i, v);
      } else {
        write32(addr, sGet(first + i), F_ALIGN);
        if (excTaken) return true;
      }
      addr += 4;
    }
  }
  if (w) {
    // DB writes back the lowest address; IA the end, plus 4 for FLDMX/FSTMX (odd imm8).
    if (db) addr = start - (imm << 2);
    else if (dp && (imm & 1) != 0) addr += 4;
    wreg(n, addr);
  }
  return true;
}

export function VLDM_VSTM_ia_sp(insn: u32): bool { return multiple(insn, false, false); }
export function VLDM_VSTM_ia_dp(insn: u32): bool { return multiple(insn, false, true); }
export function VLDM_VSTM_db_sp(insn: u32): bool { return multiple(insn, true, false); }
export function VLDM_VSTM_db_dp(insn: u32): bool { return multiple(insn, true, true); }
