// armlet-cpu: what our core keeps per CPU beyond QEMU's fields (layout.ts ARMLET_CPU_DECL),
// copied raw from and to the CPU loaded in STATE so a resumed run continues bit for bit.
import {
  S_HALTED, S_EVENT, S_TIME_BASE_NS, S_TIMER_LINES, S_EXCL_ADDR, S_EXCL_SIZE, S_EXCL_VALID, S_EXCL_VAL,
  S_PMU_DELTA, S_PMU_DUE_NS, S_PMU_DUE_INSNS, S_SYSREGS,
} from "../../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import type { CoreExports } from "../../core.js";
import type { CpuState } from "./layout.js";

const f64bits = (x: number) => { const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, x, true); return b.getBigUint64(0, true); };
const bitsF64 = (x: bigint) => { const b = new DataView(new ArrayBuffer(8)); b.setBigUint64(0, BigInt.asUintN(64, x), true); return b.getFloat64(0, true); };
const CNTVOFF = S_SYSREGS + SYSREG_STORAGE.CNTVOFF;

/** Fill `a` (all but psci_power) from the loaded CPU; the PMU counters must be in sync (pmuHostBegin). */
export function readArmletCpu(core: CoreExports, a: CpuState): void {
  const v = new DataView(core.memory.buffer), b = core.stateBase();
  a.halted = v.getUint32(b + S_HALTED, true);
  a.event = v.getUint32(b + S_EVENT, true);
  a.icount = BigInt(core.getIcount());
  a.time_base_ns = f64bits(v.getFloat64(b + S_TIME_BASE_NS, true));
  a.timer_lines = v.getUint32(b + S_TIMER_LINES, true);
  a.exclusive_addr = v.getBigUint64(b + S_EXCL_ADDR, true);
  a.exclusive_size = v.getUint32(b + S_EXCL_SIZE, true);
  a.exclusive_valid = v.getUint32(b + S_EXCL_VALID, true);
  a.exclusive_val = v.getBigUint64(b + S_EXCL_VAL, true);
  a.cntvoff = v.getBigUint64(b + CNTVOFF, true);
  a.pmu_delta = Array.from({ length: 7 }, (_, i) => v.getBigUint64(b + S_PMU_DELTA + 8 * i, true));
  a.pmu_due_ns = f64bits(v.getFloat64(b + S_PMU_DUE_NS, true));
  a.pmu_due_insns = v.getBigUint64(b + S_PMU_DUE_INSNS, true);
}

/** Write `a` into the loaded CPU (after the QEMU fields and the register list). */
export function writeArmletCpu(core: CoreExports, a: CpuState): void {
  const v = new DataView(core.memory.buffer), b = core.stateBase();
  v.setUint32(b + S_HALTED, Number(a.halted), true);
  v.setUint32(b + S_EVENT, Number(a.event), true);
  core.setIcountF(Number(a.icount));
  v.setFloat64(b + S_TIME_BASE_NS, bitsF64(a.time_base_ns), true);
  v.setUint32(b + S_TIMER_LINES, Number(a.timer_lines), true);
  v.setBigUint64(b + S_EXCL_ADDR, BigInt.asUintN(64, a.exclusive_addr), true);
  v.setUint32(b + S_EXCL_SIZE, Number(a.exclusive_size), true);
  v.setUint32(b + S_EXCL_VALID, Number(a.exclusive_valid), true);
  v.setBigUint64(b + S_EXCL_VAL, BigInt.asUintN(64, a.exclusive_val), true);
  v.setBigUint64(b + CNTVOFF, BigInt.asUintN(64, a.cntvoff), true);
  (a.pmu_delta as bigint[]).forEach((x, i) => v.setBigUint64(b + S_PMU_DELTA + 8 * i, BigInt.asUintN(64, x), true));
  v.setFloat64(b + S_PMU_DUE_NS, bitsF64(a.pmu_due_ns), true);
  v.setBigUint64(b + S_PMU_DUE_INSNS, BigInt.asUintN(64, a.pmu_due_insns), true);
}
