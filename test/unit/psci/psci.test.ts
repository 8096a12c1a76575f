// machines/psci/psci.ts: the function table and return codes (QEMU 7.2, ../shared/spec/psci.md),
// with a fake machine recording what each call does to the CPUs.
import { describe, it, expect } from "vitest";
import {
  psciCall, PowerState, PSCI_FN, type PsciHost,
  PSCI_NOT_SUPPORTED, PSCI_INVALID_PARAMETERS, PSCI_ALREADY_ON, PSCI_ON_PENDING,
} from "../../../machines/psci/psci.js";

class FakeHost implements PsciHost {
  readonly power: PowerState[];
  current = 0;
  log: string[] = [];
  constructor(readonly numCpus: number) {
    this.power = Array.from({ length: numCpus }, (_, i) => (i === 0 ? PowerState.On : PowerState.Off));
  }
  currentCpu(): number { return this.current; }
  affinityOf(cpu: number): number { return ((cpu >> 3) << 8) | (cpu & 7); }
  powerState(cpu: number): PowerState { return this.power[cpu]; }
  cpuOn(cpu: number, entry: bigint, ctx: bigint): void { this.power[cpu] = PowerState.OnPending; this.log.push(`on ${cpu} ${entry.toString(16)} ${ctx.toString(16)}`); }
  cpuOff(cpu: number): void { this.power[cpu] = PowerState.Off; this.log.push(`off ${cpu}`); }
  standby(cpu: number): void { this.log.push(`standby ${cpu}`); }
  systemOff(): void { this.log.push("system off"); }
  systemReset(): void { this.log.push("system reset"); }
}

const call = (h: PsciHost, fn: number, a1 = 0, a2 = 0, a3 = 0) => psciCall(h, fn, a1, a2, a3);

