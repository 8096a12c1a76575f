// Long-descriptor (LPAE) translation table walk (ARM ARM B3.6), stage 1 of the PL1&0 regime,
// following QEMU 7.2 get_phys_addr_lpae for an AArch32 v7 CPU (40-bit output, 4 KiB granule).
import { SR_SCTLR, SR_TTBR0, SR_TTBR1, SR_TTBCR, SR_PRRR, SR_NMRR } from "../generated/sysregs";
import { setTranslation, setMapping, setFault, setWalkAbortFault } from "./translate";
import { simpleApToProt } from "./walk-short";
import { readDesc64, descValue64 } from "./table-desc";
import { el1IsAArch64 } from "../exceptions/aarch32-el0";

const LPAE: u32 = 1 << 9; // DFSR/IFSR.LPAE: long-descriptor status format
// Status codes: fault class | level.
const FS_ADDRESS_SIZE: u32 = 0x00;
const FS_TRANSLATION: u32 = 0x04;
const FS_ACCESS_FLAG: u32 = 0x08;
const FS_PERMISSION: u32 = 0x0c;
const FS_EXT_ABORT_WALK: u32 = 0x14;

const P_R: u32 = 1;
const P_W: u32 = 2;
const P_X: u32 = 4;

/** TTBCR.EAE selects the long-descriptor format. */
/** The long-descriptor format is in use: TTBCR.EAE, or always under an AArch64 EL1 (whose TCR_EL1
 *  shares TTBCR's slot, bit 31 being TG1 there). */
export function lpaeEnabled(): bool { return el1IsAArch64() || (load<u32>(SR_TTBCR) & 0x80000000) != 0; }

@inline function fault(fs: u32, level: u32): bool { setFault(LPAE | fs | level); return false; }


export function walkLpae(va: u32, type: i32, user: bool): bool {
  const tcr = load<u32>(SR_TTBCR);
  const t0sz = tcr & 7;
  const t1sz = (tcr >>> 16) & 7;
  // TTBR1 takes the top of the VA space when T1SZ != 0, else everything above TTBR0's range.
  const select = t1sz == 0 ? va > (0xffffffff >>> t0sz) : va >= ~(0xffffffff >>> t1sz);
  const tsz = select ? t1sz : t0sz;
  const epd = select ? (tcr >>> 23) & 1 : (tcr >>> 7) & 1;
  const inputsize: u32 = 32 - tsz;
  let level: u32 = 1;
  // The gap between the two ranges (both TxSZ non-zero) is a level 1 translation fault.
  if (inputsize < 32) {
    const top = va >>> inputsize;
    if (top != (select ? (<u32>1 << (32 - inputsize)) - 1 : 0)) return fault(FS_TRANSLATION, 1);
  }
  if (epd != 0) return fault(FS_TRANSLATION, 1);
  const ttbr = load<u64>(select ? SR_TTBR1 : SR_TTBR0);

  level = 4 - (inputsize - 4) / 9; // 1 for 31-32 bit ranges, 2 below
  let indexMask: u64 = (<u64>1 << (inputsize - 9 * (4 - level))) - 1;
  let descAddr: u64 = ttbr & 0xffffffffffff;
  if ((descAddr >> 40) != 0) return fault(FS_ADDRESS_SIZE, 0); // BADDR beyond the 40-bit PA
  descAddr &= ~indexMask;

  // Table attributes gathered on the way down: bit 0 PXNTable, 1 XNTable, 2..3 APTable.
  let tableAttrs: u32 = 0;
  let d: u64 = 0;
  while (true) {
    descAddr |= (<u64>va >> (9 * (4 - level))) & indexMask;
    descAddr &= ~(<u64>7);
    if (!readDesc64(<u32>descAddr, <u32>(descAddr >> 32))) {
      setWalkAbortFault(LPAE | FS_EXT_ABORT_WALK | level);
      return false;
    }
    d = descValue64;
    // Invalid, or the reserved level 3 encoding 0b01.
    if ((d & 1) == 0 || ((d & 2) == 0 && level == 3)) return fault(FS_TRANSLATION, level);
    descAddr = d & 0xfffffff000; // bits 39:12
    if ((d & 2) == 0 || level == 3) break;
    tableAttrs |= <u32>(d >> 59) & 0x1f;
    level++;
    indexMask = 0xfff;
  }

  // Block (level 1: 1 GiB, level 2: 2 MiB) or page (level 3).
  const bits: u32 = 9 * (4 - level) + 3;
  const sizeMask: u64 = (<u64>1 << bits) - 1;
  const pa: u64 = (descAddr & ~sizeMask) | (<u64>va & sizeMask);
  if ((d & (1 << 10)) == 0) return fault(FS_ACCESS_FLAG, level);

  let ap = <u32>(d >> 6) & 3; // AP[2:1]
  if ((tableAttrs & 4) != 0) ap &= ~1; // APTable[0]: no PL0 access
  if ((tableAttrs & 8) != 0) ap |= 2;  // APTable[1]: read-only
  let xn = (<u32>(d >> 54) & 1) | ((tableAttrs >>> 1) & 1);
  const pxn = (<u32>(d >> 53) & 1) | (tableAttrs & 1);

  // QEMU get_S1prot (AArch32, PL1&0): WXN/UWXN apply with LPAE.
  const sctlr = load<u32>(SR_SCTLR);
  const userRw = simpleApToProt(ap, true);
  let prot: u32 = user ? userRw : simpleApToProt(ap, false);
  if (user) {
    if ((userRw & P_R) == 0) xn = 1;
  } else {
    const uwxn = (sctlr & (1 << 20)) != 0;
    if ((prot & P_R) == 0 || pxn != 0 || (uwxn && (userRw & P_W) != 0)) xn = 1;
  }
  const wxn = (sctlr & (1 << 19)) != 0;
  if (xn == 0 && !(wxn && (prot & P_W) != 0)) prot |= P_X;
  if ((prot & (<u32>1 << type)) == 0) return fault(FS_PERMISSION, level);

  // Attributes for the 64-bit PAR: MAIR0/MAIR1 (PRRR/NMRR) byte AttrIndx[2:0], SH[1:0].
  const idx = <u32>(d >> 2) & 7;
  const mair = idx < 4 ? load<u32>(SR_PRRR) : load<u32>(SR_NMRR);
  setTranslation(<u32>pa, <u32>(pa >> 32));
  setMapping(bits, (mair >>> ((idx & 3) * 8)) & 0xff, <u32>(d >> 8) & 3);
  return true;
}
