// Packs generated A64 test cases and the prebuilt harness (roms/src/diff-harness-a64.S, whose
// header comment describes the formats) into one ELF64 that QEMU and armlet both boot:
//   0x40000000  harness code and vectors (roms/bin/diff-harness-a64.bin)
//   0x40080000  harness save area, state and stack (not in the image)
//   0x40100000  header, case table (288 bytes per case, 800 with FP state), every case's code
//   0x40200000  the memory window that loads and stores target (filled by the harness)
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { writeElf64 } from "../../machines/elf-writer.js";
import type { CaseInsn, Image } from "./program.js";

export const HARNESS_ADDR = 0x4000_0000;
export const HDR_ADDR = 0x4010_0000;
export const WINDOW_ADDR = 0x4020_0000;
export const WINDOW_BYTES = 16384;
/** Where the harness keeps its stack: a case never starts with SP there. */
export const HARNESS_STACK = 0x4009_0000;
const MAGIC = 0x34364644;
const ENTRY = 288;
const ENTRY_FP = 800;
const TABLE_ADDR = HDR_ADDR + 64;
const FLAG_FP = 1;
const FLAG_CHECK = 2;

export const A64_HARNESS_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../roms/bin/diff-harness-a64.bin");

/** What the image builder patches into a word once the case's address is known: a branch
 *  offset field (to instruction `to` of the case), the low/high half of `to`'s address in a
 *  MOVZ/MOVK pair (the target of a register branch), or (lit) a literal load's offset, moved
 *  forward until its address is a multiple of `to`. */
export interface Fix { kind: "b26" | "b19" | "b14" | "lo16" | "hi16" | "lit"; to: number }

export interface A64Insn extends CaseInsn { fix?: Fix }

export interface A64Case {
  /** X0..X30 on entry. */
  x: bigint[];
  sp0: bigint;
  sp1: bigint;
  /** SPSR the harness returns with: M (EL0t 0, EL1t 4, EL1h 5), DAIF, NZCV. */
  spsr: number;
  fpcr: number;
  fpsr: number;
  /** V0..V31 (images with FP state only). */
  v?: bigint[];
  insns: A64Insn[];
}

/** The exception level and stack a case runs at, from its SPSR. */
export const caseMode = (spsr: number) => ["EL0t", "?", "?", "?", "EL1t", "EL1h"][spsr & 0xf] ?? "?";

/** The word with its fix applied, for code at `addr` (instruction `i` of a case at `base`). */
function applyFix(word: number, f: Fix, i: number, base: number): number {
  const delta = f.to - i;
  const target = base + 4 * f.to;
  const put = (lo: number, width: number, v: number) => {
    const m = (2 ** width - 1) * 2 ** lo;
    return ((word & ~m) | ((v * 2 ** lo) & m)) >>> 0;
  };
  switch (f.kind) {
    case "b26": return put(0, 26, delta & 0x3ffffff);
    case "b19": return put(5, 19, delta & 0x7ffff);
    case "b14": return put(5, 14, delta & 0x3fff);
    case "lo16": return put(5, 16, target & 0xffff);
    case "hi16": return put(5, 16, target >>> 16);
    case "lit": {
      let imm = ((word >>> 5) & 0x7ffff) << 13 >> 13;
      while ((base + 4 * i + 4 * imm) % f.to !== 0) imm = imm >= 0x3ffff ? -0x40000 : imm + 1;
      return put(5, 19, imm & 0x7ffff);
    }
  }
}

export interface ImageOptions {
  /** Bits the harness sets in SCTLR_EL1 before the first case. */
  sctlrSet?: number;
  /** Cases carry V0..V31. */
  fp?: boolean;
  /** The harness checks after every case that nothing outside the window was written. */
  check?: boolean;
}

export function buildA64Image(cases: A64Case[], fill: number, o: ImageOptions = {}): Image {
  const fp = !!o.fp;
  const harness = new Uint8Array(fs.readFileSync(A64_HARNESS_BIN));
  const entrySize = fp ? ENTRY_FP : ENTRY;
  const codeStart = (TABLE_ADDR + cases.length * entrySize + 15) & ~15;
  const codeAddr: number[] = [];
  let addr = codeStart;
  for (const c of cases) { codeAddr.push(addr); addr += 4 * c.insns.length; }
  addr = (addr + 7) & ~7;
  if (addr + 4096 > WINDOW_ADDR) throw new Error(`too many cases for one image (${cases.length})`);
  const data = new Uint8Array(addr - HDR_ADDR);
  const dv = new DataView(data.buffer);
  const w32 = (a: number, v: number) => dv.setUint32(a - HDR_ADDR, v >>> 0, true);
  const w64 = (a: number, v: bigint) => dv.setBigUint64(a - HDR_ADDR, BigInt.asUintN(64, v), true);
  [MAGIC, cases.length, WINDOW_ADDR, WINDOW_BYTES / 4, fill, TABLE_ADDR, o.sctlrSet ?? 0, (fp ? FLAG_FP : 0) | (o.check ? FLAG_CHECK : 0), addr]
    .forEach((v, k) => w32(HDR_ADDR + 4 * k, v));
  cases.forEach((c, i) => {
    const e = TABLE_ADDR + i * entrySize;
    if (c.x.length !== 31) throw new Error("a case needs X0..X30");
    c.x.forEach((v, r) => w64(e + 8 * r, v));
    w64(e + 248, c.sp0);
    w64(e + 256, c.sp1);
    w64(e + 264, BigInt(c.spsr >>> 0));
    w64(e + 272, BigInt(codeAddr[i]));
    w32(e + 280, c.fpcr);
    w32(e + 284, c.fpsr);
    if (fp) {
      for (let r = 0; r < 32; r++) {
        const v = c.v?.[r] ?? 0n;
        w64(e + 288 + 16 * r, v);
        w64(e + 296 + 16 * r, v >> 64n);
      }
    }
    c.insns.forEach((ins, k) => w32(codeAddr[i] + 4 * k, ins.fix ? applyFix(ins.word, ins.fix, k, codeAddr[i]) : ins.word));
  });
  const elf = writeElf64(HARNESS_ADDR, [{ addr: HARNESS_ADDR, data: harness }, { addr: HDR_ADDR, data }]);
  return { elf, codeAddr, fill };
}

/** The words of a case as they are in the image (fixes applied), for reports. */
export function caseWords(c: A64Case, base: number): number[] {
  return c.insns.map((ins, k) => (ins.fix ? applyFix(ins.word, ins.fix, k, base) : ins.word));
}
