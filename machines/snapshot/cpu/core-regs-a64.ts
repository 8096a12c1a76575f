// The Cortex-A57's own registers in QEMU's `cpu` layout (../shared/spec/arm-cpu-vmstate.md §2,
// checked against qemu-system-aarch64 7.2 streams): X0..X30 and the live stack pointer in
// env.xregs (QEMU keeps the selected SP in xregs[31]; the sp_el slot of the selected one is
// stale), PSTATE as pstate_read() gives it in `cpsr`, SPSR_EL1 in banked_spsr[1], ELR_EL1 in
// elr_el[1], SP_EL0/SP_EL1 in sp_el[0..1], V0..V31 whole in cpu/vfp. The CPU has no EL2 or EL3.
// AArch32 at EL0 (nRW set): r0-r15 in env.regs, and X15..X30 (which EL0 cannot reach) where
// QEMU's aarch64_sync_64_to_32 keeps them, in the other modes' banked registers.
import {
  S_REGS, S_NF, S_ZF, S_CF, S_VF, S_QF, S_GE, S_CPSR_REST, S_X, S_PC64, S_SP_EL0, S_SP_EL1, S_ELR_EL1, S_SPSR_SVC,
  S_EXCL_ADDR, S_EXCL_SIZE, S_EXCL_VALID, S_EXCL_VAL, S_EXCL_VAL2, S_VFP, S_FPSCR, S_FPEXC, S_IRQ_LINES, MODE_USR, PSTATE_NRW,
} from "../../../core/state/layout.js";
import type { CoreExports } from "../../core.js";
import type { CpuState } from "./layout.js";
import { linesFromQemu, linesToQemu } from "./core-regs.js";

/** The Cortex-A57's FP identification as QEMU 7.2 sends it (vfp.xregs slots 0, 5, 6, 7). */
export const A57_FPSID = 0x41034070;
export const A57_MVFR0 = 0x10110222;
export const A57_MVFR1 = 0x12111111;
export const A57_MVFR2 = 0x00000043;
const X_MVFR2 = 5, X_MVFR1 = 6, X_MVFR0 = 7, X_FPEXC = 8;
/** QEMU's bank numbers of SPSR_EL1 (BANK_SVC) and of the AArch32 modes X15..X30 map to. */
const BANK_EL1 = 1;

/** Where aarch64_sync_64_to_32 keeps X15..X30: [x, array, bank] (fiq_regs for X24..X28). */
const HIGH_X: [number, "env.banked_r13" | "env.banked_r14", number][] = [
  [15, "env.banked_r13", 6], // r13_hyp
  [16, "env.banked_r14", 4], [17, "env.banked_r13", 4], // lr/sp irq
  [18, "env.banked_r14", 1], [19, "env.banked_r13", 1], // svc
  [20, "env.banked_r14", 2], [21, "env.banked_r13", 2], // abt
  [22, "env.banked_r14", 3], [23, "env.banked_r13", 3], // und
  [29, "env.banked_r14", 5], [30, "env.banked_r13", 5], // fiq
];

class Mem {
  readonly v: DataView;
  readonly b: number;
  constructor(core: CoreExports) { this.v = new DataView(core.memory.buffer); this.b = core.stateBase(); }
  u32(o: number): number { return this.v.getUint32(this.b + o, true); }
  set32(o: number, x: number): void { this.v.setUint32(this.b + o, x >>> 0, true); }
  u64(o: number): bigint { return this.v.getBigUint64(this.b + o, true); }
  set64(o: number, x: bigint): void { this.v.setBigUint64(this.b + o, BigInt.asUintN(64, BigInt(x)), true); }
}

const M32 = 0xffff_ffffn;

