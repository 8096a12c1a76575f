// MRS of the Cortex-A57's identification registers and reset values gives QEMU 7.2's
// (target/arm/cpu64.c aarch64_a57_initfn, as -M virt without EL2/EL3 reads them:
// test/unit/sysregs/qemu-a57 has every encoding).
import { describe, it, expect } from "vitest";
import { runA64, mrsW, msrW } from "./sysreg-helpers.js";

type Enc = [number, number, number, number, number];
const EXPECTED: [string, Enc, bigint][] = [
  ["MIDR_EL1", [3, 0, 0, 0, 0], 0x411fd070n],
  ["MPIDR_EL1", [3, 0, 0, 0, 5], 0x80000000n],
  ["REVIDR_EL1", [3, 0, 0, 0, 6], 0n],
  ["ID_PFR0_EL1", [3, 0, 0, 1, 0], 0x00000131n],
  ["ID_PFR1_EL1", [3, 0, 0, 1, 1], 0x00010001n],
  ["ID_DFR0_EL1", [3, 0, 0, 1, 2], 0x03010006n],
  ["ID_MMFR0_EL1", [3, 0, 0, 1, 4], 0x10101105n],
  ["ID_ISAR5_EL1", [3, 0, 0, 2, 5], 0x00011121n],
  ["MVFR0_EL1", [3, 0, 0, 3, 0], 0x10110222n],
  ["MVFR1_EL1", [3, 0, 0, 3, 1], 0x12111111n],
  ["MVFR2_EL1", [3, 0, 0, 3, 2], 0x00000043n],
  ["ID_AA64PFR0_EL1", [3, 0, 0, 4, 0], 0x00000022n], // EL0, EL1: AArch64 + AArch32; no EL2/EL3
  ["ID_AA64PFR1_EL1", [3, 0, 0, 4, 1], 0n],
  ["ID_AA64DFR0_EL1", [3, 0, 0, 5, 0], 0x10305106n],
  ["ID_AA64ISAR0_EL1", [3, 0, 0, 6, 0], 0x00011120n],
  ["ID_AA64MMFR0_EL1", [3, 0, 0, 7, 0], 0x00001124n],
  ["SCTLR_EL1", [3, 0, 1, 0, 0], 0x00c50838n],
  ["CLIDR_EL1", [3, 1, 0, 0, 1], 0x0a200023n],
  ["CTR_EL0", [3, 3, 0, 0, 1], 0x8444c004n],
  ["DCZID_EL0", [3, 3, 0, 0, 7], 4n],
  ["PMCR_EL0", [3, 3, 9, 12, 0], 0x41013000n],
  ["CNTFRQ_EL0", [3, 3, 14, 0, 0], 62_500_000n],
  ["OSLSR_EL1", [2, 0, 1, 1, 4], 0xan],
  ["CBAR_EL1", [3, 1, 15, 3, 0], 0x08000000n],
];

describe("Cortex-A57 identification", () => {
  it("each MRS reads QEMU's value", () => {
    expect(EXPECTED.length).toBeLessThanOrEqual(31); // one X register each
    const h = runA64(EXPECTED.map(([, e], i) => mrsW(e, i)));
    EXPECTED.forEach(([name, , v], i) => expect(h.a64.x[i], name).toBe(v));
    // mrs x0, midr_el1 / mrs x5, ctr_el0 / mrs x6, dczid_el0 are the assembler's words
    expect([mrsW([3, 0, 0, 0, 0], 0), mrsW([3, 3, 0, 0, 1], 5), mrsW([3, 3, 0, 0, 7], 6)]).toEqual([0xd5380000, 0xd53b0025, 0xd53b00e6]);
  });

  it("CCSIDR_EL1 follows CSSELR_EL1: 32 KiB L1 D, 48 KiB L1 I, 2 MiB L2, then 0", () => {
    const sel = [0, 1, 2, 3];
    const words = sel.flatMap((s, i) => [msrW([3, 2, 0, 0, 0], 10 + i), mrsW([3, 1, 0, 0, 0], i)]);
    const h = runA64(words, { x: { 10: 0, 11: 1, 12: 2, 13: 3 } });
    expect(h.a64.x.slice(0, 4)).toEqual([0x701fe00an, 0x201fe012n, 0x70ffe07an, 0n]);
  });

  it("an MSR to an ID register is UNDEFINED", () => {
    const h = runA64([msrW([3, 0, 0, 4, 0], 0)]);
    expect(h.a64.pc).toBe(0x200n);
  });
});
