// Short-descriptor translation table walk (ARM ARM B3.5), following QEMU 7.2 get_phys_addr_v6
// for a v7 CPU with PXN (Cortex-A15): QEMU takes this walk whatever SCTLR.XP says.
import { SR_SCTLR, SR_TTBR0, SR_TTBR1, SR_TTBCR, SR_DACR } from "../generated/sysregs";
import { physToHost } from "./phys";
import { busRead, busFailed } from "./bus";
import { setTranslation, setMapping, setFault, setWalkAbortFault } from "./translate";
import { ACC_EXEC } from "./tlb";

// Short-format fault status codes (FS[3:0]; FS[4] is bit 10 and never set here).
const FS_ACCESS_FLAG_L1: u32 = 0x3;
const FS_ACCESS_FLAG_L2: u32 = 0x6;
const FS_TRANSLATION_L1: u32 = 0x5;
const FS_TRANSLATION_L2: u32 = 0x7;
const FS_DOMAIN_L1: u32 = 0x9;
const FS_DOMAIN_L2: u32 = 0xb;
const FS_PERMISSION_L1: u32 = 0xd;
const FS_PERMISSION_L2: u32 = 0xf;
const FS_EXT_ABORT_WALK_L1: u32 = 0xc;
const FS_EXT_ABORT_WALK_L2: u32 = 0xe;

// Page permissions as bits indexed by access type (ACC_READ=0, ACC_WRITE=1, ACC_EXEC=2).
const P_R: u32 = 1;
const P_W: u32 = 2;
const P_X: u32 = 4;

/** QEMU sets the domain field in every short-format status, 0 when not yet known. */
@inline function fault(fs: u32, domain: u32): bool { setFault(fs | (domain << 4)); return false; }

/** Read a descriptor word from physical memory (RAM or a device); false when nothing answered
 *  there (an external abort on the walk, whatever the board does with other failed accesses). */
let descValue: u32 = 0;
function readDesc(pa: u32): bool {
  const host = physToHost(pa, 0);
  let d: u32;
  if (host != 0) d = load<u32>(host);
  else {
    d = busRead(pa, 0, 4);
    if (busFailed) return false;
  }
  descValue = (load<u32>(SR_SCTLR) & (1 << 25)) != 0 ? bswap<u32>(d) : d; // SCTLR.EE: big-endian tables
  return true;
}

/** AP[2:0] → R/W for PL0 or PL1 (ARM ARM B3.7.1, v7: AP=000 no access, 100 reserved). */
function apToProt(ap: u32, user: bool): u32 {
  switch (ap) {
    case 1: return user ? 0 : P_R | P_W;
    case 2: return user ? P_R : P_R | P_W;
    case 3: return P_R | P_W;
    case 5: return user ? 0 : P_R;
    case 6: case 7: return P_R;
    default: return 0;
  }
}

/** Simplified model (SCTLR.AFE=1): AP[2:1] only. */
export function simpleApToProt(ap21: u32, user: bool): u32 {
  switch (ap21) {
    case 0: return user ? 0 : P_R | P_W;
    case 1: return P_R | P_W;
    case 2: return user ? 0 : P_R;
    default: return P_R;
  }
}

export function walkShort(va: u32, type: i32, user: bool): bool {
  // TTBCR.N splits the VA space between TTBR0 and TTBR1 (PD0/PD1 cannot be set without EL3).
  const n = load<u32>(SR_TTBCR) & 7;
  let table: u32;
  if (n != 0 && (va & ~(0xffffffff >>> n)) != 0) {
    table = load<u32>(SR_TTBR1) & 0xffffc000;
  } else {
    table = load<u32>(SR_TTBR0) & ~(<u32>0x3fff >>> n);
  }
  table |= (va >>> 18) & 0x3ffc;

  if (!readDesc(table)) { setWalkAbortFault(FS_EXT_ABORT_WALK_L1); return false; }
  let desc = descValue;
  const kind = desc & 3;
  if (kind == 0) return fault(FS_TRANSLATION_L1, 0);
  // Supersections have no domain field and use domain 0.
  const domain: u32 = (kind == 1 || (desc & (1 << 18)) == 0) ? (desc >>> 5) & 0xf : 0;
  const level2 = kind == 1;
  const domainProt = (load<u32>(SR_DACR) >>> (domain * 2)) & 3;
  if (domainProt == 0 || domainProt == 2) return fault(level2 ? FS_DOMAIN_L2 : FS_DOMAIN_L1, domain);

  let paLo: u32, paHi: u32 = 0, bits: u32, ap: u32, xn: u32, pxn: u32;
  if (!level2) {
    if (desc & (1 << 18)) {
      // Supersection: PA[39:36] in bits 8:5, PA[35:32] in bits 23:20.
      paLo = (desc & 0xff000000) | (va & 0x00ffffff);
      paHi = ((desc >>> 20) & 0xf) | (((desc >>> 5) & 0xf) << 4);
      bits = 24;
    } else {
      paLo = (desc & 0xfff00000) | (va & 0x000fffff);
      bits = 20;
    }
    ap = ((desc >>> 10) & 3) | ((desc >>> 13) & 4);
    xn = (desc >>> 4) & 1;
    pxn = desc & 1; // type 0b11: section with PXN (A15 implements PXN)
  } else {
    pxn = (desc >>> 2) & 1;
    const l2 = (desc & 0xfffffc00) | ((va >>> 10) & 0x3fc);
    if (!readDesc(l2)) { setWalkAbortFault(FS_EXT_ABORT_WALK_L2 | (domain << 4)); return false; }
    desc = descValue;
    ap = ((desc >>> 4) & 3) | ((desc >>> 7) & 4);
    const pt = desc & 3;
    if (pt == 0) return fault(FS_TRANSLATION_L2, domain);
    if (pt == 1) {
      paLo = (desc & 0xffff0000) | (va & 0xffff);
      xn = (desc >>> 15) & 1;
      bits = 16;
    } else {
      paLo = (desc & 0xfffff000) | (va & 0xfff);
      xn = desc & 1;
      bits = 12;
    }
  }

  if (domainProt != 3) {
    // Client domain: check the descriptor's permissions for this access type only.
    if (pxn != 0 && !user) xn = 1;
    if (xn != 0 && type == ACC_EXEC) return fault(level2 ? FS_PERMISSION_L2 : FS_PERMISSION_L1, domain);
    let prot: u32;
    if ((load<u32>(SR_SCTLR) & (1 << 29)) != 0) {
      // SCTLR.AFE: AP[0] is the access flag.
      if ((ap & 1) == 0) return fault(level2 ? FS_ACCESS_FLAG_L2 : FS_ACCESS_FLAG_L1, domain);
      prot = simpleApToProt(ap >>> 1, user);
    } else {
      prot = apToProt(ap, user);
    }
    if (prot != 0 && xn == 0) prot |= P_X; // no access also means no execution
    if ((prot & (<u32>1 << type)) == 0) return fault(level2 ? FS_PERMISSION_L2 : FS_PERMISSION_L1, domain);
  }
  setTranslation(paLo, paHi);
  setMapping(bits, 0, 0);
  return true;
}
