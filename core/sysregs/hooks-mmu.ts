// Hooks of the MMU registers: writes that change translation flush the TLB.
import { SR_SCTLR } from "../generated/sysregs";
import { tlbFlushAll } from "../mmu/tlb";

export function writeSCTLR(v: u64): void {
  store<u32>(SR_SCTLR, <u32>v);
  tlbFlushAll();
}