/** Fill the QEMU-layout fields of `s` from the loaded AArch64-capable CPU (the list is done elsewhere). */
export function readCoreRegsA64(core: CoreExports, s: CpuState): void {
  core.syncStackPointers(); // both SP banks current (the live SP stays in X[31] too)
  const m = new Mem(core);
  const aarch32 = core.isAArch64() === 0;
  const x = Array.from({ length: 32 }, (_, i) => m.u64(S_X + 8 * i));
  s["env.regs"] = Array.from({ length: 16 }, (_, i) => m.u32(S_REGS + 4 * i));
  s["env.xregs"] = x;
  s["env.pc"] = m.u64(S_PC64);
  s.cpsr = aarch32 ? core.getCpsr() >>> 0 : (nzcv(m) | (m.u32(S_CPSR_REST) & ~0xf000_0000)) >>> 0;
  s["env.spsr"] = 0;
  s["env.banked_spsr"] = Array.from({ length: 8 }, (_, i) => (i === BANK_EL1 ? BigInt(m.u32(S_SPSR_SVC)) : 0n));
  const r13 = new Array(8).fill(0), r14 = new Array(8).fill(0);
  const banked: Record<string, number[]> = { "env.banked_r13": r13, "env.banked_r14": r14 };
  let fiq = new Array(5).fill(0);
  if (aarch32) {
    for (const [n, arr, bank] of HIGH_X) banked[arr][bank] = Number(x[n] & M32);
    fiq = x.slice(24, 29).map((v) => Number(v & M32));
  }
  s["env.banked_r13"] = r13;
  s["env.banked_r14"] = r14;
  s["env.usr_regs"] = new Array(5).fill(0);
  s["env.fiq_regs"] = fiq;
  s["env.elr_el"] = [0n, m.u64(S_ELR_EL1), 0n, 0n];
  s["env.sp_el"] = [m.u64(S_SP_EL0), m.u64(S_SP_EL1), 0n, 0n];
  const valid = m.u32(S_EXCL_VALID) !== 0;
  s["env.exclusive_addr"] = valid ? m.u64(S_EXCL_ADDR) : -1n;
  s["env.exclusive_val"] = valid ? m.u64(S_EXCL_VAL) : 0n;
  s["env.exclusive_high"] = m.u64(S_EXCL_VAL2);
  s["env.exception.syndrome"] = 0;
  s["env.exception.fsr"] = 0;
  s["env.exception.vaddress"] = 0n;
  for (let i = 0; i < 32; i++) s[`env.vfp.zregs[${i}].d`] = [m.u64(S_VFP + 16 * i), m.u64(S_VFP + 16 * i + 8)];
  s["env.vfp.xregs[0]"] = A57_FPSID;
  const xr = new Array(14).fill(0);
  xr[X_MVFR2 - 2] = A57_MVFR2;
  xr[X_MVFR1 - 2] = A57_MVFR1;
  xr[X_MVFR0 - 2] = A57_MVFR0;
  xr[X_FPEXC - 2] = m.u32(S_FPEXC);
  s["env.vfp.xregs"] = xr;
  s.fpscr = m.u32(S_FPSCR);
  s["env.teecr"] = 0;
  s["env.teehbr"] = 0;
  s["env.irq_line_state"] = linesToQemu(m.u32(S_IRQ_LINES));
}

function nzcv(m: Mem): number {
  let v = m.u32(S_NF) & 0x8000_0000;
  if (m.u32(S_ZF) === 0) v |= 0x4000_0000;
  v |= (m.u32(S_CF) & 1) << 29;
  v |= (m.u32(S_VF) >>> 31) << 28;
  return v >>> 0;
}

/** Problems with a staged `cpu` state this Cortex-A57 cannot take (checked before anything is applied). */
export function coreRegsProblemsA64(s: CpuState): string[] {
  const p = Number(s.cpsr) >>> 0;
  if (p & PSTATE_NRW) {
    if ((p & 0x1f) !== MODE_USR) return [`CPSR 0x${p.toString(16)}: AArch32 is only at EL0 (User mode) on this Cortex-A57`];
    if ((p & 0x20) !== 0 && (Number(s["env.regs"][15]) & 1) !== 0) return ["a Thumb PC with bit 0 set"];
    return [];
  }
  const el = (p >>> 2) & 3;
  if (el > 1) return [`PSTATE 0x${p.toString(16)} is at EL${el}, which this Cortex-A57 (EL0 and EL1 only) lacks`];
  if (p & 0x2) return [`PSTATE 0x${p.toString(16)} has the reserved M[1] bit set`];
  return [];
}

