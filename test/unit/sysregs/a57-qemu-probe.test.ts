// Every MRS/MSR (op0 2, 3) and SYS/SYSL (op0 1) encoding through the Cortex-A57's generated
// dispatch, at EL1 and at EL0 under nine permission settings, against what qemu-system-aarch64
// 7.2 (-M virt -cpu cortex-a57) did with the same accesses (qemu-a57/README.md): UNDEFINED, trap,
// FP trap or the value read; then the write masks (all ones, then zero, read back).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { qemuDir } from "./sysreg-helpers.js";
import { a57, setEl, mrs, msr, key64, OK, NOP, UNDEF, TRAP, FP_TRAP, SCTLR_EL1, CPACR_EL1, CNTKCTL_EL1, PMUSERENR_EL0 } from "./a57-helpers.js";
import { RAM_BASE } from "../../helpers/core-harness.js";
import type { CoreExports } from "../../../machines/core.js";

const lines = (name: string, tag: string) =>
  readFileSync(join(qemuDir, "..", "qemu-a57", name), "utf8").trim().split("\n").map((l) => l.split(" ")).filter((f) => f[0] === tag);

const SCTLR_RESET = 0x00c50838n;
const OPEN = SCTLR_RESET | (1n << 9n) | (1n << 14n) | (1n << 15n) | (1n << 26n);
/** The nine EL0 settings of the probe: SCTLR_EL1, CNTKCTL_EL1, PMUSERENR_EL0, CPACR_EL1. */
const EL0_SETTINGS: [bigint, number, number, number][] = [
  [SCTLR_RESET, 0, 0, 0], [OPEN, 0x303, 0xf, 0x300000],
  [SCTLR_RESET, 0, 2, 0], [SCTLR_RESET, 0, 4, 0], [SCTLR_RESET, 0, 8, 0],
  [SCTLR_RESET, 1, 0, 0], [SCTLR_RESET, 2, 0, 0], [SCTLR_RESET, 0x100, 0, 0], [SCTLR_RESET, 0x200, 0, 0],
];
function settle(core: CoreExports, [sctlr, cntkctl, pmuserenr, cpacr]: [bigint, number, number, number]): void {
  setEl(core, 1);
  for (const [k, v] of [[SCTLR_EL1, sctlr], [CNTKCTL_EL1, cntkctl], [PMUSERENR_EL0, pmuserenr], [CPACR_EL1, cpacr]] as const) {
    expect(msr(core, k, v)).toBe(OK);
  }
}

const code = (status: number, value?: bigint) =>
  status === UNDEF ? "-" : status === TRAP ? "T" : status === FP_TRAP ? "F" : value === undefined ? "+" : value.toString(16);
const enc = (f: string[]) => f.slice(1, 6).map(Number) as [number, number, number, number, number];

// Values that depend on time or on what the probe program did before (exception state, flags,
// its vector table): only whether the access worked is compared.
const STATEFUL = new Set([
  key64(3, 0, 4, 0, 0), key64(3, 0, 4, 0, 1), key64(3, 0, 4, 1, 0), key64(3, 0, 5, 2, 0), key64(3, 0, 6, 0, 0),
  key64(3, 0, 12, 0, 0), key64(3, 3, 4, 2, 0), key64(3, 3, 14, 0, 1), key64(3, 3, 14, 0, 2),
  key64(3, 3, 14, 2, 0), key64(3, 3, 14, 3, 0),
]);

