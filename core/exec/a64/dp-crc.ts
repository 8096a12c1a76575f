// A64 CRC32B/H/W/X and CRC32CB/H/W/X (ARMv8.0 optional, present on the Cortex-A57): the
// bit-reflected CRC of the low 8/16/32/64 bits of Rm, accumulated into Wn, with no inversion
// before or after (ARM ARM C6.2 CRC32).
import { rd, rn, rm, getReg, putReg } from "./dp-operands";

const POLY_CRC32: u32 = 0xedb88320; // 0x04C11DB7 reflected
const POLY_CRC32C: u32 = 0x82f63b78; // 0x1EDC6F41 reflected

/** Feed `bytes` bytes of `value`, least significant first, into `acc`. */
function crcUpdate(acc: u32, value: u64, bytes: u32, poly: u32): u32 {
  let crc = acc;
  for (let i: u32 = 0; i < bytes; i++) {
    crc ^= <u32>(value >>> <u64>(i << 3)) & 0xff;
    for (let b = 0; b < 8; b++) crc = (crc >>> 1) ^ (poly & (0 - (crc & 1)));
  }
  return crc;
}

@inline function crc(insn: u32, bytes: u32, poly: u32): bool {
  putReg(rd(insn), <u64>crcUpdate(<u32>getReg(rn(insn), false), getReg(rm(insn), true), bytes, poly), false);
  return true;
}

export function CRC32B(insn: u32): bool { return crc(insn, 1, POLY_CRC32); }
export function CRC32H(insn: u32): bool { return crc(insn, 2, POLY_CRC32); }
export function CRC32W(insn: u32): bool { return crc(insn, 4, POLY_CRC32); }
export function CRC32X(insn: u32): bool { return crc(insn, 8, POLY_CRC32); }
export function CRC32CB(insn: u32): bool { return crc(insn, 1, POLY_CRC32C); }
export function CRC32CH(insn: u32): bool { return crc(insn, 2, POLY_CRC32C); }
export function CRC32CW(insn: u32): bool { return crc(insn, 4, POLY_CRC32C); }
export function CRC32CX(insn: u32): bool { return crc(insn, 8, POLY_CRC32C); }
