// Hooks of the MMU registers (defs/mmu.ts): writes that change translation flush the TLB
// (which is not ASID-tagged), address translation operations, TLB maintenance.
import { SR_SCTLR, SR_TTBR0, SR_TTBR1, SR_TTBCR, SR_DACR, SR_CONTEXTIDR, SR_PAR } from "../generated/sysregs";
import { tlbFlushAll, tlbFlushPage } from "../mmu/tlb";
import { atsPar, tWalkAbort, tFsr } from "../mmu/translate";
import { lpaeEnabled } from "../mmu/walk-lpae";
import { takeDataAbort } from "../exceptions/a32-entry";

export function writeSCTLR(v: u64): void {
  // Linux rewrites SCTLR often: flush only on a change (QEMU sctlr_write).
  if (<u32>v == load<u32>(SR_SCTLR)) return;
  store<u32>(SR_SCTLR, <u32>v);
  tlbFlushAll();
}

/** 64-bit (MCRR) TTBR writes: a change of ASID[55:48] flushes (QEMU vmsa_ttbr_write). */
export function writeTTBR0(v: u64): void { writeTtbr(SR_TTBR0, v); }
export function writeTTBR1(v: u64): void { writeTtbr(SR_TTBR1, v); }
function writeTtbr(addr: u32, v: u64): void {
  if (((load<u64>(addr) ^ v) >> 48) != 0) tlbFlushAll();
  store<u64>(addr, v);
}

export function writeTTBCR(v: u64): void {
  let x = <u32>v;
  if (x & 0x80000000) {
    x &= ~((7 << 19) | (3 << 14) | (0xf << 3)); // UNK/SBZP with long descriptors (pre-v8)
  } else {
    x &= 7; // N only: PD0/PD1 belong to the Security Extensions
  }
  store<u32>(SR_TTBCR, x);
  tlbFlushAll(); // EAE, N or A1 may change the translation or the ASID in use
}

export function writeDACR(v: u64): void {
  store<u32>(SR_DACR, <u32>v);
  tlbFlushAll();
}

export function writeCONTEXTIDR(v: u64): void {
  // With short descriptors CONTEXTIDR holds the ASID (with LPAE it lives in TTBRn).
  if (<u32>v != load<u32>(SR_CONTEXTIDR) && !lpaeEnabled()) tlbFlushAll();
  store<u32>(SR_CONTEXTIDR, <u32>v);
}

// ---- address translation operations ----

function ats(va: u32, isWrite: bool, user: bool): void {
  const par = atsPar(va, isWrite, user);
  // A synchronous external abort on the walk is taken as a Data Abort, PAR unchanged (QEMU do_ats_write).
  if (tWalkAbort) { takeDataAbort(va, tFsr, false); return; }
  store<u64>(SR_PAR, par);
}
export function opATS1CPR(v: u64): void { ats(<u32>v, false, false); }
export function opATS1CPW(v: u64): void { ats(<u32>v, true, false); }
export function opATS1CUR(v: u64): void { ats(<u32>v, false, true); }
export function opATS1CUW(v: u64): void { ats(<u32>v, true, true); }

// ---- TLB maintenance: entries carry no ASID, so ASID-based operations flush everything ----

export function opTLBIALL(v: u64): void { tlbFlushAll(); }
export function opTLBIMVA(v: u64): void { tlbFlushPage(<u32>v & 0xfffff000); }

// ---- AArch64 views ----

/** SCTLR_EL1 bits a write keeps: all but the MTE controls (ITFSB, TCF0, TCF, ATA0, ATA): no MTE. */
const SCTLR_EL1_MASK: u64 = ~(<u64>0x7f << 37);

/** SCTLR_EL1 (64 bits): a change flushes the TLB, as the MMU may go on or off (QEMU sctlr_write). */
export function writeSCTLR_EL1(v: u64): void {
  v &= SCTLR_EL1_MASK;
  if (v == load<u64>(SR_SCTLR)) return;
  store<u64>(SR_SCTLR, v);
  tlbFlushAll();
}

/** TCR_EL1: every bit kept; always flushes (A1 may change the ASID in use: QEMU vmsa_tcr_el12_write). */
export function writeTCR_EL1(v: u64): void {
  store<u64>(SR_TTBCR, v);
  tlbFlushAll();
}
