// AArch32 at EL0 under an AArch64 EL1 (the Cortex-A57, as Debian's arm64 kernel runs armhf
// programs). Exceptions from A32/T32 code are taken to AArch64 EL1 with the AArch32 syndromes
// (ARM ARM D1.10.2, AArch64.TakeException from a lower EL using AArch32; QEMU 7.2
// arm_cpu_do_interrupt_aarch64 after aarch64_sync_32_to_64), and ERET to an SPSR with nRW set
// returns into User mode (aarch64_sync_64_to_32). A32/T32 code itself runs unchanged: only the
// exception entries, the translation regime and a few traps change.
import { STATE, S_REGS, S_X, S_CPSR_REST, MODE_USR } from "../state/layout";
import { cpuModel, CPU_A57 } from "../sysregs/model";
import { setFlagsFromWord, setRegRaw, isThumb } from "../cpu";
import { syncSPBank } from "../cpu64";
import {
  takeException64, syndrome, setFar, VEC_SYNC, EC_UNKNOWN, EC_ILLEGAL_STATE, EC_SVC32, EC_WFX,
  EC_FP_ACCESS, EC_IABORT_LOWER, EC_DABORT_LOWER, EC_PC_ALIGN,
} from "./a64-entry";

/** EL1 runs in AArch64: true on the Cortex-A57 (QEMU's cortex-a57 always has AArch64 EL1). */
@inline export function el1IsAArch64(): bool { return cpuModel == CPU_A57; }

// Exception classes only AArch32 code raises.
export const EC_CP15_RT: u32 = 0x03;
export const EC_CP15_RRT: u32 = 0x04;
export const EC_CP14_RT: u32 = 0x05;
export const EC_CP14_RRT: u32 = 0x0c;
export const EC_BKPT32: u32 = 0x38;

/** Long-descriptor fault status codes the AArch32 paths pass (DFSC/IFSC, bits 5:0). */
const FSC_ALIGNMENT: u32 = 0x21;

/** The instruction address: r15 holds it while an AArch32 instruction runs. */
@inline function curPC(): u32 { return load<u32>(STATE + S_REGS + 60); }

/**
 * Enter EL1 from AArch32 EL0. R0..R14 (User mode's) become X0..X14; X15..X30 map to AArch32
 * banked registers EL0 cannot reach, which hold 32-bit values: their upper halves read as zero
 * afterwards, as in QEMU. SPSR_EL1 gets the whole CPSR (takeException64).
 */
export function takeFromAArch32(vecOffset: u32, esr: u32, retAddr: u32, retires: bool): void {
  for (let i: u32 = 0; i < 15; i++) store<u64>(STATE + S_X + (i << 3), <u64>load<u32>(STATE + S_REGS + (i << 2)));
  for (let i: u32 = 15; i < 31; i++) store<u64>(STATE + S_X + (i << 3), <u64>load<u32>(STATE + S_X + (i << 3)));
  takeException64(vecOffset, esr, <u64>retAddr, retires);
}

/** ERET to AArch32: true if spsr names User mode (the only AArch32 mode below an AArch64 EL1). */
export function aarch32ReturnLegal(spsr: u32): bool { return (spsr & 0x1f) == MODE_USR; }

/** ERET into User mode: X0..X14 become R0..R14, CPSR = SPSR (PSTATE.SS cleared, as QEMU without
 *  single-step), r15 = ELR aligned for the instruction set. */
export function returnToAArch32(spsr: u32, elr: u64): void {
  syncSPBank(); // the live SP goes back to its bank; AArch32 EL0 uses X13, not SP_EL0
  for (let i: u32 = 0; i < 15; i++) store<u32>(STATE + S_REGS + (i << 2), load<u32>(STATE + S_X + (i << 3)));
  setFlagsFromWord(spsr);
  store<u32>(STATE + S_CPSR_REST, spsr & ~(0xf80f0000 | (1 << 21)));
  setRegRaw(15, <u32>elr & ((spsr & 0x20) != 0 ? ~1 : ~3));
}

// ---- the AArch32 exceptions, taken to AArch64 EL1 (called from a32-entry.ts) ----

/** UNDEFINED (EC 0), or EC 0x0e when PSTATE.IL made it so; ELR is the instruction. */
export function undefFromAArch32(): void {
  const il = (load<u32>(STATE + S_CPSR_REST) & (1 << 20)) != 0;
  takeFromAArch32(VEC_SYNC, syndrome(il ? EC_ILLEGAL_STATE : EC_UNKNOWN, 0), curPC(), true);
}

