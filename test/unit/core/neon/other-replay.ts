// Replays other-cases.ts on armlet and compares with other-qemu-vectors.json (QEMU's results).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import { S_VFP, S_FPSCR, S_FPEXC } from "../../../../core/state/layout.js";
import { neonCases, casesHash, memInit, BUF_SIZE, type NeonCase } from "./other-cases.js";
import { key } from "../mmu-harness.js";

export const fixture = JSON.parse(readFileSync(fileURLToPath(new URL("./other-qemu-vectors.json", import.meta.url)), "utf8")) as {
  casesHash: string; results: string[]; decode: string;
};
export const { cases, decode } = neonCases();
export const fixtureHash = casesHash(cases, decode);

const BUF_PLAIN = RAM_BASE + 0x10000;
/** Guard cases: the last 256 bytes of the page at 0x40100000; the page after it is unmapped. */
const BUF_GUARD = RAM_BASE + 0x100000 + 0x1000 - BUF_SIZE;
const CPACR_KEY = 0xf0802;
const MODE_UND = 0x1b, MODE_ABT = 0x17;
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

export interface Outcome { sig: number; faultOff: number; fpscr: number; r: number[]; d: bigint[]; mem: Uint8Array }

export function neonHarness(): Harness {
  const h = makeHarness(4 << 20);
  h.core.writeSysreg(CPACR_KEY, 0x00f00000);
  new DataView(h.core.memory.buffer).setUint32(h.core.stateBase() + S_FPEXC, 0x40000000, true);
  return h;
}

/** A harness with the MMU on: 0x40000000..0x400fffff one section, 0x40100000 one small page, 0x40101000 unmapped. */
export function guardHarness(): Harness {
  const h = neonHarness();
  const l1 = RAM_BASE + 0x4000, l2 = RAM_BASE + 0x8000;
  h.poke32(l1 + 4 * 0x400, (RAM_BASE | (3 << 10) | 0x2) >>> 0);   // section, full access
  h.poke32(l1 + 4 * 0x401, (l2 | 0x1) >>> 0);                       // coarse page table
  h.poke32(l2, ((RAM_BASE + 0x100000) | (3 << 4) | 0x2) >>> 0);     // small page, full access
  h.poke32(l2 + 4, 0);                                              // translation fault
  h.core.writeSysreg(key("TTBCR"), 0);
  h.core.writeSysreg(key("TTBR0"), l1);
  h.core.writeSysreg(key("DACR"), 0x55555555);
  h.core.writeSysreg(key("SCTLR"), (h.core.readSysreg(key("SCTLR")) | 1) >>> 0);
  h.core.flushTlb();
  return h;
}

let flip = 0;

