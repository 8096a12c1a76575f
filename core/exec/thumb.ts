// The Thumb step (ARM ARM A6.1, A2.5.2): fetch one or two halfwords, apply the IT block's
// condition, route the instruction, advance ITSTATE.
// Routing of 32-bit words follows QEMU 7.2 (disas_thumb2_insn): NEON data processing
// 111p 1111 ... and NEON element/structure loads 1111 1001 xxx0 ... are rewritten into their
// A32 forms for the A32U decoder; the coprocessor space 1110 11xx ... (VFP, MCR/MRC...) is the
// A32 word with cond = 1110 and runs through the A32 decoder; everything else, and what those
// decoders reject, goes to the T32 decoder. 16-bit words go to the T16 decoder.
// Both are cached: T16 in a direct table indexed by the halfword, T32 in a direct-mapped
// cache keyed by the word (holding the route and the row id), so a hit is one probe.
import {
  STATE, S_CPSR_REST, T32_DECODE_CACHE, T32_DECODE_CACHE_ENTRIES, T16_DECODE_TABLE,
} from "../state/layout";
import { excTaken, setNextPC, conditionPassed } from "../cpu";
import { fetch16 } from "../mmu/memory";
import { takeUndef, setInsnLength } from "../exceptions/a32-entry";
import { decodeT16, execT16 } from "../generated/decode-t16";
import { decodeT32, execT32 } from "../generated/decode-t32";
import { decodeA32, execA32 } from "../generated/decode-a32";
import { decodeA32U, execA32U } from "../generated/decode-a32u";
import { CPSR_IT_MASK, itFromRest, itToRest, itAdvance, enterITInsn, leaveITInsn, itReplaced } from "./t32/it-state";

const CPSR_IL: u32 = 0x00100000;

// ---- decode caches ----

@inline function decodeT16Cached(hw: u32): i32 {
  const a = T16_DECODE_TABLE + (hw << 1);
  let v = <i32>load<u16>(a);
  if (v == 0) { v = decodeT16(hw) + 2; store<u16>(a, <u16>v); }
  return v - 2;
}

const R_T32: u32 = 0;       // T32 decoder, the word itself
const R_A32: u32 = 1;       // A32 decoder, the word itself (cond = 1110)
const R_NEON_DP: u32 = 2;   // A32U decoder, 111p 1111 -> 1111 001p
const R_NEON_LS: u32 = 3;   // A32U decoder, 1111 1001 -> 1111 0100

@inline function neonDpA32(insn: u32): u32 { return (insn & 0xe2ffffff) | ((insn & (1 << 28)) >>> 4) | (1 << 28); }
@inline function neonLsA32(insn: u32): u32 { return (insn & 0x00ffffff) | 0xf4000000; }

/** Route and row of a 32-bit word: route << 16 | (row id + 1), 0 in the low half = UNDEFINED. */
function resolveT32(insn: u32): u32 {
  if ((insn & 0xef000000) == 0xef000000) {
    const id = decodeA32U(neonDpA32(insn));
    if (id >= 0) return (R_NEON_DP << 16) | <u32>(id + 1);
  } else if ((insn & 0xff100000) == 0xf9000000) {
    const id = decodeA32U(neonLsA32(insn));
    if (id >= 0) return (R_NEON_LS << 16) | <u32>(id + 1);
  } else if ((insn & 0xfc000000) == 0xec000000) {
    const id = decodeA32(insn);
    if (id >= 0) return (R_A32 << 16) | <u32>(id + 1);
  }
  return (R_T32 << 16) | <u32>(decodeT32(insn) + 1);
}

/** Empty the T32 cache (keys 0 never match: a T32 word has hw1 >= 0xe800) and the T16 table. */
export function clearThumbDecodeCache(): void {
  memory.fill(T32_DECODE_CACHE, 0, T32_DECODE_CACHE_ENTRIES << 3);
  memory.fill(T16_DECODE_TABLE, 0, 0x10000 << 1);
}

