// KVM's register-list ABI quirks, normalised before the merge (machines/snapshot/cpu/kvm-ids.ts):
// where a list comes from, the non-secure bit of a 32-bit host's AArch32 ids (and only of
// coprocessor ids), the virtual count taken out of the list, arm64's swapped virtual-timer ids,
// counter values rescaled from the host's frequency (or kept, and said so).
import { describe, expect, it } from "vitest";
import {
  COUNTER_VALUED_IDS, KVM32_PSCI_VERSION, KVM32_TIMER_CNT, KVM32_TIMER_CVAL, KVM64_PSCI_VERSION, KVM64_TIMER_CNT, KVM64_TIMER_CVAL,
  listOrigin, normaliseList, rescaleCount,
} from "../../../machines/snapshot/cpu/kvm-ids.js";
import { cpregName } from "../../../machines/snapshot/cpu/names.js";

const OURS = 62_500_000;
const NS = 1n << 29n;
// QEMU TCG ids of the Cortex-A15 (golden lists): SCTLR's Secure copy, DACR, CNTV_CVAL_EL0
const SCTLR_S = 0x4020_0000_000f_0800n, DACR = 0x4020_0000_200f_1800n, CNTV_CVAL_EL0 = 0x6030_0000_0013_df1an;
// as a 32-bit KVM host lists them
const K_SCTLR = 0x4020_0000_000f_0800n, K_DACR = 0x4020_0000_000f_1800n, K_CNTV_CTL = 0x4020_0000_000f_7019n;
const K_CCSIDR0 = 0x4020_0000_0011_0000n, K_WORKAROUND_1 = 0x4030_0000_0014_0001n;

describe("the uapi ids", () => {
  it("are the encodings Linux defines", () => {
    // arm: KVM_REG_ARM_TIMER_CNT = ARM_CP15_REG64(1, 14) (CNTVCT), CVAL = ARM_CP15_REG64(3, 14) (CNTV_CVAL)
    expect(KVM32_TIMER_CNT).toBe(0x4030_0000_000f_0000n | (14n << 7n) | (1n << 3n));
    expect(KVM32_TIMER_CVAL).toBe(0x4030_0000_000f_0000n | (14n << 7n) | (3n << 3n));
    // arm64: TIMER_CNT is ARM64_SYS_REG(3,3,14,3,2) (CNTV_CVAL_EL0's encoding), TIMER_CVAL is (3,3,14,0,2) (CNTVCT_EL0's)
    const sys = (op0: bigint, op1: bigint, crn: bigint, crm: bigint, op2: bigint) =>
      0x6030_0000_0013_0000n | (op0 << 14n) | (op1 << 11n) | (crn << 7n) | (crm << 3n) | op2;
    expect(KVM64_TIMER_CNT).toBe(sys(3n, 3n, 14n, 3n, 2n));
    expect(KVM64_TIMER_CVAL).toBe(sys(3n, 3n, 14n, 0n, 2n));
    expect(KVM64_TIMER_CNT).toBe(CNTV_CVAL_EL0);
    expect(KVM64_PSCI_VERSION).toBe(0x6030_0000_0014_0000n);
    expect(KVM32_PSCI_VERSION).toBe(0x4030_0000_0014_0000n);
  });

  it("have names for people", () => {
    expect(cpregName(KVM32_PSCI_VERSION)).toBe("KVM_REG_ARM_PSCI_VERSION");
    expect(cpregName(KVM64_TIMER_CVAL)).toMatch(/KVM_REG_ARM_TIMER_CVAL/);
    expect(cpregName(KVM32_TIMER_CNT)).toMatch(/virtual count/);
    expect(cpregName(K_WORKAROUND_1)).toBe("KVM fw register 0x1");
    expect(cpregName(K_CCSIDR0)).toBe("KVM demux register 0x0");
  });
});

describe("listOrigin", () => {
  it("tells QEMU TCG's lists, a 32-bit KVM host's and an arm64 KVM host's apart", () => {
    expect(listOrigin([SCTLR_S, DACR, CNTV_CVAL_EL0])).toBe("tcg"); // NS ids beside Secure ones
    expect(listOrigin([K_CCSIDR0, K_SCTLR, K_DACR, KVM32_TIMER_CNT, KVM32_PSCI_VERSION])).toBe("kvm32");
    expect(listOrigin([0x6030_0000_0013_c080n, KVM64_TIMER_CVAL, KVM64_TIMER_CNT, KVM64_PSCI_VERSION])).toBe("kvm64");
    // DEMUX and firmware ids carry no NS bit in any list: they do not make a TCG list look like KVM's
    expect(listOrigin([K_CCSIDR0, KVM32_PSCI_VERSION, DACR])).toBe("tcg");
  });
});