describe("PSCI function table", () => {
  it("PSCI_VERSION is 1.1, MIGRATE_INFO_TYPE 2, MIGRATE and MIGRATE_INFO_UP_CPU not supported", () => {
    const h = new FakeHost(2);
    expect(call(h, PSCI_FN.VERSION)).toBe(0x10001);
    expect(call(h, PSCI_FN.MIGRATE_INFO_TYPE)).toBe(2);
    expect(call(h, PSCI_FN.MIGRATE, 1)).toBe(PSCI_NOT_SUPPORTED);
    expect(call(h, PSCI_FN.V01_MIGRATE, 1)).toBe(PSCI_NOT_SUPPORTED);
    expect(call(h, PSCI_FN.MIGRATE_INFO_UP_CPU)).toBe(PSCI_NOT_SUPPORTED);
    expect(h.log).toEqual([]);
  });

  it("unknown ids, SMCCC ids and every SMC64 id (from AArch32) are NOT_SUPPORTED", () => {
    const h = new FakeHost(2);
    for (const fn of [0, 0x8000_0000, 0x8000_0001, 0x8400_000b, 0x8400_000e, 0x8400_0012, 0x95c1_ba62, 0xffff_ffff,
      0xc400_0001, 0xc400_0003, 0xc400_0004, 0xc400_000a]) {
      expect(call(h, fn, 1, 0x4000_0000, 0), fn.toString(16)).toBe(PSCI_NOT_SUPPORTED);
    }
    expect(h.log).toEqual([]); // SMC64 CPU_ON did not start anything
  });

  it("PSCI_FEATURES: 0 for the implemented SMC32 and 0.1 ids, NOT_SUPPORTED for the rest and all SMC64 ids", () => {
    const h = new FakeHost(1);
    const yes = [0x8400_0000, 0x8400_0001, 0x8400_0002, 0x8400_0003, 0x8400_0004, 0x8400_0006, 0x8400_0008,
      0x8400_0009, 0x8400_000a, 0x95c1_ba5e, 0x95c1_ba5f, 0x95c1_ba60];
    const no = [0x8400_0005, 0x8400_0007, 0x8400_000b, 0x8400_000e, 0x95c1_ba61, 0x8000_0000, 0,
      0xc400_0001, 0xc400_0003, 0xc400_0004];
    for (const f of yes) expect(call(h, PSCI_FN.FEATURES, f), f.toString(16)).toBe(0);
    for (const f of no) expect(call(h, PSCI_FN.FEATURES, f), f.toString(16)).toBe(PSCI_NOT_SUPPORTED);
  });

  it("AFFINITY_INFO: power state at level 0 (exact affinity match), always ON above", () => {
    const h = new FakeHost(2);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 0, 0)).toBe(0);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 1, 0)).toBe(1);
    h.power[1] = PowerState.OnPending;
    expect(call(h, PSCI_FN.AFFINITY_INFO, 1, 0)).toBe(2);
    for (const bad of [2, 0x8000_0001, 0x100, 0x101]) expect(call(h, PSCI_FN.AFFINITY_INFO, bad, 0)).toBe(PSCI_INVALID_PARAMETERS);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 1, 1)).toBe(0);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 9, 2)).toBe(0);
  });

  it("affinity values put 8 CPUs per cluster (CPU 9 is 0x101)", () => {
    const h = new FakeHost(10);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 0x101, 0)).toBe(1);
    expect(call(h, PSCI_FN.AFFINITY_INFO, 9, 0)).toBe(PSCI_INVALID_PARAMETERS);
  });

  it("CPU_ON: errors first, then the target is started with entry and context id", () => {
    const h = new FakeHost(2);
    expect(call(h, PSCI_FN.CPU_ON, 0, 0x4000_0000, 0)).toBe(PSCI_ALREADY_ON);
    expect(call(h, PSCI_FN.V01_CPU_ON, 0, 0x4000_0000, 0)).toBe(PSCI_ALREADY_ON);
    expect(call(h, PSCI_FN.CPU_ON, 2, 0x4000_0000, 0)).toBe(PSCI_INVALID_PARAMETERS);
    expect(call(h, PSCI_FN.CPU_ON, 0x8000_0001, 0x4000_0000, 0)).toBe(PSCI_INVALID_PARAMETERS);
    expect(h.log).toEqual([]);
    // AArch32 target: an entry that is not word aligned is accepted (bit 0: Thumb).
    expect(call(h, PSCI_FN.CPU_ON, 1, 0x4001_137b, 0xabcd_ef01)).toBe(0);
    expect(h.log).toEqual(["on 1 4001137b abcdef01"]);
    expect(call(h, PSCI_FN.CPU_ON, 1, 0x4000_0000, 0)).toBe(PSCI_ON_PENDING);
    h.power[1] = PowerState.On;
    expect(call(h, PSCI_FN.V01_CPU_ON, 1, 0x4000_0000, 0)).toBe(PSCI_ALREADY_ON);
  });

  it("CPU_OFF powers the caller off; SYSTEM_OFF / SYSTEM_RESET request the system change, then CPU off", () => {
    const h = new FakeHost(2);
    h.current = 1;
    h.power[1] = PowerState.On;
    call(h, PSCI_FN.CPU_OFF);
    call(h, PSCI_FN.V01_CPU_OFF);
    h.current = 0;
    call(h, PSCI_FN.SYSTEM_OFF);
    call(h, PSCI_FN.SYSTEM_RESET);
    expect(h.log).toEqual(["off 1", "off 1", "system off", "off 0", "system reset", "off 0"]);
  });

  it("calls that never return leave r0 as it was", () => {
    const h = new FakeHost(1);
    expect(call(h, PSCI_FN.CPU_OFF) >>> 0).toBe(PSCI_FN.CPU_OFF);
    expect(call(h, PSCI_FN.SYSTEM_OFF) >>> 0).toBe(PSCI_FN.SYSTEM_OFF);
  });

  it("CPU_SUSPEND: bits 31..17 of power_state set -> INVALID_PARAMETERS, else standby and SUCCESS", () => {
    const h = new FakeHost(1);
    for (const ps of [0x0002_0000, 0x8000_0000, 0x0010_0000]) {
      expect(call(h, PSCI_FN.CPU_SUSPEND, ps)).toBe(PSCI_INVALID_PARAMETERS);
      expect(call(h, PSCI_FN.V01_CPU_SUSPEND, ps)).toBe(PSCI_INVALID_PARAMETERS);
    }
    expect(h.log).toEqual([]);
    expect(call(h, PSCI_FN.CPU_SUSPEND, 0x0001_ffff, 0x4000_0000, 0x55)).toBe(0);
    expect(call(h, PSCI_FN.V01_CPU_SUSPEND, 0)).toBe(0);
    expect(h.log).toEqual(["standby 0", "standby 0"]);
  });
});

