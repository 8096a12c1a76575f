// AT S1E0R/S1E0W/S1E1R/S1E1W: a stage 1 translation whose result goes to PAR_EL1 (QEMU 7.2
// do_ats_write, AArch64 format). It never fills the TLB; a fault is reported in PAR, except an
// external abort on the walk, which is taken as a Data Abort (CM = 1, WnR = 1) and leaves PAR alone.
import { SR_PAR } from "../generated/sysregs";
import { translate64, tFsc64, tWalkAbort64 } from "./translate64";
import { tPaLo, tPaHi, tAttr, tSh } from "./translate";
import { ACC_READ, ACC_WRITE } from "./tlb";
import { takeDataAbort64 } from "../exceptions/a64-entry";

const PAR_RES1: u64 = 1 << 11; // QEMU sets bit 11 (the AArch32 LPAE bit) in every 64-bit PAR
const PAR_NS: u64 = 1 << 9;    // only Non-secure state exists here
const ISS_CM: u32 = 1 << 8;
const ISS_WNR: u32 = 1 << 6;

/** PAR_EL1 value for the translation of va; when F = 1, tWalkAbort64 tells whether the walk hit an external abort. */
export function at64Par(va: u64, isWrite: bool, user: bool): u64 {
  if (!translate64(va, isWrite ? ACC_WRITE : ACC_READ, user)) {
    return PAR_RES1 | (<u64>(tFsc64 & 0x3f) << 1) | 1; // F = 1, FST; S and PTW are stage 2 only
  }
  const pa = ((<u64>tPaHi << 32) | <u64>tPaLo) & ~<u64>0xfff;
  return PAR_RES1 | pa | PAR_NS | (<u64>tAttr << 56) | (<u64>tSh << 7);
}

/** The AT operation itself: PAR_EL1 gets the result, or the Data Abort is taken (FAR = va). */
export function at64(va: u64, isWrite: bool, user: bool): void {
  const par = at64Par(va, isWrite, user);
  if ((par & 1) != 0 && tWalkAbort64) { takeDataAbort64(va, ISS_CM | ISS_WNR | (tFsc64 & 0x3f)); return; }
  store<u64>(SR_PAR, par);
}
