// The CPU's own registers in QEMU's `cpu` layout: the register file with QEMU's bank numbering,
// CPSR/SPSRs, the exclusive monitor, VFP/NEON, ThumbEE and the input lines, read from and written
// to the CPU loaded in the core's STATE block. QEMU keeps the current mode's r8-r14 in env.regs and
// every other mode's in banked_r13/r14, usr_regs and fiq_regs; the slot of the current mode is
// stale there, so loading takes the current mode's registers from env.regs only.
import {
  S_REGS, S_BANK_USR, S_BANK_FIQ, S_BANK_IRQ, S_BANK_SVC, S_BANK_ABT, S_BANK_UND, S_BANK_MON, S_BANK_HYP,
  S_SPSR_USR, S_SPSR_SVC, S_SPSR_ABT, S_SPSR_UND, S_SPSR_IRQ, S_SPSR_FIQ, S_SPSR_HYP, S_SPSR_MON, S_ELR_HYP,
  S_EXCL_ADDR, S_EXCL_SIZE, S_EXCL_VALID, S_EXCL_VAL, S_VFP, S_FPSCR, S_FPEXC, S_FPINST, S_FPINST2,
  S_IRQ_LINES, MODE_USR, MODE_SYS, MODE_FIQ, MODE_IRQ, MODE_SVC, MODE_ABT, MODE_UND, MODE_HYP, MODE_MON,
} from "../../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { S_SYSREGS } from "../../../core/state/layout.js";
import type { CoreExports } from "../../core.js";
import { IRQ_LINE_BITS, type CpuState } from "./layout.js";

/** QEMU's bank numbers (bank_number()): r13/r14 slot and SPSR slot of each. */
const BANKS: { modes: number[]; rr: number; spsr: number }[] = [
  { modes: [MODE_USR, MODE_SYS], rr: S_BANK_USR + 20, spsr: S_SPSR_USR },
  { modes: [MODE_SVC], rr: S_BANK_SVC, spsr: S_SPSR_SVC },
  { modes: [MODE_ABT], rr: S_BANK_ABT, spsr: S_SPSR_ABT },
  { modes: [MODE_UND], rr: S_BANK_UND, spsr: S_SPSR_UND },
  { modes: [MODE_IRQ], rr: S_BANK_IRQ, spsr: S_SPSR_IRQ },
  { modes: [MODE_FIQ], rr: S_BANK_FIQ + 20, spsr: S_SPSR_FIQ },
  { modes: [MODE_HYP], rr: S_BANK_HYP, spsr: S_SPSR_HYP },
  { modes: [MODE_MON], rr: S_BANK_MON, spsr: S_SPSR_MON },
];
const bankOf = (mode: number) => BANKS.findIndex((b) => b.modes.includes(mode));

/** The Cortex-A15's VFP identification (QEMU's vfp.xregs slots 0, 6, 7); slot 5 (MVFR2) is 0. */
export const A15_FPSID = 0x410430f0;
export const A15_MVFR1 = 0x11111111;
export const A15_MVFR0 = 0x10110222;
/** vfp.xregs slot numbers (index in the stream's 14-element array is slot - 2). */
const X_MVFR2 = 5, X_MVFR1 = 6, X_MVFR0 = 7, X_FPEXC = 8, X_FPINST = 9, X_FPINST2 = 10;

class Regs {
  readonly v: DataView;
  readonly base: number;
  constructor(core: CoreExports) { this.v = new DataView(core.memory.buffer); this.base = core.stateBase(); }
  u32(off: number): number { return this.v.getUint32(this.base + off, true); }
  set32(off: number, x: number): void { this.v.setUint32(this.base + off, x >>> 0, true); }
  u64(off: number): bigint { return this.v.getBigUint64(this.base + off, true); }
  set64(off: number, x: bigint): void { this.v.setBigUint64(this.base + off, BigInt.asUintN(64, x), true); }
}

