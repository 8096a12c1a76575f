// The core's exports: what the TypeScript host may call. Keep signatures i32/f64.
import { STATE, S_ICOUNT, S_REGS, GUEST_RAM_HOST, SCRATCH, MODE_SVC, S_CPSR_REST, S_RESET_END, S_X } from "./state/layout";
import { getCPSR, setCPSR, icountNow, setIcount, setStopRequest, regRaw, setRegRaw } from "./cpu";
import { sysregReset, sysregRead, sysregWrite, sysregUndef, sysregNop, sysregRawRead } from "./generated/sysregs";
import { tlbFlushAll } from "./mmu/tlb";
import { addRamRegion, clearRamRegions } from "./mmu/phys";
import { debugHostAddr, debugFault } from "./mmu/memory";
import { clearCrash, crashKind, crashAddr } from "./exceptions/a32-entry";
import { setSemihostingEnabled } from "./exec/semihosting";
import { setIgnoreBusErrors } from "./mmu/bus";
import { setBankedRegsEnabled } from "./exec/a32/system";
import { sevPending, clearSevPending } from "./exec/a32/hints";

export { run } from "./exec/interp";
export { timerNextDeadlineNs, timerUpdateLines } from "./timer";
export { pmuPoll, pmuHostBegin, pmuHostEnd } from "./pmu";
export { setNumCpus, setMpidrClusterBits } from "./sysregs/hooks-misc";
export { cpuSave, cpuLoad, cpuSlotBase } from "./smp";
import { clearDecodeCache } from "./exec/interp";
import { clearA64DecodeCache } from "./exec/interp-a64";
import { setPstateRest, syncSPBank, setPC64, pc64 } from "./cpu64";
import { debugHostAddr64, debugFault64 } from "./mmu/memory64";

/** Reset the CPU to its architectural reset state (ARM ARM B1.9.10): SVC mode, A I F masked, ARM state. */
export function cpuReset(): void {
  memory.fill(STATE, 0, S_RESET_END); // through the FP registers, FPSCR, FPEXC (QEMU resets them to 0)
  sysregReset();
  store<u32>(STATE + S_CPSR_REST, MODE_SVC | 0x1c0);
  // ZF = 0 means Z set: QEMU resets the A15 with CPSR = 0x400001d3.
  tlbFlushAll();
  clearDecodeCache();
  clearA64DecodeCache();
  clearCrash();
  setIcount(0);
}

export function getReg(n: i32): u32 { return regRaw(<u32>n); }
export function setReg(n: i32, v: u32): void { setRegRaw(<u32>n, v); }
export function getCpsr(): u32 { return getCPSR(); }
export function setCpsr(v: u32): void { setCPSR(v); }

/** Retired instructions, as f64 (exact below 2^53). */
export function getIcount(): f64 { return <f64>icountNow(); }
export function setIcountF(v: f64): void { setIcount(<u64>v); }

export function requestStop(): void { setStopRequest(true); }
export function crashReason(): i32 { return crashKind; }
export function crashAddress(): u32 { return crashAddr; }

export function mapRam(baseLo: u32, baseHi: u32, size: u32, host: u32): i32 { return addRamRegion(baseLo, baseHi, size, host); }
export function unmapAllRam(): void { clearRamRegions(); tlbFlushAll(); }
export function flushTlb(): void { tlbFlushAll(); }
export function enableSemihosting(on: i32): void { setSemihostingEnabled(on != 0); }
/** 1: failed device accesses read zero and drop writes instead of aborting (vexpress-a15, as QEMU). */
export function ignoreBusErrors(on: i32): void { setIgnoreBusErrors(on != 0); }

/** Host address of a guest virtual address under the current regime, or 0 (not mapped / not RAM). */
export function virtToHost(va: u32): u32 { const h = debugHostAddr(va); return debugFault ? 0 : h; }

/** Coprocessor register access for the host and tests: key as in core/sysregs/defs/types.ts dispatchKey. -1 on UNDEF via the flag. */
export function readSysreg(key: u32): f64 { return <f64>sysregRead(key, false); }
export function writeSysreg(key: u32, v: f64): void { sysregWrite(key, false, <u64>v); }
export function lastSysregUndef(): i32 { return sysregUndef ? 1 : 0; }
/** Full-width access for the host and tests, as PL1 (pl0 = 0) or PL0: returns the low word of a
 *  read (high word: lastSysregHi); lastSysregNop tells a NOP read (MRC leaves Rt alone). */
let sysregHi: u32 = 0;
export function sysregAccess(key: u32, pl0: i32, write: i32, lo: u32, hi: u32): u32 {
  if (write) { sysregWrite(key, pl0 != 0, (<u64>hi << 32) | <u64>lo); sysregHi = 0; return 0; }
  const v = sysregRead(key, pl0 != 0);
  sysregHi = <u32>(v >> 32);
  return <u32>v;
}
export function lastSysregHi(): u32 { return sysregHi; }
/** Raw value of a row for migration (no access check; constants give their value): low word
 *  returned, high word in lastSysregHi. */
export function sysregRawReadLo(key: u32): u32 {
  const v = sysregRawRead(key);
  sysregHi = <u32>(v >> 32);
  return <u32>v;
}
export function lastSysregNop(): i32 { return sysregNop ? 1 : 0; }

export function stateBase(): u32 { return STATE; }
export function guestRamHost(): u32 { return GUEST_RAM_HOST; }
export function scratchBase(): u32 { return SCRATCH; }

