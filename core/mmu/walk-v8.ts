// VMSAv8-64 stage 1 table walk of the EL1&0 regime (ARM ARM D5.2) for the Cortex-A57 as QEMU 7.2
// models it (get_phys_addr_lpae, aa64_va_parameters, get_S1prot): 48-bit VAs in two ranges,
// 4 KiB and 64 KiB granules (the A57 has no 16 KiB granule: TGx asking for it gets 4 KiB), a
// 44-bit PA, no hardware access flag or dirty state, no PAN, no stage 2, Non-secure only.
import { SR_SCTLR, SR_TTBR0, SR_TTBR1, SR_PRRR, SR_NMRR } from "../generated/sysregs";
import { setTranslation, setMapping } from "./translate";
import { setFault64, setWalkAbort64, tcrEl1, tbiApplies, PA_BITS } from "./translate64";
import { readDesc64, descValue64 } from "./table-desc";

// Fault classes; the status code is class | level.
const FS_ADDRESS_SIZE: u32 = 0x00;
const FS_TRANSLATION: u32 = 0x04;
const FS_ACCESS_FLAG: u32 = 0x08;
const FS_PERMISSION: u32 = 0x0c;
const FS_EXT_ABORT_WALK: u32 = 0x14;

const P_R: u32 = 1;
const P_W: u32 = 2;
const P_X: u32 = 4;

// Without FEAT_TTST and FEAT_LVA, TxSZ must lie in 16..39; QEMU faults outside (level 0).
const MIN_TSZ: u32 = 16;
const MAX_TSZ: u32 = 39;

@inline function fault(fs: u32, level: i32): bool { setFault64(fs | <u32>level); return false; }

/** log2 of the granule for TG0 (select 0) or TG1 (select 1); 16 KiB and the reserved encodings
 *  fall back to 4 KiB, the smallest granule the A57 has (QEMU sanitize_gran_size). */
function granuleBits(tcr: u64, select: u32): u32 {
  if (select == 0) return (<u32>(tcr >>> 14) & 3) == 1 ? 16 : 12;
  return (<u32>(tcr >>> 30) & 3) == 3 ? 16 : 12;
}

/** Output address size for TCR_EL1.IPS, bounded by the A57's PARange (QEMU pamax_map). */
function outputBits(tcr: u64): u32 {
  const ips = <u32>(tcr >>> 32) & 7;
  if (ips >= 4) return PA_BITS;
  return ips == 3 ? 42 : 32 + 4 * ips; // 32, 36, 40, 42
}


/** AP[2:1] to read/write rights (QEMU simple_ap_to_rw_prot_is_user). */
@inline function apRights(ap: u32, user: bool): u32 {
  if ((ap & 1) == 0 && user) return 0; // AP[1] = 0: no EL0 access
  return (ap & 2) != 0 ? P_R : P_R | P_W;
}