/** Fill the QEMU-layout fields of `s` from the loaded CPU (the cpreg list is done elsewhere). */
export function readCoreRegs(core: CoreExports, s: CpuState): void {
  const r = new Regs(core);
  const cpsr = core.getCpsr() >>> 0;
  const mode = cpsr & 0x1f;
  const cur = bankOf(mode);
  const regs = Array.from({ length: 16 }, (_, i) => r.u32(S_REGS + 4 * i));
  s["env.regs"] = regs;
  s["env.xregs"] = new Array(32).fill(0n);
  s["env.pc"] = 0n;
  s.cpsr = cpsr;
  s["env.spsr"] = r.u32(cur >= 0 ? BANKS[cur].spsr : S_SPSR_USR);
  s["env.banked_spsr"] = BANKS.map((b, i) => BigInt(i === cur ? s["env.spsr"] : r.u32(b.spsr)));
  s["env.banked_r13"] = BANKS.map((b, i) => (i === cur ? regs[13] : r.u32(b.rr)));
  s["env.banked_r14"] = BANKS.map((b, i) => (i === cur ? regs[14] : b.modes[0] === MODE_HYP ? 0 : r.u32(b.rr + 4)));
  const inFiq = mode === MODE_FIQ;
  s["env.usr_regs"] = Array.from({ length: 5 }, (_, i) => (inFiq ? r.u32(S_BANK_USR + 4 * i) : regs[8 + i]));
  s["env.fiq_regs"] = Array.from({ length: 5 }, (_, i) => (inFiq ? regs[8 + i] : r.u32(S_BANK_FIQ + 4 * i)));
  s["env.elr_el"] = [0n, 0n, BigInt(r.u32(S_ELR_HYP)), 0n];
  s["env.sp_el"] = [0n, 0n, 0n, 0n];
  const valid = r.u32(S_EXCL_VALID) !== 0;
  s["env.exclusive_addr"] = valid ? r.u64(S_EXCL_ADDR) : -1n;
  s["env.exclusive_val"] = valid ? r.u64(S_EXCL_VAL) : 0n;
  s["env.exclusive_high"] = 0n;
  s["env.exception.syndrome"] = 0;
  s["env.exception.fsr"] = 0;
  s["env.exception.vaddress"] = 0n;
  for (let i = 0; i < 32; i++) {
    s[`env.vfp.zregs[${i}].d`] = i < 16 ? [r.u64(S_VFP + 16 * i), r.u64(S_VFP + 16 * i + 8)] : [0n, 0n];
  }
  s["env.vfp.xregs[0]"] = A15_FPSID;
  const x = new Array(14).fill(0);
  x[X_MVFR2 - 2] = 0;
  x[X_MVFR1 - 2] = A15_MVFR1;
  x[X_MVFR0 - 2] = A15_MVFR0;
  x[X_FPEXC - 2] = r.u32(S_FPEXC);
  x[X_FPINST - 2] = r.u32(S_FPINST);
  x[X_FPINST2 - 2] = r.u32(S_FPINST2);
  s["env.vfp.xregs"] = x;
  s.fpscr = r.u32(S_FPSCR);
  s["env.teecr"] = r.u32(S_SYSREGS + SYSREG_STORAGE.TEECR);
  s["env.teehbr"] = r.u32(S_SYSREGS + SYSREG_STORAGE.TEEHBR);
  s["env.irq_line_state"] = linesToQemu(r.u32(S_IRQ_LINES));
}

/** Our S_IRQ_LINES bits (IRQ, FIQ, VIRQ, VFIQ) as QEMU's CPU_INTERRUPT_* bits. */
export function linesToQemu(lines: number): number {
  let q = 0;
  IRQ_LINE_BITS.forEach((bit, i) => { if (lines & (1 << i)) q |= bit; });
  return q;
}
export function linesFromQemu(q: number): number {
  let l = 0;
  IRQ_LINE_BITS.forEach((bit, i) => { if (q & bit) l |= 1 << i; });
  return l;
}

/** Problems with a staged `cpu` state this CPU cannot take (checked before anything is applied). */
export function coreRegsProblems(s: CpuState): string[] {
  const out: string[] = [];
  const cpsr = Number(s.cpsr) >>> 0;
  if ((cpsr & 0x10) === 0) out.push(`the CPU is in AArch64 state (PSTATE 0x${cpsr.toString(16)}), which this Cortex-A15 cannot run`);
  else if (bankOf(cpsr & 0x1f) < 0) out.push(`CPSR 0x${cpsr.toString(16)} has no valid mode`);
  else if ((cpsr & 0x20) !== 0 && (Number(s["env.regs"][15]) & 1) !== 0) out.push("a Thumb PC with bit 0 set");
  return out;
}

