// The core's half of the JIT: at block starts the run loop looks the (virtual PC, code host
// address, state key) up in the jump cache and calls the translated region through the
// function table (the host fills it: jit/); cold blocks are counted and, once hot, queued for
// the host to translate. Regions are keyed by host address too, so a remapped VA never runs
// another page's code, and by the parts of CPSR that change how code decodes or accesses memory.
import {
  STATE, S_ICOUNT, S_IRQ_LINES, S_REGS, S_CPSR_REST, S_PC64, PSTATE_NRW, JIT_JUMP_CACHE, JIT_JUMP_ENTRIES, JIT_HEAT, JIT_HEAT_ENTRIES, JIT_QUEUE, JIT_QUEUE_MAX,
  JIT_LINK_SITE, JIT_NEXT_REGION, JIT_LINKS, JIT_LINKS_MAX,
  J_NEXT, J_EXC, J_BUDGET,
} from "../state/layout";
import { tlbEntry, ACC_EXEC } from "../mmu/tlb";
import { tlb64Entry } from "../mmu/tlb64";
import { clearCodePages, clearCodeWritten, pageGen } from "./code-pages";
import { stopRequest } from "../cpu";

let enabled: bool = false;
let threshold: u32 = 1000;
/** Testing: return to the host as soon as a block is queued, so it is translated and entered
 *  before the block runs even once (every instruction of a random test then runs translated). */
let eager: bool = false;
let eagerPc: u32 = 0, eagerHost: u32 = 0, eagerKey: u32 = 0xffffffff;
let regionCalls: u64 = 0;
/** Instructions the run loop interpreted with the JIT on (for --jit-stats). */
export let interpretedInsns: u64 = 0;
export function countInterpreted(): void { interpretedInsns++; }

export function jitEnabled(): bool { return enabled; }

/** Turn the JIT on or off, set how many block starts make a block hot, and the eager mode. */
export function jitConfigure(on: i32, hot: u32, stopOnRequest: i32): void {
  enabled = on != 0;
  threshold = hot < 1 ? 1 : hot;
  eager = stopOnRequest != 0;
  jitClearAll();
}

/** jitEnter's answer in eager mode: leave run() before this block runs (the host translates it). */
export const JIT_STOP: i32 = -2;

/** The state key: Thumb (0x20), big-endian data (0x200), user mode (1). */
@inline function stateKey(rest: u32): u32 { return (rest & 0x220) | ((rest & 0xf) == 0 ? 1 : 0); }

@inline function slot(host: u32, key: u32): u32 {
  return ((host >>> 1) ^ (host >>> 15) ^ (key << 4)) & <u32>(JIT_JUMP_ENTRIES - 1);
}

/** The table index of the region for (pc, rest), 0 if none; a miss sets `missHost`/`missSlot`
 *  for the heat count (missHost 0: not enterable at all) and `missKey`. */
let missHost: u32 = 0, missSlot: u32 = 0, missKey: u32 = 0;
@inline function lookup(pc: u32, rest: u32): u32 {
  missHost = 0;
  // IT blocks, CPSR.IL and a misaligned A32 PC stay with the interpreter.
  if ((rest & 0x0610fc00) != 0) return 0;
  if ((rest & 0x20) == 0 && (pc & 3) != 0) return 0;
  const te = tlbEntry(pc, (rest & 0xf) == 0 ? 3 + ACC_EXEC : ACC_EXEC);
  if (load<u32>(te) != (pc & 0xfffff000)) return 0; // not fetched through the TLB yet
  return probeCache(pc, pc + load<u32>(te, 4), stateKey(rest));
}

/**
 * The state key of A64 code at a PC whose high word is `hi`: 0x100 (never in an A32/T32 key),
 * EL0 (1), and the high word itself, which regions build their PC values from: bit 1 for
 * 0xffff____, the low half of `hi` from bit 16. 0 (not translated) for a PC whose bits 63:48
 * are neither all zeros nor all ones (no VMSAv8-64 translation regime fetches there).
 */
@inline function stateKey64(rest: u32, hi: u32): u32 {
  const top = hi >>> 16;
  if (top != 0 && top != 0xffff) return 0;
  return 0x100 | ((rest & 0xc) == 0 ? 1 : 0) | (top != 0 ? 2 : 0) | (hi << 16);
}

/** lookup() for AArch64: PSTATE.IL or SS set, or a misaligned PC, stay with the interpreter. */
@inline function lookup64(pc: u64, rest: u32): u32 {
  missHost = 0;
  if ((rest & 0x00300000) != 0 || (<u32>pc & 3) != 0) return 0;
  const key = stateKey64(rest, <u32>(pc >>> 32));
  if (key == 0) return 0;
  const te = tlb64Entry(pc, (rest & 0xc) == 0 ? 3 + ACC_EXEC : ACC_EXEC);
  if (load<u64>(te) != (pc & ~<u64>0xfff)) return 0;
  return probeCache(<u32>pc, <u32>(pc + load<u64>(te, 8)), key);
}

/** The region for the current PC in the current state (A64 or A32/T32). */
@inline function lookupCurrent(): u32 {
  const rest = load<u32>(STATE + S_CPSR_REST);
  return (rest & PSTATE_NRW) == 0 ? lookup64(load<u64>(STATE + S_PC64), rest) : lookup(load<u32>(STATE + S_REGS + 60), rest);
}

@inline function probeCache(pc: u32, host: u32, key: u32): u32 {
  const s = slot(host, key);
  const e = JIT_JUMP_CACHE + (s << 4);
  const w = load<u32>(e, 12);
  const idx = w & 0xffffff;
  if (idx != 0 && load<u32>(e) == pc && load<u32>(e, 4) == host && load<u32>(e, 8) == key && (w >>> 24) == pageGen(host)) return idx;
  missHost = host; missSlot = s; missKey = key;
  return 0;
}