// ---- execution ----

@inline function exec16(hw: u32): void {
  if (!execT16(decodeT16Cached(hw), hw) && !excTaken) takeUndef();
}

function exec32(insn: u32): void {
  const e = T32_DECODE_CACHE + (((insn ^ (insn >>> 16)) & (T32_DECODE_CACHE_ENTRIES - 1)) << 3);
  let v: u32;
  if (load<u32>(e) == insn) v = load<u32>(e, 4);
  else {
    v = resolveT32(insn);
    store<u32>(e, insn);
    store<u32>(e, v, 4);
  }
  const id = <i32>(v & 0xffff) - 1;
  let ok = false;
  if (id >= 0) {
    switch (v >>> 16) {
      case R_T32: ok = execT32(id, insn); break;
      case R_A32: ok = execA32(id, insn); break;
      case R_NEON_DP: ok = execA32U(id, neonDpA32(insn)); break;
      default: ok = execA32U(id, neonLsA32(insn)); break;
    }
  }
  if (!ok && !excTaken) takeUndef();
}

@inline function execAny(insn: u32, wide: bool): void {
  if (wide) exec32(insn); else exec16(insn);
}

/** One Thumb instruction outside an IT block, already fetched (translated code's fallback). */
export function execThumbOutsideIT(insn: u32, wide: bool): void { execAny(insn, wide); }

/**
 * An instruction inside an IT block (ITSTATE != 0): its condition is ITSTATE[7:4] (1110 and
 * 1111 both mean always, as QEMU); BKPT runs whatever the condition. Afterwards ITSTATE
 * advances, unless an exception was taken (the SPSR then holds the current state) or the
 * instruction was an IT (a new block). An exception return that restored another ITSTATE
 * keeps it at the end of a block; inside one the advanced state wins, as in QEMU.
 */
function stepInIT(insn: u32, wide: bool, rest: u32): void {
  const it = itFromRest(rest);
  if ((it & 0xf) == 0) { // no block (stray IT bits): QEMU clears them
    store<u32>(STATE + S_CPSR_REST, rest & ~CPSR_IT_MASK);
    execAny(insn, wide);
    return;
  }
  const cond = it >>> 4;
  enterITInsn();
  if (cond >= 14 || conditionPassed(cond) || (!wide && (insn & 0xff00) == 0xbe00)) execAny(insn, wide);
  leaveITInsn();
  if (excTaken || itReplaced) return;
  const next = itAdvance(it);
  const now = load<u32>(STATE + S_CPSR_REST);
  if (next != 0 || itFromRest(now) == it) store<u32>(STATE + S_CPSR_REST, (now & ~CPSR_IT_MASK) | itToRest(next));
}

/** Execute one Thumb instruction at pc (bit 0 clear). */
export function stepThumb(pc: u32): void {
  const hw1 = fetch16(pc);
  if (excTaken) return;
  let insn = hw1;
  let wide = false;
  if (hw1 >= 0xe800) { // hw1[15:11] = 11101, 11110, 11111: first half of a 32-bit instruction
    const hw2 = fetch16(pc + 2); // a fault here reports IFAR = pc + 2, LR = pc + 4 (QEMU)
    if (excTaken) return;
    insn = (hw1 << 16) | hw2;
    wide = true;
  }
  const len: u32 = wide ? 4 : 2;
  setInsnLength(len);
  setNextPC(pc + len);
  const rest = load<u32>(STATE + S_CPSR_REST);
  // CPSR.IL (restored by an exception return): every instruction is UNDEFINED (QEMU).
  if ((rest & (CPSR_IL | CPSR_IT_MASK)) == 0) { execAny(insn, wide); return; }
  if ((rest & CPSR_IL) != 0) { takeUndef(); return; }
  stepInIT(insn, wide, rest);
}