/** Differences of the FP identification registers from ours (we keep ours). */
export function vfpIdDifferencesA64(s: CpuState): string[] {
  const out: string[] = [];
  const x = s["env.vfp.xregs"] as number[];
  const cmp = (name: string, got: number, ours: number) => {
    if ((got >>> 0) !== (ours >>> 0)) out.push(`${name}: the stream has 0x${(got >>> 0).toString(16)}, this CPU 0x${ours.toString(16)}: kept ours`);
  };
  cmp("FPSID", Number(s["env.vfp.xregs[0]"]), A57_FPSID);
  cmp("MVFR0", x[X_MVFR0 - 2], A57_MVFR0);
  cmp("MVFR1", x[X_MVFR1 - 2], A57_MVFR1);
  cmp("MVFR2", x[X_MVFR2 - 2], A57_MVFR2);
  return out;
}

/** Write the QEMU-layout fields of `s` into the loaded CPU (after a reset; checked already). */
export function writeCoreRegsA64(core: CoreExports, s: CpuState): void {
  const m = new Mem(core);
  const p = Number(s.cpsr) >>> 0;
  const aarch32 = (p & PSTATE_NRW) !== 0;
  const x = (s["env.xregs"] as bigint[]).map((v) => BigInt.asUintN(64, BigInt(v)));
  if (aarch32) {
    // QEMU's xregs are stale here: X15..X30 live in the banked registers (32 bits, as on entry to EL1).
    for (const [n, arr, bank] of HIGH_X) x[n] = BigInt(Number(s[arr][bank]) >>> 0);
    (s["env.fiq_regs"] as number[]).forEach((v, i) => { x[24 + i] = BigInt(Number(v) >>> 0); });
  }
  x.forEach((v, i) => m.set64(S_X + 8 * i, v)); // slot 31: the live SP
  m.set64(S_PC64, BigInt(s["env.pc"]));
  for (let i = 0; i < 16; i++) m.set32(S_REGS + 4 * i, Number(s["env.regs"][i]) >>> 0);
  m.set64(S_SP_EL0, BigInt(s["env.sp_el"][0]));
  m.set64(S_SP_EL1, BigInt(s["env.sp_el"][1]));
  m.set64(S_ELR_EL1, BigInt(s["env.elr_el"][1]));
  m.set32(S_SPSR_SVC, Number(BigInt.asUintN(32, BigInt(s["env.banked_spsr"][BANK_EL1]))));
  // PSTATE written raw: no SP bank switch (X[31] already holds the selected SP), as QEMU's pstate_write.
  m.set32(S_NF, p & 0x8000_0000);
  m.set32(S_ZF, p & 0x4000_0000 ? 0 : 1);
  m.set32(S_CF, (p >>> 29) & 1);
  m.set32(S_VF, (p << 3) & 0x8000_0000);
  if (aarch32) {
    m.set32(S_QF, (p >>> 27) & 1);
    m.set32(S_GE, (p >>> 16) & 0xf);
    m.set32(S_CPSR_REST, p & ~0xf80f_0000);
  } else {
    m.set32(S_QF, 0);
    m.set32(S_GE, 0);
    m.set32(S_CPSR_REST, p & ~0xf000_0000);
  }
  const addr = BigInt.asIntN(64, BigInt(s["env.exclusive_addr"]));
  m.set32(S_EXCL_VALID, addr === -1n ? 0 : 1);
  m.set64(S_EXCL_ADDR, addr);
  m.set64(S_EXCL_VAL, BigInt(s["env.exclusive_val"]));
  m.set64(S_EXCL_VAL2, BigInt(s["env.exclusive_high"]));
  if (addr !== -1n && m.u32(S_EXCL_SIZE) === 0) m.set32(S_EXCL_SIZE, 8); // QEMU keeps no size; armlet-cpu refines it
  for (let i = 0; i < 32; i++) {
    const d = s[`env.vfp.zregs[${i}].d`] as bigint[];
    m.set64(S_VFP + 16 * i, BigInt(d[0]));
    m.set64(S_VFP + 16 * i + 8, BigInt(d[1]));
  }
  m.set32(S_FPEXC, Number((s["env.vfp.xregs"] as number[])[X_FPEXC - 2]));
  m.set32(S_FPSCR, Number(s.fpscr));
  m.set32(S_IRQ_LINES, (m.u32(S_IRQ_LINES) & ~0xf) | linesFromQemu(Number(s["env.irq_line_state"])));
}