/**
 * At a block start: run the region for pc if there is one, then the regions its exits lead
 * to while nothing needs the run loop (no interrupt line raised, no stop, budget left), and
 * return how many loop steps they used (retired instructions, plus one for an exception
 * taken); -1 = interpret this one. A region leaves through an exit site with a link
 * (JIT_LINK_SITE): if the link names the next region (JIT_NEXT_REGION) that one is called
 * without a lookup, else the lookup's answer is written into the link for next time.
 */
export function jitEnter(pc: u32, rest: u32, left: i32): i32 {
  return enterFrom(lookup(pc, rest), pc, left);
}

/** jitEnter for AArch64 at `pc`. */
export function jitEnter64(pc: u64, rest: u32, left: i32): i32 {
  return enterFrom(lookup64(pc, rest), <u32>pc, left);
}

function enterFrom(found: u32, pc: u32, left: i32): i32 {
  let idx = found;
  if (idx == 0) {
    if (missHost == 0) return -1;
    const key = missKey;
    if (countHeat(pc, missHost, key, missSlot) && eager && !(pc == eagerPc && missHost == eagerHost && key == eagerKey)) {
      eagerPc = pc; eagerHost = missHost; eagerKey = key; // ask once: if no region comes, interpret it
      return JIT_STOP;
    }
    return -1;
  }
  const ic0 = load<u64>(STATE + S_ICOUNT);
  let used: i32 = 0;
  let site: u32 = 0; // the link to fill in with the next region
  while (true) {
    clearCodeWritten();
    store<u32>(JIT_LINK_SITE, 1);
    const before = used, called = idx;
    const status = call_indirect<i32>(idx, left - used);
    regionCalls++;
    used = <i32>(load<u64>(STATE + S_ICOUNT) - ic0);
    if (status == J_BUDGET) return used > 0 ? used : -1;
    // an exception is a step of the run loop; SVC, UNDEFINED and BKPT also retired (in used)
    if (status != J_NEXT) return status == J_EXC ? used + 1 : used;
    const s = load<u32>(JIT_LINK_SITE);
    if (s != 1) site = s; // 1: the stub of a freed region ran, so the link that named it is stale
    const linked = load<u32>(JIT_NEXT_REGION);
    store<u32>(JIT_NEXT_REGION, 0);
    // what the run loop would check before the next instruction
    if (load<u32>(STATE + S_IRQ_LINES) != 0 || stopRequest) return used;
    if (linked != 0) idx = linked;
    else {
      idx = lookupCurrent();
      if (idx == 0) return used; // the run loop looks again, and counts the block's heat
      // a link names the next region by the low word of its PC: links chain only inside a
      // page, where the key (with A64's PC high word) is the region's own
      const next = (load<u32>(STATE + S_CPSR_REST) & PSTATE_NRW) == 0 ? load<u32>(STATE + S_PC64) : load<u32>(STATE + S_REGS + 60);
      if (site != 0) { store<u32>(site, next); store<u32>(site, idx, 4); }
    }
    // never spin: the same region again after one that ran nothing goes to the interpreter
    if (used == before && idx == called) return used > 0 ? used : -1;
  }
  return used;
}

/** Count a block start; true if it was just queued for translation. */
function countHeat(pc: u32, host: u32, key: u32, s: u32): bool {
  const h = JIT_HEAT + (s << 4);
  if (load<u32>(h) != pc || load<u32>(h, 4) != host || load<u32>(h, 8) != key) {
    store<u32>(h, pc); store<u32>(h, host, 4); store<u32>(h, key, 8); store<u32>(h, 0, 12);
  }
  const n = load<u32>(h, 12) + 1;
  store<u32>(h, n, 12);
  // Ask every `threshold` starts: a request may be dropped (queue full), its region evicted
  // from the jump cache by a collision, or its page rewritten since.
  if (n % threshold != 0) return false;
  const q = load<u32>(JIT_QUEUE);
  if (q >= <u32>JIT_QUEUE_MAX) return false;
  const a = JIT_QUEUE + 4 + q * 12;
  store<u32>(a, pc); store<u32>(a, host, 4); store<u32>(a, key, 8);
  store<u32>(JIT_QUEUE, q + 1);
  return true;
}

/** The host installed a region: enter it at (pc, host, key) through table index idx. */
export function jitInstall(pc: u32, host: u32, key: u32, idx: u32): void {
  const e = JIT_JUMP_CACHE + (slot(host, key) << 4);
  store<u32>(e, pc); store<u32>(e, host, 4); store<u32>(e, key, 8); store<u32>(e, (pageGen(host) << 24) | idx, 12);
}

/** Forget every translation: jump cache, heat, queue, code pages. */
export function jitClearAll(): void {
  memory.fill(JIT_JUMP_CACHE, 0, JIT_JUMP_ENTRIES << 4);
  memory.fill(JIT_HEAT, 0, JIT_HEAT_ENTRIES << 4);
  store<u32>(JIT_QUEUE, 0);
  memory.fill(JIT_LINKS, 0, JIT_LINKS_MAX << 4);
  store<u32>(JIT_NEXT_REGION, 0);
  eagerKey = 0xffffffff;
  clearCodePages();
}

/** Regions entered since the last call (for --jit-stats). */
export function jitTakeRegionCalls(): f64 { const n = regionCalls; regionCalls = 0; return <f64>n; }
/** Instructions interpreted since the last call (for --jit-stats). */
export function jitTakeInterpreted(): f64 { const n = interpretedInsns; interpretedInsns = 0; return <f64>n; }