export function walk64(va: u64, type: i32, user: bool): bool {
  const tcr = tcrEl1();
  // Bit 55 selects the range whatever the size of the ranges and TBI.
  const select = <u32>(va >>> 55) & 1;
  let tsz = select == 0 ? <u32>tcr & 0x3f : <u32>(tcr >>> 16) & 0x3f;
  if (tsz < MIN_TSZ || tsz > MAX_TSZ) return fault(FS_TRANSLATION, 0);
  const inputBits: u32 = 64 - tsz;
  // Every bit from inputBits up to bit 63 (bit 55 with TBI) must equal the range: else the VA
  // is in the gap between the two ranges.
  const addrBits: u32 = tbiApplies(va, type) ? 56 : 64;
  const top = (va << <u64>(64 - addrBits)) >> <u64>(inputBits + 64 - addrBits);
  const want: u64 = select == 0 ? 0 : (<u64>1 << <u64>(addrBits - inputBits)) - 1;
  if (top != want) return fault(FS_TRANSLATION, 0);
  if (((select == 0 ? tcr >>> 7 : tcr >>> 23) & 1) != 0) return fault(FS_TRANSLATION, 0); // EPDx

  const grain = granuleBits(tcr, select);
  const stride: u32 = grain - 3;
  const outBits = outputBits(tcr);
  // Starting level: enough levels of `stride` bits to cover the input above the page offset.
  let level: i32 = 4 - <i32>((inputBits - 4) / stride);

  let indexMask: u64 = (<u64>1 << <u64>(inputBits - stride * <u32>(4 - level))) - 1;
  let descAddr: u64 = load<u64>(select == 0 ? SR_TTBR0 : SR_TTBR1) & 0xffffffffffff; // BADDR, ASID dropped
  if ((descAddr >>> outBits) != 0) return fault(FS_ADDRESS_SIZE, 0);
  descAddr &= ~indexMask; // also drops CnP and the bits below the table's alignment
  const addrMask: u64 = 0xffffffffffff & ~((<u64>1 << grain) - 1);

  // Table attributes gathered on the way down: bit 0 PXNTable, 1 UXNTable, 2 APTable[0], 3 APTable[1].
  let tableAttrs: u32 = 0;
  let d: u64 = 0;
  while (true) {
    descAddr |= (va >>> <u64>(stride * <u32>(4 - level))) & indexMask;
    descAddr &= ~(<u64>7);
    if (!readDesc64(<u32>descAddr, <u32>(descAddr >>> 32))) {
      setWalkAbort64(FS_EXT_ABORT_WALK | <u32>level);
      return false;
    }
    d = descValue64;
    // Invalid, or the reserved level 3 encoding 0b01.
    if ((d & 1) == 0 || ((d & 2) == 0 && level == 3)) return fault(FS_TRANSLATION, level);
    descAddr = d & addrMask;
    if ((descAddr >>> outBits) != 0) return fault(FS_ADDRESS_SIZE, level);
    // As QEMU 7.2, a block is accepted at any level below 3 (even level 0 with 4 KiB pages).
    if ((d & 2) == 0 || level == 3) break;
    tableAttrs |= <u32>(d >>> 59) & 0xf;
    level++;
    indexMask = (<u64>1 << grain) - 1;
  }

  // Block or page: its size, then the output address.
  const bits: u32 = stride * <u32>(4 - level) + 3;
  const sizeMask: u64 = (<u64>1 << bits) - 1;
  const pa: u64 = (descAddr & ~sizeMask) | (va & sizeMask);
  if ((d & (1 << 10)) == 0) return fault(FS_ACCESS_FLAG, level); // AF = 0 (no hardware AF)

  // Table attributes apply unless TCR_EL1.HPDx (QEMU reads it on any CPU).
  let ap = <u32>(d >>> 6) & 3; // AP[2:1]
  let uxn = <u32>(d >>> 54) & 1;
  let pxn = <u32>(d >>> 53) & 1;
  if (((select == 0 ? tcr >>> 41 : tcr >>> 42) & 1) == 0) {
    if ((tableAttrs & 4) != 0) ap &= ~1; // APTable[0]: no EL0 access
    if ((tableAttrs & 8) != 0) ap |= 2;  // APTable[1]: read-only
    uxn |= (tableAttrs >>> 1) & 1;
    pxn |= tableAttrs & 1;
  }

  // QEMU get_S1prot (AArch64, two ranges): EL0 executes unless UXN; EL1 never executes PXN
  // memory nor memory EL0 can write; SCTLR_EL1.WXN removes execute from writable memory.
  const userRw = apRights(ap, true);
  let prot: u32 = user ? userRw : apRights(ap, false);
  const xn: bool = user ? uxn != 0 : (pxn != 0 || (userRw & P_W) != 0);
  const wxn = (load<u32>(SR_SCTLR) & (1 << 19)) != 0;
  if (!xn && !(wxn && (prot & P_W) != 0)) prot |= P_X;
  if ((prot & (<u32>1 << type)) == 0) return fault(FS_PERMISSION, level);

  // MAIR_EL1 (PRRR low word, NMRR high word) byte AttrIndx, and SH[1:0], for the PAR.
  const idx = <u32>(d >>> 2) & 7;
  const mair = idx < 4 ? load<u32>(SR_PRRR) : load<u32>(SR_NMRR);
  setTranslation(<u32>pa, <u32>(pa >>> 32));
  setMapping(bits, (mair >>> ((idx & 3) * 8)) & 0xff, <u32>(d >>> 8) & 3);
  return true;
}
