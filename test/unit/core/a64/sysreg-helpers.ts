// Helpers of the A64 system-register instruction tests: MRS/MSR/SYS encoders (checked against the
// assembler's words in sysreg-special.test.ts), state accessors, and a runner that drops to EL0.
import { runA64, makeHarness, enterA64, setX, a64State, RAM_BASE, CPU_A57, type Harness, type A64View } from "../../../helpers/core-harness.js";
import { STATE, S_CPSR_REST } from "../../../../core/state/layout.js";

type Enc = [number, number, number, number, number];
/** MSR <reg>, Xt (op0 2/3) or SYS (op0 1). */
export const msrW = ([op0, op1, crn, crm, op2]: Enc, rt: number) =>
  (0xd5000000 | (op0 << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | rt) >>> 0;
/** MRS Xt, <reg> (op0 2/3) or SYSL (op0 1). */
export const mrsW = (e: Enc, rt: number) => (msrW(e, rt) | (1 << 21)) >>> 0;

export const R = {
  SCTLR_EL1: [3, 0, 1, 0, 0], CPACR_EL1: [3, 0, 1, 0, 2], TTBR0_EL1: [3, 0, 2, 0, 0], TCR_EL1: [3, 0, 2, 0, 2],
  SPSR_EL1: [3, 0, 4, 0, 0], ELR_EL1: [3, 0, 4, 0, 1], SP_EL0: [3, 0, 4, 1, 0], SPSel: [3, 0, 4, 2, 0], CurrentEL: [3, 0, 4, 2, 2],
  ESR_EL1: [3, 0, 5, 2, 0], FAR_EL1: [3, 0, 6, 0, 0], PAR_EL1: [3, 0, 7, 4, 0], VBAR_EL1: [3, 0, 12, 0, 0],
  CNTKCTL_EL1: [3, 0, 14, 1, 0], CTR_EL0: [3, 3, 0, 0, 1], DCZID_EL0: [3, 3, 0, 0, 7], NZCV: [3, 3, 4, 2, 0], DAIF: [3, 3, 4, 2, 1],
  FPCR: [3, 3, 4, 4, 0], FPSR: [3, 3, 4, 4, 1], PMUSERENR_EL0: [3, 3, 9, 14, 0], PMCCNTR_EL0: [3, 3, 9, 13, 0],
  TPIDRRO_EL0: [3, 3, 13, 0, 3], CNTVCT_EL0: [3, 3, 14, 0, 2],
  DC_ZVA: [1, 3, 7, 4, 1], DC_CIVAC: [1, 3, 7, 14, 1], DC_IVAC: [1, 0, 7, 6, 1], IC_IALLU: [1, 0, 7, 5, 0],
  TLBI_VMALLE1: [1, 0, 8, 7, 0], TLBI_VAE1IS: [1, 0, 8, 3, 1], AT_S1E1R: [1, 0, 7, 8, 0], AT_S1E0W: [1, 0, 7, 8, 3],
} as const satisfies Record<string, Enc>;

export const ERET = 0xd69f03e0;
export const NOP = 0xd503201f;
export const base = BigInt(RAM_BASE);
/** Vector base the EL0 runner installs; a synchronous exception from EL0 lands at VBAR + 0x400. */
export const VBAR = base + 0x800n;
export const EL0_CODE = base + 0x100n;

export function u64At(h: Harness, addr: number): bigint { return new DataView(h.core.memory.buffer).getBigUint64(addr, true); }
export function pstate(h: Harness): number { return new DataView(h.core.memory.buffer).getUint32(STATE + S_CPSR_REST, true); }

/** MRS at EL1 through the core's dispatch (no instruction). */
export function sysreg(h: Harness, e: Enc): bigint {
  const [op0, op1, crn, crm, op2] = e;
  const lo = h.core.sysregA64Access((op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2, 0, 0, 0, 0) >>> 0;
  return (BigInt(h.core.lastSysregHi() >>> 0) << 32n) | BigInt(lo);
}
export const esr = (h: Harness) => sysreg(h, R.ESR_EL1);

/**
 * Run `el0` (A64 words) at EL0t after EL1 code that writes each [register, value] of `setup`
 * (through X20...), points VBAR_EL1 at VBAR and ERETs to EL0_CODE with SPSR = 0x3c0 (EL0t, DAIF
 * masked). Runs `el0Steps` instructions at EL0 (default: all of them).
 */
export function runEl0(el0: number[], setup: [Enc, bigint | number][] = [], x: Record<number, bigint | number> = {}, el0Steps = el0.length):
    Harness & { a64: A64View } {
  const h = makeHarness(undefined, undefined, CPU_A57);
  const pre = [
    ...setup.map(([e], i) => msrW(e, 20 + i)),
    msrW(R.VBAR_EL1, 19), msrW(R.ELR_EL1, 18), msrW(R.SPSR_EL1, 17), ERET,
  ];
  h.poke32(RAM_BASE, ...pre);
  h.poke32(Number(EL0_CODE), ...el0);
  enterA64(h);
  setup.forEach(([, v], i) => setX(h, 20 + i, v));
  setX(h, 19, VBAR); setX(h, 18, EL0_CODE); setX(h, 17, 0x3c0);
  for (const [r, v] of Object.entries(x)) setX(h, Number(r), v);
  h.core.run(pre.length + el0Steps);
  return Object.assign(h, { a64: a64State(h) });
}

export { runA64 };
