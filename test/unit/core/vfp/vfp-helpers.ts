// Shared helpers for the VFP tests: a bare core with the FP unit enabled (CPACR cp10/cp11 full
// access, FPEXC.EN), and access to D registers, FPSCR and FPEXC in the state block.
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness";
import { STATE, S_VFP, S_FPSCR, S_FPEXC } from "../../../../core/state/layout";

export const CPACR_KEY = 0xf0802; // MRC p15, 0, <Rt>, c1, c0, 2
export const FPEXC_EN = 0x40000000;

export interface VfpInit {
  regs?: Record<number, number>;
  cpsr?: number;
  d?: Record<number, bigint>;
  s?: Record<number, number>;
  fpscr?: number;
  fpexc?: number;
  cpacr?: number;
}

export function vfpHarness(init: VfpInit = {}): Harness & {
  d(n: number): bigint; s(n: number): number; fpscr(): number; fpexc(): number; setD(n: number, v: bigint): void;
} {
  const h = makeHarness();
  const dv = () => new DataView(h.core.memory.buffer);
  const ext = Object.assign(h, {
    d: (n: number) => dv().getBigUint64(STATE + S_VFP + 8 * n, true),
    s: (n: number) => dv().getUint32(STATE + S_VFP + 4 * n, true),
    fpscr: () => dv().getUint32(STATE + S_FPSCR, true),
    fpexc: () => dv().getUint32(STATE + S_FPEXC, true),
    setD: (n: number, v: bigint) => dv().setBigUint64(STATE + S_VFP + 8 * n, BigInt.asUintN(64, v), true),
  });
  h.core.writeSysreg(CPACR_KEY, init.cpacr ?? 0x00f00000);
  dv().setUint32(STATE + S_FPEXC, init.fpexc ?? FPEXC_EN, true);
  dv().setUint32(STATE + S_FPSCR, init.fpscr ?? 0, true);
  for (const [n, v] of Object.entries(init.d ?? {})) ext.setD(Number(n), v);
  for (const [n, v] of Object.entries(init.s ?? {})) dv().setUint32(STATE + S_VFP + 4 * Number(n), v >>> 0, true);
  if (init.cpsr !== undefined) h.core.setCpsr(init.cpsr >>> 0);
  for (const [r, v] of Object.entries(init.regs ?? {})) h.core.setReg(Number(r), v >>> 0);
  return ext;
}

/** Place words at RAM_BASE and run them (one step per word unless told). */
export function runVfp(words: number[], init: VfpInit = {}, steps = words.length) {
  const h = vfpHarness(init);
  h.poke32(RAM_BASE, ...words);
  h.core.setReg(15, RAM_BASE);
  h.core.run(steps);
  return h;
}

/** Undefined-instruction vector offset (VBAR = 0): the PC after an UNDEF is 0x4. */
export const UNDEF_VECTOR = 0x4;
export { RAM_BASE };
