// One vCPU of a stream as `armlet snapshot info` shows it: power state (QEMU's powered_off and
// armlet's exact one), the current mode's r0-r15 and CPSR (in AArch64 state: X0-X30, SP, PC,
// PSTATE and the EL1 banks), and the register list by name. Read
// from the decoded `cpu_common`, `cpu` and `armlet-cpu` states, no core involved.
import { PowerState } from "../../psci/psci.js";
import { powerFromStream } from "./power.js";
import { cpregEncoding, cpregName } from "./names.js";

export type PowerName = "on" | "off" | "on-pending";

export interface CpregInfo {
  /** The register list id (KVM's encoding), 16 hex digits. */
  id: string;
  name: string;
  /** Hex: 8 digits when the value fits 32 bits, else 16. */
  value: string;
}

export interface CpuInfo {
  index: number;
  /** What the CPU does when the snapshot is resumed. */
  power: PowerName;
  /** QEMU's `powered_off` field (cpu section). */
  poweredOff: boolean;
  /** armlet's own power state (armlet-cpu), null in a stream armlet did not write. */
  armletPower: PowerName | null;
  /** Waiting for an interrupt (WFI/WFE); QEMU's cpu_common.halted also counts a powered-off CPU. */
  halted: boolean;
  cpsr: number;
  mode: string;
  /** The CPU is in AArch64 state (cpsr is PSTATE, mode "EL1h"...; regs then stale, xregs current). */
  aarch64: boolean;
  /** r0-r15 of the current mode. */
  regs: Record<string, number>;
  /** AArch64 state only: x0-x30, sp (the selected one), pc, sp_el0, sp_el1, elr_el1, spsr_el1; hex. */
  xregs?: Record<string, string>;
  cpregs: CpregInfo[];
}

const MODES: Record<number, string> = {
  0x10: "usr", 0x11: "fiq", 0x12: "irq", 0x13: "svc", 0x16: "mon", 0x17: "abt", 0x1a: "hyp", 0x1b: "und", 0x1f: "sys",
};
const POWER_NAMES: Record<number, PowerName> = { [PowerState.On]: "on", [PowerState.Off]: "off", [PowerState.OnPending]: "on-pending" };

/** An AArch32 mode name, or the AArch64 EL and stack pointer ("EL1h", "EL0t") when PSTATE.nRW is clear. */
export const modeName = (cpsr: number): string => (cpsr & 0x10) === 0
  ? `EL${(cpsr >>> 2) & 3}${cpsr & 1 ? "h" : "t"}`
  : MODES[cpsr & 0x1f] ?? `mode 0x${(cpsr & 0x1f).toString(16)}`;

export const hex32 = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, "0")}`;
export function hex64(v: bigint): string {
  const u = BigInt.asUintN(64, v);
  return `0x${u.toString(16).padStart(u >> 32n ? 16 : 8, "0")}`;
}

/**
 * A CPU from its decoded sections. `cpu` is the `cpu` section's state (its power field is
 * `power_state` through armlet's declaration, `powered_off` through the stream's JSON alone).
 */
export function cpuInfo(index: number, cpu: any, common: any | undefined, armlet: any | undefined, pendingOn: boolean): CpuInfo {
  const poweredOff = Number(cpu.power_state ?? cpu.powered_off ?? 0) !== 0;
  const ours = armlet ? Number(armlet.psci_power) : undefined;
  const power = POWER_NAMES[powerFromStream(poweredOff ? 1 : 0, ours, pendingOn)];
  const regs: Record<string, number> = {};
  const r = cpu["env.regs"] as ArrayLike<number>;
  for (let i = 0; i < 16; i++) regs[`r${i}`] = Number(r[i]) >>> 0;
  const cpsr = Number(cpu.cpsr) >>> 0;
  const aarch64 = (cpsr & 0x10) === 0;
  let xregs: Record<string, string> | undefined;
  if (aarch64) {
    const x = cpu["env.xregs"] as ArrayLike<bigint>;
    const big = (v: unknown) => BigInt.asUintN(64, BigInt(v as bigint));
    xregs = {};
    for (let i = 0; i < 31; i++) xregs[`x${i}`] = hex64(big(x[i]));
    xregs.sp = hex64(big(x[31]));
    xregs.pc = hex64(big(cpu["env.pc"]));
    xregs.sp_el0 = hex64(big(cpu["env.sp_el"][0]));
    xregs.sp_el1 = hex64(big(cpu["env.sp_el"][1]));
    xregs.elr_el1 = hex64(big(cpu["env.elr_el"][1]));
    xregs.spsr_el1 = hex64(big(cpu["env.banked_spsr"][1]));
  }
  const n = Number(cpu.cpreg_vmstate_array_len ?? 0);
  const ids = cpu.cpreg_vmstate_indexes as ArrayLike<bigint>;
  const values = cpu.cpreg_vmstate_values as ArrayLike<bigint>;
  const cpregs: CpregInfo[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = BigInt.asUintN(64, BigInt(ids[i]));
    // Some rows list one name under two ids (an ID register's AArch32 and AArch64 encodings): the later gets its encoding.
    let name = cpregName(id);
    if (seen.has(name)) name = `${name} (${cpregEncoding(id)})`;
    seen.add(name);
    cpregs.push({ id: `0x${id.toString(16).padStart(16, "0")}`, name, value: hex64(BigInt(values[i])) });
  }
  const halted = armlet ? Number(armlet.halted) !== 0 : Number(common?.halted ?? 0) !== 0 && !poweredOff;
  return {
    index, power, poweredOff, armletPower: ours === undefined ? null : POWER_NAMES[ours] ?? null,
    halted, cpsr, mode: modeName(cpsr), aarch64, regs, ...(xregs ? { xregs } : {}), cpregs,
  };
}

/** CPSR flags and masks for people: "nZCv, IRQ FIQ masked, Thumb". */
export function cpsrSummary(cpsr: number, aarch64 = false): string {
  const flag = (bit: number, c: string) => ((cpsr >>> bit) & 1 ? c.toUpperCase() : c);
  const masked = [aarch64 && (cpsr & 0x200) && "Debug", (cpsr & 0x80) && "IRQ", (cpsr & 0x40) && "FIQ", (cpsr & 0x100) && "SError"].filter(Boolean);
  return [
    flag(31, "n") + flag(30, "z") + flag(29, "c") + flag(28, "v"),
    masked.length ? `${masked.join(" ")} masked` : "interrupts unmasked",
    ...(aarch64 ? [] : [cpsr & 0x20 ? "Thumb" : "ARM"]),
  ].join(", ");
}
