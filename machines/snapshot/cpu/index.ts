// The CPU sections (QEMU's cpu_common and cpu per vCPU, and armlet's own per-CPU extras),
// registered after `timer` and before the interrupt controller, as QEMU orders them.
import type { SectionRegistry } from "../section.js";
import type { CoreExports } from "../../core.js";
import type { CpuSet } from "../../cpus.js";

/** What the CPU sections need from the machine. */
export interface CpuSnapshotHost {
  core: CoreExports;
  cpus: CpuSet;
  numCpus: number;
  /** The board's name (virt, vexpress-a15): the cpreg list depends on the board's CPU config. */
  board: string;
  /** Guest time now (ns), the time base of QEMU's timer deadlines. */
  guestNs(): number;
  /** PSCI boards start secondaries powered off (a reset puts them back so). */
  secondariesStartOff: boolean;
}

export function registerCpuSections(_reg: SectionRegistry, _host: CpuSnapshotHost): void {
  // Filled in by the CPU section work (cpu_common, cpu, armlet-cpu).
}
