// AArch64 special-purpose registers (defs/a64-special.ts): views of PSTATE (NZCV, DAIF, SPSel,
// CurrentEL), the banked SP_EL0, ELR_EL1 and SPSR_EL1, FPCR/FPSR over the one FPSCR word;
// and DCZID_EL0.
import { STATE, S_CPSR_REST, S_SP_EL0, S_ELR_EL1, S_SPSR_SVC, S_FPSCR } from "../state/layout";
import { nzcv, setNzcv, setPstateRest } from "../cpu64";
import { dczvaCheck } from "./hooks-a64-access";
import { A64_OK } from "./a64-status";

@inline function rest(): u32 { return load<u32>(STATE + S_CPSR_REST); }

export function readNZCV(): u64 { return <u64>nzcv(); }
export function writeNZCV(v: u64): void { setNzcv(<u32>v & 0xf0000000); }

const DAIF_BITS: u32 = 0x3c0;
export function readDAIF(): u64 { return <u64>(rest() & DAIF_BITS); }
export function writeDAIF(v: u64): void { store<u32>(STATE + S_CPSR_REST, (rest() & ~DAIF_BITS) | (<u32>v & DAIF_BITS)); }

export function readSPSel(): u64 { return <u64>(rest() & 1); }
/** Switches the stack pointer between SP_EL0 and SP_EL1. */
export function writeSPSel(v: u64): void { setPstateRest((rest() & ~1) | (<u32>v & 1)); }

export function readCurrentEL(): u64 { return <u64>(rest() & 0xc); }

/** Banked (not the live SP: spEl0Check makes the access UNDEFINED while it is). */
export function readSP_EL0(): u64 { return load<u64>(STATE + S_SP_EL0); }
export function writeSP_EL0(v: u64): void { store<u64>(STATE + S_SP_EL0, v); }

export function readELR_EL1(): u64 { return load<u64>(STATE + S_ELR_EL1); }
export function writeELR_EL1(v: u64): void { store<u64>(STATE + S_ELR_EL1, v); }

/** SPSR_EL1 is the 32-bit SPSR_svc slot (QEMU keeps 64 bits; bits [63:32] are RES0 in ARMv8.0). */
export function readSPSR_EL1(): u64 { return <u64>load<u32>(STATE + S_SPSR_SVC); }
export function writeSPSR_EL1(v: u64): void { store<u32>(STATE + S_SPSR_SVC, <u32>v); }

/** FPCR: AHP DN FZ RMode Stride Len (QEMU 7.2 keeps no trap enables, no FZ16). */
const FPCR_MASK: u32 = 0x07f70000;
/** FPSR: N Z C V (the AArch32 compare flags) QC and the cumulative exception flags. */
const FPSR_MASK: u32 = 0xf800009f;
@inline function fpscr(): u32 { return load<u32>(STATE + S_FPSCR); }
export function readFPCR(): u64 { return <u64>(fpscr() & FPCR_MASK); }
export function writeFPCR(v: u64): void { store<u32>(STATE + S_FPSCR, (fpscr() & ~FPCR_MASK) | (<u32>v & FPCR_MASK)); }
export function readFPSR(): u64 { return <u64>(fpscr() & FPSR_MASK); }
export function writeFPSR(v: u64): void { store<u32>(STATE + S_FPSCR, (fpscr() & ~FPSR_MASK) | (<u32>v & FPSR_MASK)); }

/** DC ZVA zeroes 4 << 4 = 64 bytes; DZP (bit 4) when DC ZVA is not allowed at the current EL. */
const DCZ_BLOCKSIZE: u64 = 4;
export function readDCZID(): u64 {
  const el0 = (rest() & 0xc) == 0;
  return DCZ_BLOCKSIZE | (dczvaCheck(el0, false) == A64_OK ? 0 : 0x10);
}