// From AArch64 (x0..x3 with all 64 bits): the SMC64 ids QEMU 7.2 serves, the full-width
// argument checks and the AArch64 CPU_ON rules (../shared/spec/psci.md §1-3).
describe("PSCI from AArch64", () => {
  const call64 = (h: PsciHost, fn: number | bigint, a1: number | bigint = 0, a2: number | bigint = 0, a3: number | bigint = 0) =>
    psciCall(h, fn, a1, a2, a3, { aarch64: true });

  it("SMC64 CPU_ON delivers the 64-bit entry and context id; SMC32 CPU_ON takes x2/x3 whole too", () => {
    const h = new FakeHost(3);
    expect(call64(h, 0xc400_0003, 1, 0x1_4020_0000n, 0xdead_beef_1234_5678n)).toBe(0);
    expect(call64(h, PSCI_FN.CPU_ON, 2, 0xffff_0000_4000_1000n, 0x8000_0000_0000_0001n)).toBe(0);
    expect(h.log).toEqual(["on 1 140200000 deadbeef12345678", "on 2 ffff000040001000 8000000000000001"]);
    expect(call64(h, 0xc400_0003, 1, 0x4000_0000, 0)).toBe(PSCI_ON_PENDING);
  });

  it("CPU_ON to an AArch64 target needs a word-aligned entry (checked before the target)", () => {
    const h = new FakeHost(2);
    for (const entry of [0x4000_0001, 0x4000_0002, 0x1_0000_0003n]) {
      expect(call64(h, 0xc400_0003, 1, entry, 0)).toBe(PSCI_INVALID_PARAMETERS);
      expect(call64(h, PSCI_FN.CPU_ON, 1, entry, 0)).toBe(PSCI_INVALID_PARAMETERS);
      expect(call64(h, 0xc400_0003, 0, entry, 0)).toBe(PSCI_INVALID_PARAMETERS); // not ALREADY_ON
    }
    expect(call64(h, 0xc400_0003, 0, 0x4000_0000, 0)).toBe(PSCI_ALREADY_ON);
    expect(call64(h, 0xc400_0003, 0x1_0000_0001n, 0x4000_0000, 0)).toBe(PSCI_INVALID_PARAMETERS); // MPIDR compared in full
    expect(h.log).toEqual([]);
  });

  it("AFFINITY_INFO and CPU_SUSPEND in both forms; SMC64 MIGRATE / MIGRATE_INFO_UP_CPU not supported", () => {
    const h = new FakeHost(2);
    expect(call64(h, 0xc400_0004, 1, 0)).toBe(PowerState.Off);
    expect(call64(h, 0xc400_0004, 0x1_0000_0000n, 0)).toBe(PSCI_INVALID_PARAMETERS);
    expect(call64(h, 0xc400_0004, 1, 0x1_0000_0000n)).toBe(PowerState.On); // level != 0
    expect(call64(h, 0xc400_0001, 0x0002_0000)).toBe(PSCI_INVALID_PARAMETERS);
    // QEMU tests bits 31..17 of power_state only.
    expect(call64(h, 0xc400_0001, 0xffff_ffff_0001_ffffn, 0x4000_0000, 7)).toBe(0);
    expect(h.log).toEqual(["standby 0"]);
    for (const fn of [0xc400_0005, 0xc400_0007]) expect(call64(h, fn, 1)).toBe(PSCI_NOT_SUPPORTED);
  });

  it("ids with no SMC64 form, and any id with bits 63..32 set, are NOT_SUPPORTED", () => {
    const h = new FakeHost(2);
    for (const fn of [0xc400_0000, 0xc400_0002, 0xc400_0006, 0xc400_0008, 0xc400_0009, 0xc400_000a,
      0x1_8400_0000n, 0xffff_ffff_8400_0008n, 0x1_c400_0003n]) {
      expect(call64(h, fn, 1, 0x4000_0000, 0), fn.toString(16)).toBe(PSCI_NOT_SUPPORTED);
    }
    expect(h.log).toEqual([]);
    expect(call64(h, PSCI_FN.VERSION)).toBe(0x10001);
    expect(call64(h, PSCI_FN.SYSTEM_OFF) >>> 0).toBe(PSCI_FN.SYSTEM_OFF);
    expect(h.log).toEqual(["system off", "off 0"]);
  });

  it("PSCI_FEATURES from AArch64 reports the SMC64 forms too", () => {
    const h = new FakeHost(1);
    for (const f of [0xc400_0001, 0xc400_0003, 0xc400_0004, 0x8400_0003, 0x8400_000a]) expect(call64(h, PSCI_FN.FEATURES, f), f.toString(16)).toBe(0);
    for (const f of [0xc400_0002, 0xc400_0005, 0xc400_0007, 0xc400_000a, 0x1_8400_0000n]) expect(call64(h, PSCI_FN.FEATURES, f), f.toString(16)).toBe(PSCI_NOT_SUPPORTED);
  });
});
