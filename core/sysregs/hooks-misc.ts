// Hooks of the other system registers: IDs computed at run time, FCSE, ISR, debug OS lock,
// ThumbEE access.
import { STATE, S_CPU_INDEX, S_IRQ_LINES } from "../state/layout";
import {
  SR_CSSELR, SR_FCSEIDR, SR_DBGOSLSR, SR_TEECR,
  SR_DBGBCR0, SR_DBGBCR1, SR_DBGBCR2, SR_DBGBCR3, SR_DBGBCR4, SR_DBGBCR5,
  SR_DBGDSCRext, SR_DBGWCR0, SR_DBGWVR0, SR_DBGWVR1,
} from "../generated/sysregs";
import { tlbFlushAll } from "../mmu/tlb";
import { cpuModel, CPU_A57 } from "./model";

// ---- identification ----
/** Number of CPUs of the machine (L2CTLR reports it); set by the host. */
let numCpus: u32 = 1;
export function setNumCpus(n: u32): void { numCpus = n < 1 ? 1 : n; }

/** log2 of the CPUs per MPIDR cluster: QEMU's virt puts 8 in a cluster with GICv2 (its target
 *  list) and 16 with GICv3; set by the host. */
let clusterBits: u32 = 3;
export function setMpidrClusterBits(bits: u32): void { clusterBits = bits; }

/** MPIDR: multiprocessor format (bit 31), not uniprocessor; Aff1 = cluster, Aff0 = CPU in it. */
export function readMPIDR(): u64 {
  const idx = load<u32>(STATE + S_CPU_INDEX);
  return <u64>(0x80000000 | ((idx >> clusterBits) << 8) | (idx & ((1 << clusterBits) - 1)));
}

/** CCSIDR of the cache CSSELR selects (QEMU indexes with CSSELR[3:0]); defs/id.ts has the tables. */
export function readCCSIDR(): u64 {
  const a57 = cpuModel == CPU_A57;
  switch (load<u32>(SR_CSSELR) & 0xf) {
    case 0: return 0x701fe00a;                      // 32 KiB L1 data
    case 1: return a57 ? 0x201fe012 : 0x201fe00a;   // 48 KiB (A57) / 32 KiB L1 instruction
    case 2: return a57 ? 0x70ffe07a : 0x711fe07a;   // 2 MiB (A57) / 4 MiB L2 unified
  }
  return 0;
}

/** L2CTLR: number of CPUs - 1 in [25:24]; the A15 also says its interrupt controller is there (bit 23). */
export function readL2CTLR(): u64 {
  return <u64>(((numCpus - 1) << 24) | (cpuModel == CPU_A57 ? 0 : 1 << 23));
}

/** ISR: pending IRQ (I, bit 7) and FIQ (F, bit 6) from the input lines; no SError source. */
export function readISR(): u64 {
  const lines = load<u32>(STATE + S_IRQ_LINES);
  return <u64>(((lines & 1) << 7) | ((lines & 2) << 5));
}

/** FCSEIDR: the TLB holds unmodified VAs, so a change flushes it (as QEMU does). */
export function writeFCSEIDR(v: u64): void {
  if (load<u32>(SR_FCSEIDR) != <u32>v) { store<u32>(SR_FCSEIDR, <u32>v); tlbFlushAll(); }
}

// ---- debug and ThumbEE ----
/** DBGOSLAR: the v7 key 0xc5acce55 sets the OS lock (OSLSR.OSLK, bit 1), any other value clears it. */
export function writeDBGOSLAR(v: u64): void {
  const lsr = load<u32>(SR_DBGOSLSR) & ~2;
  store<u32>(SR_DBGOSLSR, <u32>v == 0xc5acce55 ? lsr | 2 : lsr);
}

/** DBGBCR: BAS[1] (bit 6) reads as a copy of BAS[0] (bit 5) and BAS[3] (bit 8) of BAS[2] (bit 7). */
function writeDBGBCR(addr: u32, v: u64): void {
  let w = <u32>v & ~((1 << 6) | (1 << 8));
  w |= ((w >> 5) & 1) << 6;
  w |= ((w >> 7) & 1) << 8;
  store<u32>(addr, w);
}
export function writeDBGBCR0(v: u64): void { writeDBGBCR(SR_DBGBCR0, v); }
export function writeDBGBCR1(v: u64): void { writeDBGBCR(SR_DBGBCR1, v); }
export function writeDBGBCR2(v: u64): void { writeDBGBCR(SR_DBGBCR2, v); }
export function writeDBGBCR3(v: u64): void { writeDBGBCR(SR_DBGBCR3, v); }
export function writeDBGBCR4(v: u64): void { writeDBGBCR(SR_DBGBCR4, v); }
export function writeDBGBCR5(v: u64): void { writeDBGBCR(SR_DBGBCR5, v); }
/** DBGBCR<n>_EL1: the same copies, in the whole 64-bit slot. */
export function writeDBGBCR_EL1(v: u64, n: u32): void {
  const bcr: u32[] = [SR_DBGBCR0, SR_DBGBCR1, SR_DBGBCR2, SR_DBGBCR3, SR_DBGBCR4, SR_DBGBCR5];
  let w = v & ~(<u64>((1 << 6) | (1 << 8)));
  w |= ((w >> 5) & 1) << 6;
  w |= ((w >> 7) & 1) << 8;
  store<u64>(bcr[n], w);
}
/** OSLAR_EL1: bit 0 is the new OS lock (OSLSR.OSLK). */
export function writeOSLAR_EL1(v: u64): void {
  store<u32>(SR_DBGOSLSR, (load<u32>(SR_DBGOSLSR) & ~2) | (<u32>(v & 1) << 1));
}

/** MDSCR_EL1 and DBGWCR<n>_EL1 decide whether watchpoints are armed; armed, data accesses skip
 *  the TLB (memory64.ts checks them on the slow path), so a change drops the entries filled before. */
export function writeMDSCR_EL1(v: u64): void { store<u64>(SR_DBGDSCRext, v); tlbFlushAll(); }
export function writeDBGWCR_EL1(v: u64, n: u32): void {
  store<u64>(SR_DBGWCR0 + n * (SR_DBGWVR1 - SR_DBGWVR0), v);
  tlbFlushAll();
}

/** TEEHBR is reachable from PL0 only while TEECR.XED is 0. */
export function teehbrPl0Access(): bool { return (load<u32>(SR_TEECR) & 1) == 0; }

/** PERIPHBASE as the board wires it (QEMU's reset-cbar property); CBAR reads it. */
let periphBase: u32 = 0x08000000;
export function setPeriphBase(v: u32): void { periphBase = v; }
export function readCBAR(): u64 { return <u64>periphBase; }