/** Run one case on a (reused) harness. */
export function runCase(h: Harness, c: NeonCase, baseCpsr: number, thumb = false): Outcome {
  const dv = new DataView(h.core.memory.buffer);
  const st = h.core.stateBase();
  const BUF = c.guard ? BUF_GUARD : BUF_PLAIN;
  h.core.setCpsr((baseCpsr | (c.be ? 0x200 : 0)) >>> 0);
  c.d.forEach((v, i) => dv.setBigUint64(st + S_VFP + 8 * i, v, true));
  dv.setUint32(st + S_FPSCR, c.fpscr >>> 0, true);
  h.ram.set(memInit(c.mem), BUF - RAM_BASE);
  c.r.forEach((v, i) => h.core.setReg(i, (v + (c.ptr[i] ? BUF : 0)) >>> 0));
  // Alternate between two addresses: many UNDEFINED words in a row at one address with no
  // instruction retired would trip the core's exception-loop detector.
  const at = RAM_BASE + ((flip ^= 4));
  if (thumb) {
    // T32 form: 1111 001U -> 111U 1111 (data processing), 1111 0100 -> 1111 1001 (loads/stores)
    const t = isLdst(c) ? ((c.insn & 0x00ffffff) | 0xf9000000) >>> 0
      : ((c.insn & 0x00ffffff) | 0xef000000 | (((c.insn >>> 24) & 1) << 28)) >>> 0;
    h.dv.setUint16(at - RAM_BASE, t >>> 16, true);
    h.dv.setUint16(at - RAM_BASE + 2, t & 0xffff, true);
    h.core.setCpsr((h.core.getCpsr() | 0x20) >>> 0);
  } else {
    h.poke32(at, c.insn);
  }
  h.core.flushTlb();
  h.core.setReg(15, at);
  h.core.run(1);
  const mode = h.core.getCpsr() & 0x1f, pc = h.core.getReg(15) >>> 0;
  let sig = 0, faultOff = 0;
  if (mode === MODE_UND && pc === 0x4) sig = 4;
  else if (mode === MODE_ABT && pc === 0x10) {
    const dfsr = h.core.readSysreg(key("DFSR"));
    sig = (dfsr & 0x40f) === 1 ? 7 : 11;
    faultOff = (h.core.readSysreg(key("DFAR")) - BUF) >>> 0;
  }
  h.core.setCpsr(baseCpsr);
  return {
    sig, faultOff,
    fpscr: dv.getUint32(st + S_FPSCR, true),
    r: c.r.map((_, i) => (h.core.getReg(i) - (c.ptr[i] ? BUF : 0)) >>> 0),
    d: Array.from({ length: 32 }, (_, i) => dv.getBigUint64(st + S_VFP + 8 * i, true)),
    mem: h.ram.slice(BUF - RAM_BASE, BUF - RAM_BASE + BUF_SIZE),
  };
}

/** Compare armlet's outcome with QEMU's record; returns a message or null. */
export function compare(c: NeonCase, rec: string, got: Outcome): string | null {
  const f = rec.split(" ");
  const [sigText, faultText] = f[0].split("@");
  const sig = Number(sigText);
  const what = `${c.what} ${hex(c.insn)}`;
  if (sig !== got.sig) return `${what}: QEMU signal ${sig}, armlet ${got.sig}`;
  if (faultText !== undefined && parseInt(faultText, 16) !== got.faultOff) {
    return `${what}: fault address buffer+${faultText} under QEMU, armlet +${got.faultOff.toString(16)}`;
  }
  const wantFpscr = parseInt(f[1], 16) >>> 0;
  const wantR = f.slice(2, 6).map((x) => parseInt(x, 16) >>> 0);
  const wantD = [...c.d];
  const wantM = memInit(c.mem);
  for (const t of f.slice(6)) {
    const [k, v] = t.split("=");
    if (k[0] === "d") wantD[Number(k.slice(1))] = BigInt("0x" + v);
    else wantM[Number(k.slice(1))] = parseInt(v, 16);
  }
  const errs: string[] = [];
  if (sig === 4) return null; // UNDEFINED: nothing else to compare (armlet wrote nothing before deciding)
  if (got.fpscr >>> 0 !== wantFpscr) errs.push(`fpscr want ${hex(wantFpscr)} got ${hex(got.fpscr)}`);
  wantR.forEach((v, i) => { if (v !== got.r[i]) errs.push(`r${i} want ${hex(v)} got ${hex(got.r[i])}`); });
  wantD.forEach((v, i) => {
    if (v !== got.d[i]) errs.push(`d${i} want ${v.toString(16)} got ${got.d[i].toString(16)} (in ${c.d[i].toString(16)})`);
  });
  const memDiff: number[] = [];
  wantM.forEach((b, i) => { if (b !== got.mem[i]) memDiff.push(i); });
  if (memDiff.length) errs.push(`memory differs at ${memDiff.slice(0, 8).join(",")}`);
  return errs.length ? `${what}: ${errs.join("; ")}` : null;
}

export const isLdst = (c: NeonCase) => (c.insn & 0xff100000) >>> 0 === 0xf4000000;
