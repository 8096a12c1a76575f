// A64 AESE, AESD, AESMC, AESIMC (the round primitives live in core/crypto/aes.ts).
import { fpAccessOk64 } from "./fp-check";
import { vAddr, rD, rN } from "./fpregs";
import { aesRound, aesMixColumns } from "../../crypto/aes";

function round(i: u32, decrypt: bool): bool {
  if (!fpAccessOk64()) return true;
  const d = vAddr(rD(i));
  aesRound(d, d, vAddr(rN(i)), decrypt);
  return true;
}

function mix(i: u32, inverse: bool): bool {
  if (!fpAccessOk64()) return true;
  aesMixColumns(vAddr(rD(i)), vAddr(rN(i)), inverse);
  return true;
}

export function AESE(i: u32): bool { return round(i, false); }
export function AESD(i: u32): bool { return round(i, true); }
export function AESMC(i: u32): bool { return mix(i, false); }
export function AESIMC(i: u32): bool { return mix(i, true); }
