// Side effects of system-register accesses, named by the table's onRead/onWrite.
import { SR_SCTLR } from "../generated/sysregs";
import { tlbFlushAll } from "../mmu/tlb";

export function writeSCTLR(v: u64): void {
  store<u32>(SR_SCTLR, <u32>v);
  tlbFlushAll();
}