describe("rescaleCount", () => {
  it("converts host ticks to ours, rounded to nearest, and leaves equal rates alone", () => {
    expect(rescaleCount(24_000_000n, 24_000_000, OURS)).toBe(62_500_000n);
    expect(rescaleCount(1n, 24_000_000, OURS)).toBe(3n); // 2.604
    expect(rescaleCount(5n, 100_000_000, OURS)).toBe(3n); // 3.125
    expect(rescaleCount(0xdead_beefn, OURS, OURS)).toBe(0xdead_beefn);
    const big = 1n << 56n; // no precision lost to floating point
    expect(rescaleCount(big * 24n, 24_000_000, 62_500_000)).toBe(big * 625n / 10n);
  });
});

describe("normaliseList", () => {
  it("keeps a TCG list as it is, deciding nothing", () => {
    const n = normaliseList([SCTLR_S, DACR, CNTV_CVAL_EL0], [1n, 2n, 3n], { kvmCounterHz: 24_000_000, ourHz: OURS });
    expect(n).toMatchObject({ origin: "tcg", ids: [SCTLR_S, DACR, CNTV_CVAL_EL0], values: [1n, 2n, 3n], decisions: [] });
    expect(n.virtualCount).toBeUndefined();
  });

  it("32-bit host: NS bit on coprocessor ids only, the count taken out, counter values rescaled, sorted", () => {
    const ids = [K_CCSIDR0, K_SCTLR, K_DACR, K_CNTV_CTL, KVM32_TIMER_CNT, KVM32_TIMER_CVAL, KVM32_PSCI_VERSION, K_WORKAROUND_1];
    const values = [0x701fe00an, 0xc5187dn, 0x55n, 1n, 24_000_000n, 48_000_000n, 0x10000n, 1n];
    const n = normaliseList(ids, values, { kvmCounterHz: 24_000_000, ourHz: OURS });
    expect(n.origin).toBe("kvm32");
    expect(n.ids).toEqual([K_CCSIDR0, K_SCTLR | NS, K_DACR | NS, K_CNTV_CTL | NS, KVM32_PSCI_VERSION, K_WORKAROUND_1, KVM32_TIMER_CVAL | NS]);
    expect(n.values).toEqual([0x701fe00an, 0xc5187dn, 0x55n, 1n, 0x10000n, 1n, 125_000_000n]);
    expect(n.virtualCount).toBe(62_500_000n);
    expect(COUNTER_VALUED_IDS.has(KVM32_TIMER_CVAL | NS)).toBe(true);
    const said = n.decisions.join("\n");
    expect(said).toMatch(/32-bit KVM host's .*without the non-secure bit/);
    expect(said).toMatch(/rescaled from the host's 24000000 Hz to this machine's 62500000 Hz/);
    expect(said).toMatch(/timer deadlines .*\(-1\) are ignored: timers re-armed from their control and compare registers/);
  });

  it("without the host's frequency: values kept as they are, and the report says to give --kvm-counter-hz", () => {
    const n = normaliseList([K_SCTLR, KVM32_TIMER_CNT, KVM32_TIMER_CVAL], [1n, 1000n, 2000n], { ourHz: OURS });
    expect(n.virtualCount).toBe(1000n);
    expect(n.values[n.ids.indexOf(KVM32_TIMER_CVAL | NS)]).toBe(2000n);
    expect(n.decisions.join("\n")).toMatch(/frequency the stream does not record: taken as they are for this machine's 62500000 Hz counter.*--kvm-counter-hz/);
  });

  it("arm64 host: the swapped virtual-timer ids swapped back (the count out, the compare value to CNTV_CVAL_EL0)", () => {
    const SCTLR_EL1 = 0x6030_0000_0013_c080n, CNTP_CVAL_EL0 = 0x6030_0000_0013_df12n;
    const ids = [SCTLR_EL1, KVM64_TIMER_CVAL, CNTP_CVAL_EL0, KVM64_TIMER_CNT, KVM64_PSCI_VERSION];
    const values = [0x30d00800n, 100_000_000n /* compare */, 50_000_000n, 75_000_000n /* count */, 0x10001n];
    const n = normaliseList(ids, values, { kvmCounterHz: 100_000_000, ourHz: OURS });
    expect(n.origin).toBe("kvm64");
    expect(n.ids).toEqual([SCTLR_EL1, CNTP_CVAL_EL0, CNTV_CVAL_EL0, KVM64_PSCI_VERSION]);
    expect(n.values).toEqual([0x30d00800n, 31_250_000n, 62_500_000n, 0x10001n]);
    expect(n.virtualCount).toBe(46_875_000n);
    expect(n.decisions.join("\n")).toMatch(/arm64 KVM host's: its swapped virtual-timer ids .* swapped back/);
  });
});