describe("Cortex-A57 MRS/MSR/SYS vs QEMU 7.2", () => {
  it("MRS of every op0 2/3 encoding: EL1 (FP off, on) and EL0 under each setting", () => {
    const qemu = new Map(lines("a57-mrs-probe.txt", "R").map((f) => [key64(...enc(f)), f.slice(6)]));
    const h = a57();
    const columns: string[][] = [];
    // EL1 after reset, then with FPEN = 3
    for (const fpen of [0, 0x300000]) {
      settle(h.core, [SCTLR_RESET, 0, 0, fpen]);
      const col: string[] = [];
      for (let k = 0x8000; k < 0x10000; k++) { const a = mrs(h.core, k); col.push(code(a.status, a.value)); }
      columns.push(col);
    }
    for (const s of EL0_SETTINGS) {
      settle(h.core, s);
      setEl(h.core, 0);
      const col: string[] = [];
      for (let k = 0x8000; k < 0x10000; k++) { const a = mrs(h.core, k, true); col.push(code(a.status, a.value)); }
      columns.push(col);
    }
    const bad: string[] = [];
    let readable = 0;
    for (let k = 0x8000; k < 0x10000; k++) {
      const ours = columns.map((c) => c[k - 0x8000]);
      const want = qemu.get(k) ?? ours.map(() => "-");
      ours.forEach((o, i) => {
        const w = want[i];
        const isValue = (s: string) => !["-", "T", "F"].includes(s);
        if (isValue(o)) readable++;
        if (w === "=" && isValue(o)) return; // a NOP read (MDCCINT_EL1): QEMU leaves Xt, we give 0
        if (isValue(w) && isValue(o) && STATEFUL.has(k)) return;
        if (o !== w) bad.push(`${k.toString(16)} col ${i}: QEMU ${w}, ours ${o}`);
      });
    }
    expect(bad).toEqual([]);
    expect(readable).toBeGreaterThan(400);
  });

  it("MSR (writing back what a read gives) at EL1 and at EL0 under each setting", () => {
    const qemu = new Map(lines("a57-msr-probe.txt", "W").map((f) => [key64(...enc(f)), f.slice(6)]));
    const h = a57();
    const sweep = (el0: boolean) => {
      const col: string[] = [];
      for (let k = 0x8000; k < 0x10000; k++) {
        const r = mrs(h.core, k, el0);
        col.push(code(msr(h.core, k, r.status === OK ? r.value : 0n, el0)));
      }
      return col;
    };
    const columns: string[][] = [];
    for (const s of EL0_SETTINGS) { settle(h.core, s); setEl(h.core, 0); columns.push(sweep(true)); }
    settle(h.core, EL0_SETTINGS[1]);
    columns.unshift(sweep(false));
    const bad: string[] = [];
    for (let k = 0x8000; k < 0x10000; k++) {
      const want = qemu.get(k) ?? columns.map(() => "-");
      columns.forEach((c, i) => { if (c[k - 0x8000] !== want[i]) bad.push(`${k.toString(16)} col ${i}: QEMU ${want[i]}, ours ${c[k - 0x8000]}`); });
    }
    expect(bad).toEqual([]);
  });

  it("SYS at EL1 and EL0 (reset, open) and SYSL: which operations exist and who may run them", () => {
    const qemu = new Map(lines("a57-sys-probe.txt", "S").map((f) => [key64(1, ...(f.slice(1, 5).map(Number) as [number, number, number, number])), f.slice(5)]));
    const h = a57();
    const scratch = BigInt(RAM_BASE + 0x8000);
    const sweep = (el0: boolean) => {
      const col: string[] = [];
      for (let k = 0x4000; k < 0x8000; k++) col.push(code(msr(h.core, k, scratch, el0)));
      return col;
    };
    settle(h.core, EL0_SETTINGS[1]);
    const el1 = sweep(false);
    const sysl: string[] = [];
    for (let k = 0x4000; k < 0x8000; k++) { const a = mrs(h.core, k); sysl.push(code(a.status, a.value)); }
    const el0: string[][] = [];
    for (const s of EL0_SETTINGS.slice(0, 2)) { settle(h.core, s); setEl(h.core, 0); el0.push(sweep(true)); }
    const columns = [el1, ...el0, sysl];
    const bad: string[] = [];
    for (let k = 0x4000; k < 0x8000; k++) {
      const want = qemu.get(k) ?? columns.map(() => "-");
      columns.forEach((c, i) => { if (c[k - 0x4000] !== want[i]) bad.push(`${k.toString(16)} col ${i}: QEMU ${want[i]}, ours ${c[k - 0x4000]}`); });
    }
    expect(bad).toEqual([]);
    expect([...qemu.keys()].length).toBe(27);
  });

  it("write masks: all ones and zero written at EL1 read back as on QEMU", () => {
    const qemu = lines("a57-mask-probe.txt", "M");
    const h = a57();
    settle(h.core, [SCTLR_RESET, 0, 0, 0x300000]);
    expect(msr(h.core, key64(2, 0, 1, 0, 4), 0)).toBe(OK); // OSLAR_EL1: the probe's MSR sweep had unlocked the OS lock
    const bad: string[] = [];
    let checked = 0;
    for (const f of qemu) {
      const k = key64(...enc(f));
      const [, ones, zero, status] = f.slice(6);
      const before = mrs(h.core, k);
      if (before.status !== OK && before.status !== NOP) { bad.push(`${k.toString(16)}: not readable`); continue; }
      const allOnes = k === SCTLR_EL1 ? 0xfffffffffffffffen : 0xffffffffffffffffn; // SCTLR_EL1 keeps the MMU off
      const st = msr(h.core, k, allOnes);
      const o = mrs(h.core, k).value;
      msr(h.core, k, 0n);
      const z = mrs(h.core, k).value;
      msr(h.core, k, before.value);
      if (code(st) !== status) bad.push(`${k.toString(16)}: write QEMU ${status}, ours ${code(st)}`);
      if (ones === "-" || STATEFUL.has(k) || k === key64(3, 3, 14, 0, 1) || k === key64(3, 3, 14, 0, 2)) continue;
      checked++;
      if (o.toString(16) !== ones || z.toString(16) !== zero) bad.push(`${k.toString(16)}: QEMU ${ones}/${zero}, ours ${o.toString(16)}/${z.toString(16)}`);
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});
