// Reading a 64-bit translation table descriptor (LPAE and VMSAv8-64 walks): RAM directly, a
// device as two word reads (QEMU's address_space_ldq), big-endian when SCTLR(_EL1).EE is set.
import { SR_SCTLR } from "../generated/sysregs";
import { physToHost } from "./phys";
import { busRead, busFailed } from "./bus";

/** The descriptor read by the last successful readDesc64. */
export let descValue64: u64 = 0;

/** Read the descriptor at physical address paHi:paLo; false if nothing answered (a walk abort). */
export function readDesc64(paLo: u32, paHi: u32): bool {
  const host = physToHost(paLo, paHi);
  let d: u64;
  if (host != 0) d = load<u64>(host);
  else {
    const lo = busRead(paLo, paHi, 4);
    if (busFailed) return false;
    const hi = busRead(paLo + 4, paHi, 4);
    if (busFailed) return false;
    d = (<u64>hi << 32) | <u64>lo;
  }
  descValue64 = (load<u32>(SR_SCTLR) & (1 << 25)) != 0 ? bswap<u64>(d) : d;
  return true;
}
