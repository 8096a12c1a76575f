// A64 SHA1 and SHA256 instructions. Operands are copied first so Rd may equal Rn or Rm; the
// step functions live in core/crypto/sha.ts.
import { fpAccessOk64 } from "./fp-check";
import { vAddr, vS, setVS, rD, rN, rM } from "./fpregs";
import { sha1Rounds, sha1Su1, sha256Rounds, sha256Su0, sha256Su1, SHA1_C, SHA1_P, SHA1_M } from "../../crypto/sha";

const T_D = memory.data(16), T_N = memory.data(16), T_M = memory.data(16);

/** Copies Vd, Vn, Vm into the scratch words. */
function operands(i: u32): void {
  memory.copy(T_D, vAddr(rD(i)), 16);
  memory.copy(T_N, vAddr(rN(i)), 16);
  memory.copy(T_M, vAddr(rM(i)), 16);
}
@inline function result(i: u32, from: usize): void { memory.copy(vAddr(rD(i)), from, 16); }

function sha1(i: u32, op: i32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha1Rounds(T_D, load<u32>(T_N), T_M, op);
  result(i, T_D);
  return true;
}
export function SHA1C(i: u32): bool { return sha1(i, SHA1_C); }
export function SHA1P(i: u32): bool { return sha1(i, SHA1_P); }
export function SHA1M(i: u32): bool { return sha1(i, SHA1_M); }

/** SHA1SU0: {Vn.D[0], Vd.D[1]} ^ Vd ^ Vm. */
export function SHA1SU0(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  const dLo = load<u64>(T_D), dHi = load<u64>(T_D, 8);
  store<u64>(T_D, dHi ^ dLo ^ load<u64>(T_M));
  store<u64>(T_D, load<u64>(T_N) ^ dHi ^ load<u64>(T_M, 8), 8);
  result(i, T_D);
  return true;
}

/** SHA1H: Sn rotated by 30, a scalar write (upper bits zeroed). */
export function SHA1H(i: u32): bool {
  if (!fpAccessOk64()) return true;
  setVS(rD(i), rotr<u32>(vS(rN(i)), 2));
  return true;
}

export function SHA1SU1(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha1Su1(T_D, T_N);
  result(i, T_D);
  return true;
}

/** SHA256H Qd(abcd), Qn(efgh): new abcd. */
export function SHA256H(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha256Rounds(T_D, T_N, T_M);
  result(i, T_D);
  return true;
}

/** SHA256H2 Qd(efgh), Qn(abcd): new efgh. */
export function SHA256H2(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha256Rounds(T_N, T_D, T_M);
  result(i, T_D);
  return true;
}

export function SHA256SU0(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha256Su0(T_D, T_N);
  result(i, T_D);
  return true;
}

export function SHA256SU1(i: u32): bool {
  if (!fpAccessOk64()) return true;
  operands(i);
  sha256Su1(T_D, T_N, T_M);
  result(i, T_D);
  return true;
}