/** SVC: ISS = imm16 (A32's low 16 bits, T16's imm8); IL clear for the 16-bit Thumb form. */
export function svcFromAArch32(imm: u32, insnLength: u32): void {
  const t = isThumb();
  takeFromAArch32(VEC_SYNC, syndrome(EC_SVC32, imm & 0xffff, !t), curPC() + (t ? insnLength : 4), true);
}

/** BKPT: EC 0x38 with the immediate, IL set even for T16 (QEMU); ELR is the instruction. */
export function bkptFromAArch32(imm16: u32): void {
  takeFromAArch32(VEC_SYNC, syndrome(EC_BKPT32, imm16), curPC(), true);
}

/** Prefetch abort: `fsr` in the long-descriptor format; a misaligned PC is EC 0x22 (QEMU
 *  helper_exception_pc_alignment). FAR_EL1 = the 32-bit address. */
export function prefetchAbortFromAArch32(va: u32, fsr: u32): void {
  setFar(<u64>va);
  const fsc = fsr & 0x3f;
  if (fsc == FSC_ALIGNMENT) takeFromAArch32(VEC_SYNC, syndrome(EC_PC_ALIGN, 0), curPC(), false);
  else takeFromAArch32(VEC_SYNC, syndrome(EC_IABORT_LOWER, fsc), curPC(), false);
}

/** Data abort: DFSC and WnR, no instruction syndrome (QEMU sets ISV only for aborts to EL2). */
export function dataAbortFromAArch32(va: u32, fsr: u32, write: bool): void {
  setFar(<u64>va);
  takeFromAArch32(VEC_SYNC, syndrome(EC_DABORT_LOWER, (fsr & 0x3f) | (write ? 1 << 6 : 0)), curPC(), false);
}

/** Interrupts: ELR is the next instruction (r15 between instructions). */
export function interruptFromAArch32(vecOffset: u32): void {
  takeFromAArch32(vecOffset, 0, curPC(), false);
}

/** CPACR_EL1.FPEN denies FP/Advanced SIMD at EL0: EC 0x07, CV = 1, COND = 0xe, IL set (QEMU
 *  7.2 vfp_access_check_a with coproc 0 on v8). */
export function fpTrapFromAArch32(): void {
  takeFromAArch32(VEC_SYNC, syndrome(EC_FP_ACCESS, (1 << 24) | (0xe << 20)), curPC(), true);
}

/** WFI/WFE at EL0 with SCTLR_EL1.nTWI/nTWE clear: EC 0x01, TI = WFE; IL clear for T16. */
export function wfxTrapFromAArch32(isWfe: bool, insnLength: u32): void {
  takeFromAArch32(VEC_SYNC, syndrome(EC_WFX, (1 << 24) | (0xe << 20) | (isWfe ? 1 : 0), insnLength == 4), curPC(), true);
}

/**
 * MRC/MCR/MRRC/MCRR to a register whose access check traps (CNTKCTL, PMUSERENR...): EC 0x03,
 * 0x04, 0x05 or 0x0c with the A32-form encoding fields; COND is 0xe and IL set whatever the
 * instruction (QEMU do_coproc_insn). `insn` is the A32 form (Thumb's is converted to it).
 */
export function coprocTrapFromAArch32(insn: u32, isRead: bool, is64: bool): void {
  const cp = (insn >>> 8) & 0xf, crm = insn & 0xf, rt = (insn >>> 12) & 0xf;
  let iss: u32 = (1 << 24) | (0xe << 20) | (rt << 5) | (crm << 1) | (isRead ? 1 : 0);
  let ec: u32;
  if (is64) {
    iss |= (((insn >>> 4) & 0xf) << 16) | (((insn >>> 16) & 0xf) << 10);
    ec = cp == 14 ? EC_CP14_RRT : EC_CP15_RRT;
  } else {
    iss |= (((insn >>> 5) & 7) << 17) | (((insn >>> 21) & 7) << 14) | (((insn >>> 16) & 0xf) << 10);
    ec = cp == 14 ? EC_CP14_RT : EC_CP15_RT;
  }
  takeFromAArch32(VEC_SYNC, syndrome(ec, iss), curPC(), true);
}