/** Differences of the VFP identification registers from ours (we keep ours). */
export function vfpIdDifferences(s: CpuState): string[] {
  const out: string[] = [];
  const x = s["env.vfp.xregs"] as number[];
  const cmp = (name: string, got: number, ours: number) => {
    if ((got >>> 0) !== (ours >>> 0)) out.push(`${name}: the stream has 0x${(got >>> 0).toString(16)}, this CPU 0x${ours.toString(16)}: kept ours`);
  };
  cmp("FPSID", Number(s["env.vfp.xregs[0]"]), A15_FPSID);
  cmp("MVFR0", x[X_MVFR0 - 2], A15_MVFR0);
  cmp("MVFR1", x[X_MVFR1 - 2], A15_MVFR1);
  cmp("MVFR2", x[X_MVFR2 - 2], 0);
  return out;
}

/** Write the QEMU-layout fields of `s` into the loaded CPU (after a reset; checked already). */
export function writeCoreRegs(core: CoreExports, s: CpuState): void {
  const r = new Regs(core);
  const cpsr = Number(s.cpsr) >>> 0;
  core.setCpsr(cpsr); // mode switch from reset's SVC: every bank is rewritten below anyway
  const mode = cpsr & 0x1f;
  const cur = bankOf(mode);
  const regs = (s["env.regs"] as number[]).map((x) => Number(x) >>> 0);
  for (let i = 0; i < 16; i++) r.set32(S_REGS + 4 * i, regs[i]);
  BANKS.forEach((b, i) => {
    const here = i === cur;
    r.set32(b.rr, here ? regs[13] : Number(s["env.banked_r13"][i]));
    if (b.modes[0] !== MODE_HYP) r.set32(b.rr + 4, here ? regs[14] : Number(s["env.banked_r14"][i]));
    r.set32(b.spsr, here ? Number(s["env.spsr"]) : Number(BigInt.asUintN(32, BigInt(s["env.banked_spsr"][i]))));
  });
  const inFiq = mode === MODE_FIQ;
  for (let i = 0; i < 5; i++) {
    r.set32(S_BANK_USR + 4 * i, inFiq ? Number(s["env.usr_regs"][i]) : regs[8 + i]);
    r.set32(S_BANK_FIQ + 4 * i, inFiq ? regs[8 + i] : Number(s["env.fiq_regs"][i]));
  }
  r.set32(S_ELR_HYP, Number(BigInt.asUintN(32, BigInt(s["env.elr_el"][2]))));
  const addr = BigInt.asIntN(64, BigInt(s["env.exclusive_addr"]));
  r.set32(S_EXCL_VALID, addr === -1n ? 0 : 1);
  r.set64(S_EXCL_ADDR, addr === -1n ? -1n : addr);
  r.set64(S_EXCL_VAL, BigInt(s["env.exclusive_val"]));
  if (addr !== -1n && r.u32(S_EXCL_SIZE) === 0) r.set32(S_EXCL_SIZE, 4); // QEMU keeps no size; armlet-cpu refines it
  for (let i = 0; i < 16; i++) {
    const d = s[`env.vfp.zregs[${i}].d`] as bigint[];
    r.set64(S_VFP + 16 * i, BigInt(d[0]));
    r.set64(S_VFP + 16 * i + 8, BigInt(d[1]));
  }
  const x = s["env.vfp.xregs"] as number[];
  r.set32(S_FPEXC, Number(x[X_FPEXC - 2]));
  r.set32(S_FPINST, Number(x[X_FPINST - 2]));
  r.set32(S_FPINST2, Number(x[X_FPINST2 - 2]));
  r.set32(S_FPSCR, Number(s.fpscr));
  r.set32(S_SYSREGS + SYSREG_STORAGE.TEECR, Number(s["env.teecr"]) & 1);
  r.set32(S_SYSREGS + SYSREG_STORAGE.TEEHBR, Number(s["env.teehbr"]));
  r.set32(S_IRQ_LINES, (r.u32(S_IRQ_LINES) & ~0xf) | linesFromQemu(Number(s["env.irq_line_state"])));
}