// ---- decoder probes for the table tests (row id in the set's row order, -1 = UNDEFINED) ----
import { decodeA32 } from "./generated/decode-a32";
import { decodeA32U } from "./generated/decode-a32u";
export function decodeRowA32(insn: u32): i32 { return decodeA32(insn); }
export function decodeRowA32U(insn: u32): i32 { return decodeA32U(insn); }

/** MRS/MSR (banked) exist with the Virtualization Extensions: off as on QEMU's virt A15 (no EL2). */
export function enableBankedRegs(on: i32): void { setBankedRegsEnabled(on != 0); }
/** 1 if SEV ran since the last call: a multi-CPU host sets S_EVENT (and clears S_HALTED) on the other CPUs. */
export function takeSevPending(): i32 { const p = sevPending; clearSevPending(); return p ? 1 : 0; }

// ---- T32 decoder probe for the table tests (row id in T32 row order, -1 = UNDEFINED) ----
import { decodeT32 } from "./generated/decode-t32";
export function decodeRowT32(insn: u32): i32 { return decodeT32(insn); }

// ---- FP library test entry (test/unit/core/fp) ----
export { fpTest, fpTestHi, fpTestFlags } from "./fp/testing";
export { mmu64Test, mmu64TestOut } from "./mmu/testing64";

/** The board's private peripheral base, reported by CBAR. */
export { setPeriphBase } from "./sysregs/hooks-misc";

/** PSCI conduit of the machine: 0 none, 1 HVC, 2 SMC (core/exec/psci.ts). */
export { setPsciConduit } from "./exec/psci";
/** The board has a GICv3: the ICC registers reach the host's gicSysreg (core/sysregs/hooks-gicv3.ts). */
export { setGicV3 } from "./sysregs/hooks-gicv3";

// ---- JIT (core/jit; the translator is jit/ on the host side) ----
export { jitConfigure, jitInstall, jitClearAll, jitTakeRegionCalls, jitTakeInterpreted } from "./jit/dispatch";
export { jitA32, jitThumb, jitA64 } from "./jit/fallback";
export { markCode as jitMarkCode, hostWroteRange as jitHostWrote } from "./jit/code-pages";
import { decodeT16 } from "./generated/decode-t16";
export function decodeRowT16(hw: u32): i32 { return decodeT16(hw); }

// ---- AArch64 (Cortex-A57) ----
/** Put a freshly reset CPU in AArch64 EL1h with D, A, I, F masked (QEMU's reset PSTATE 0x3c5). */
export function cpuEnterAArch64(): void {
  store<u32>(STATE + S_CPSR_REST, 0x10); // leave "AArch32" first so the SP bank is loaded, not saved
  setPstateRest(0x3c5);
}
export function isAArch64(): i32 { return (load<u32>(STATE + S_CPSR_REST) & 0x10) == 0 ? 1 : 0; }
/** X0..X30 and 31 = the current SP, as two halves (JavaScript numbers lose bits above 2^53). */
export function getXLo(n: i32): u32 { return load<u32>(STATE + S_X + (n << 3)); }
export function getXHi(n: i32): u32 { return load<u32>(STATE + S_X + (n << 3), 4); }
export function setX(n: i32, lo: u32, hi: u32): void { store<u64>(STATE + S_X + (n << 3), (<u64>hi << 32) | lo); }
export function getPC64Lo(): u32 { return <u32>pc64(); }
export function getPC64Hi(): u32 { return <u32>(pc64() >>> 32); }
export function setPC64Parts(lo: u32, hi: u32): void { setPC64((<u64>hi << 32) | lo); }
/** Store the live SP in its bank (S_SP_EL0/S_SP_EL1) so the host reads both banks. */
export function syncStackPointers(): void { syncSPBank(); }
/** Host address of a 64-bit guest virtual address (EL1 view), or 0. */
export function virtToHost64(lo: u32, hi: u32): u32 {
  const h = debugHostAddr64((<u64>hi << 32) | lo);
  return debugFault64 ? 0 : h;
}
import { decodeA64 } from "./generated/decode-a64";
export function decodeRowA64(insn: u32): i32 { return decodeA64(insn); }

/** The CPU model (0 Cortex-A15, 1 Cortex-A57: core/sysregs/model.ts); call before cpuReset. */
export { setCpuModel } from "./sysregs/model";
import { sysregA64Read, sysregA64Write, sysregA64Status, sysregA64RawRead, sysregA64RawWrite } from "./generated/sysregs";
/** MRS/MSR/SYS access by key op0:op1:CRn:CRm:op2 for the host and tests, at EL1 (el0 = 0) or EL0:
 *  returns the low word of a read (high word: lastSysregHi); lastSysregA64Status tells the outcome. */
export function sysregA64Access(key: u32, el0: i32, write: i32, lo: u32, hi: u32): u32 {
  if (write) { sysregA64Write(key, el0 != 0, (<u64>hi << 32) | <u64>lo); sysregHi = 0; return 0; }
  const v = sysregA64Read(key, el0 != 0);
  sysregHi = <u32>(v >> 32);
  return <u32>v;
}
export function lastSysregA64Status(): i32 { return sysregA64Status; }
/** Raw value of a migrating AArch64-only register (cpreg list): low word, high word in lastSysregHi. */
export function sysregA64RawReadLo(key: u32): u32 {
  const v = sysregA64RawRead(key);
  sysregHi = <u32>(v >> 32);
  return <u32>v;
}
export function sysregA64RawWriteParts(key: u32, lo: u32, hi: u32): void { sysregA64RawWrite(key, (<u64>hi << 32) | <u64>lo); }
