// Small helpers shared by the media handlers (media.ts, parallel.ts, saturate.ts).
import { wreg, branchWritePC } from "../../cpu";

/**
 * Write a media/saturate result. Rd = PC is UNPREDICTABLE; QEMU's store_reg treats it as a
 * plain branch (bits [1:0] cleared, no interworking), and so do we.
 */
@inline export function writeRd(d: u32, v: u32): void {
  if (d == 15) branchWritePC(v); else wreg(d, v);
}

/** Sign-extend the low `bits` bits of v. */
@inline export function sext(v: u32, bits: u32): i32 {
  return (<i32>(v << (32 - bits))) >> (32 - bits);
}
