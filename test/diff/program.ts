// Packs generated test cases and the prebuilt harness (roms/src/diff-harness.S) into one ELF
// that QEMU and armlet both boot. Layout (virt board, RAM at 0x40000000):
//   0x40000000  harness code and vectors (roms/bin/diff-harness.bin)
//   0x40080000  harness save area and state (not in the image)
//   0x40100000  header, case table (72 bytes per case, 328 with FP state), then every case's code
//   0x40200000  the memory window that loads and stores target (filled by the harness)
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { writeElf32 } from "../../machines/elf-writer.js";

export const HARNESS_ADDR = 0x4000_0000;
export const HDR_ADDR = 0x4010_0000;
export const WINDOW_ADDR = 0x4020_0000;
export const WINDOW_BYTES = 8192;
export const FILL_STEP = 0x9e3779b1;
const MAGIC = 0x46464944;
const ENTRY_SIZE = 72;
const ENTRY_SIZE_FP = 328;
const TABLE_ADDR = HDR_ADDR + 32;
/** Header flag: cases carry FPSCR and D0-D31, and their results include them. */
const FLAG_FP = 1;

export const HARNESS_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../roms/bin/diff-harness.bin");

/** One instruction of a case, with where it came from (for reports). */
export interface CaseInsn {
  word: number;
  /** Decoder row name; "setup" for base/index register set-up, "end" for the final SVC. */
  row: string;
  /** Decoder set (A32 / A32U) or "" for harness-inserted words. */
  set: string;
  /** Instruction class (exec module, e.g. "a32/media"). */
  cls: string;
  /** Bytes: 4 (A32 or 32-bit Thumb, first halfword in bits 31..16) or 2 (16-bit Thumb). */
  size?: 2 | 4;
}

/** Size in bytes of an instruction of a case. */
export const insnSize = (i: CaseInsn) => i.size ?? 4;

export interface TestCase {
  /** r0..r14 on entry (User mode). */
  regs: number[];
  /** CPSR on entry (mode bits = User; T set: the code is Thumb). */
  cpsr: number;
  insns: CaseInsn[];
  /** FP state on entry (images with FP state only): FPSCR and D0..D31 as [low, high] words. */
  fpscr?: number;
  d?: [number, number][];
}

export interface Image {
  elf: Uint8Array;
  /** Address of each case's first instruction. */
  codeAddr: number[];
  fill: number;
}

/** Value of window word i for fill seed `fill`. */
export function windowWord(fill: number, i: number): number {
  return (fill + Math.imul(i, FILL_STEP)) >>> 0;
}

/** SCTLR.A: alignment checking for every access (buildImage's sctlrSet). */
export const SCTLR_A = 1 << 1;

export function buildImage(cases: TestCase[], fill: number, sctlrSet = 0, fp = false): Image {
  const harness = new Uint8Array(fs.readFileSync(HARNESS_BIN));
  const entrySize = fp ? ENTRY_SIZE_FP : ENTRY_SIZE;
  const codeStart = (TABLE_ADDR + cases.length * entrySize + 15) & ~15;
  const codeAddr: number[] = [];
  let addr = codeStart;
  for (const c of cases) {
    codeAddr.push(addr);
    addr += c.insns.reduce((n, i) => n + insnSize(i), 0);
    addr = (addr + 3) & ~3;
  }
  if (addr + 4096 > WINDOW_ADDR) throw new Error(`too many cases for one image (${cases.length})`);
  const size = addr - HDR_ADDR;
  const data = new Uint8Array(size);
  const dv = new DataView(data.buffer);
  const w32 = (a: number, v: number) => dv.setUint32(a - HDR_ADDR, v >>> 0, true);
  w32(HDR_ADDR + 0, MAGIC);
  w32(HDR_ADDR + 4, cases.length);
  w32(HDR_ADDR + 8, WINDOW_ADDR);
  w32(HDR_ADDR + 12, WINDOW_BYTES / 4);
  w32(HDR_ADDR + 16, fill);
  w32(HDR_ADDR + 20, TABLE_ADDR);
  w32(HDR_ADDR + 24, sctlrSet);
  w32(HDR_ADDR + 28, fp ? FLAG_FP : 0);
  const w16 = (a: number, v: number) => dv.setUint16(a - HDR_ADDR, v & 0xffff, true);
  cases.forEach((c, i) => {
    const e = TABLE_ADDR + i * entrySize;
    if (c.regs.length !== 15) throw new Error("a case needs r0..r14");
    c.regs.forEach((v, r) => w32(e + 4 * r, v));
    w32(e + 60, c.cpsr);
    w32(e + 64, codeAddr[i]);
    if (fp) {
      w32(e + 68, c.fpscr ?? 0);
      for (let r = 0; r < 32; r++) { const [lo, hi] = c.d?.[r] ?? [0, 0]; w32(e + 72 + 8 * r, lo); w32(e + 76 + 8 * r, hi); }
    }
    let a = codeAddr[i];
    for (const ins of c.insns) {
      if (insnSize(ins) === 2) w16(a, ins.word);
      else if (c.cpsr & 0x20) { w16(a, ins.word >>> 16); w16(a + 2, ins.word); }
      else w32(a, ins.word);
      a += insnSize(ins);
    }
  });
  const elf = writeElf32(HARNESS_ADDR, [
    { addr: HARNESS_ADDR, data: harness },
    { addr: HDR_ADDR, data },
  ]);
  return { elf, codeAddr, fill };
}
