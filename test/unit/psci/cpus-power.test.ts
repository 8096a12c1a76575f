// CPU power states in machines/cpus.ts (PSCI): off CPUs never run, CPU_ON resets and starts the
// target as QEMU's arm_set_cpu_on does for an AArch32 CPU at EL1.
import { describe, it, expect } from "vitest";
import { instantiateCore } from "../../../machines/core.js";
import { CpuSet } from "../../../machines/cpus.js";
import { PowerState } from "../../../machines/psci/psci.js";
import { S_HALTED, HALT_WFE, HALT_WFI } from "../../../core/state/layout.js";
import { dispatchKey, cp15 } from "../../../core/sysregs/defs/types.js";

const SCTLR = dispatchKey(cp15(1, 0, 0, 0)), MPIDR = dispatchKey(cp15(0, 0, 0, 5));

function cpuSet(n: number): CpuSet {
  const core = instantiateCore(1 << 16, {
    mmioRead: () => 0, mmioWrite: () => {}, semihosting: () => 0, hostNowNs: () => 0, trace: () => {},
  });
  const cpus = new CpuSet(core, n);
  cpus.resetAll(0);
  return cpus;
}

describe("CPU power states", () => {
  it("all CPUs on without PSCI; with PSCI only CPU 0", () => {
    const cpus = cpuSet(3);
    cpus.resetPower(false);
    expect([0, 1, 2].map((i) => cpus.powerState(i))).toEqual([PowerState.On, PowerState.On, PowerState.On]);
    expect(cpus.runnable(1, 0)).toBe(true);
    cpus.resetPower(true);
    expect([0, 1, 2].map((i) => cpus.powerState(i))).toEqual([PowerState.On, PowerState.Off, PowerState.Off]);
    expect(cpus.runnable(0, 0)).toBe(true);
    expect(cpus.runnable(1, 0)).toBe(false);
  });

  it("a powered-off CPU does not run even with an interrupt or an event", () => {
    const cpus = cpuSet(2);
    cpus.resetPower(true);
    cpus.setIrqLines(1, true, true);
    cpus.signalEvent(0);
    expect(cpus.runnable(1, 0)).toBe(false);
  });

  it("CPU_ON: on-pending until started, then reset state with r0, PC and Thumb from the entry", () => {
    const cpus = cpuSet(2);
    cpus.resetPower(true);
    // Dirty CPU 1's state first: the start must reset it.
    cpus.switchTo(1);
    const core = (cpus as unknown as { core: ReturnType<typeof instantiateCore> }).core;
    core.setCpsr(0x6000_0010); // User mode, flags
    core.setReg(1, 0x1111);
    core.setReg(13, 0x2222);
    core.writeSysreg(SCTLR, 0x00c5_0879); // SCTLR with M set
    cpus.switchTo(0);

    cpus.requestOn(1, 0x4001_137b, 0xabcd_ef01);
    expect(cpus.powerState(1)).toBe(PowerState.OnPending);
    expect(cpus.runnable(1, 0)).toBe(false);
    expect(cpus.startPending(0)).toBe(true);
    expect(cpus.powerState(1)).toBe(PowerState.On);
    expect(cpus.runnable(1, 0)).toBe(true);
    cpus.switchTo(1);
    expect(core.getReg(0) >>> 0).toBe(0xabcd_ef01);
    expect(core.getReg(15) >>> 0).toBe(0x4001_137a);
    expect(core.getReg(1)).toBe(0);
    expect(core.getReg(13)).toBe(0);
    expect(core.getCpsr() >>> 0).toBe(0x4000_01f3); // SVC, A I F masked, Thumb (Z from QEMU's reset value)
    expect(core.readSysreg(SCTLR) >>> 0).toBe(0x00c5_0078); // MMU off
    expect(cpus.startPending(0)).toBe(false);
  });

  it("CPU_ON in ARM state, and the CPU keeps its index (MPIDR) and instruction count", () => {
    const cpus = cpuSet(2);
    cpus.resetPower(true);
    cpus.requestOn(1, 0x4000_1000, 7);
    cpus.startPending(0);
    cpus.switchTo(1);
    const core = (cpus as unknown as { core: ReturnType<typeof instantiateCore> }).core;
    expect(core.getCpsr() >>> 0).toBe(0x4000_01d3);
    expect(core.getReg(15) >>> 0).toBe(0x4000_1000);
    expect(core.readSysreg(MPIDR) >>> 0).toBe(0x8000_0001);
  });

  it("powerOff halts the CPU and makes it not runnable; standby only halts", () => {
    const cpus = cpuSet(2);
    cpus.resetPower(false);
    cpus.standby(1);
    expect(cpus.halted(1)).toBe(true);
    cpus.setIrqLines(1, true, false);
    expect(cpus.runnable(1, 0)).toBe(true); // an interrupt wakes standby
    cpus.powerOff(1);
    expect(cpus.powerState(1)).toBe(PowerState.Off);
    expect(cpus.runnable(1, 0)).toBe(false);
  });

  it("another CPU's SEV wakes a CPU waiting in WFE, not one in WFI (two idle CPUs must not wake each other)", () => {
    const cpus = cpuSet(3);
    cpus.resetPower(false);
    const poke = (cpu: number, v: number) => (cpus as unknown as { poke32(c: number, o: number, v: number): void }).poke32(cpu, S_HALTED, v);
    poke(1, HALT_WFI);
    poke(2, HALT_WFE);
    cpus.signalEvent(0);
    expect(cpus.halted(1)).toBe(true);
    expect(cpus.runnable(1, 0)).toBe(false);
    expect(cpus.halted(2)).toBe(false);
  });

  it("resetPower drops CPU_ON requests not yet applied", () => {
    const cpus = cpuSet(2);
    cpus.resetPower(true);
    cpus.requestOn(1, 0x4000_0000, 0);
    cpus.resetPower(true);
    expect(cpus.startPending(0)).toBe(false);
    expect(cpus.powerState(1)).toBe(PowerState.Off);
  });
});
