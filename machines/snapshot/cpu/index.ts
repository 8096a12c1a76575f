// The CPU sections (QEMU's cpu_common and cpu per vCPU, then armlet's own armlet-cpu per vCPU),
// registered after `timer` and before the interrupt controller, as QEMU orders them. Saving reads
// each CPU's state from the core (its register list raw, as QEMU's pre_save); loading stages and
// checks every part first (check(): the register-list merge and its decisions), and applies a
// CPU's parts together once all are loaded (postLoad).
import type { LoadReport, SectionRegistry } from "../section.js";
import { cloneState } from "../section.js";
import type { CoreExports } from "../../core.js";
import type { CpuSet } from "../../cpus.js";
import { ArmletError } from "../../errors.js";
import { PowerState } from "../../psci/psci.js";
import { S_HALTED, S_IRQ_LINES, S_SYSREGS, S_TIME_BASE_NS } from "../../../core/state/layout.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { CNTFRQ_RESET } from "../../../core/sysregs/defs/timer.js";
import { ARMLET_CPU_DECL, CPU_COMMON_DECL, cpuDecl, emptyArmletCpuState, emptyCpuState, type CpuState } from "./layout.js";
import { buildCpregList, type CpregEntry } from "./cpreg-list.js";
import { coreRegsProblems, linesToQemu, readCoreRegs, vfpIdDifferences, writeCoreRegs } from "./core-regs.js";
import { coreRegsProblemsA64, readCoreRegsA64, vfpIdDifferencesA64, writeCoreRegsA64 } from "./core-regs-a64.js";
import { readArmletCpu, writeArmletCpu } from "./armlet-cpu.js";
import { mergeCpregs, type CpregPolicy, type MergePlan } from "./merge.js";
import { normaliseList } from "./kvm-ids.js";
import { qemuTimerDeadline } from "./timer-deadlines.js";
import { powerFromStream, powerNote } from "./power.js";

export type { CpregPolicy } from "./merge.js";

/** What the CPU sections need from the machine. */
export interface CpuSnapshotHost {
  core: CoreExports;
  cpus: CpuSet;
  numCpus: number;
  /** The board's name (virt, vexpress-a15). */
  board: string;
  /** Guest time now (ns), the time base of QEMU's timer deadlines. */
  guestNs(): number;
  /** PSCI boards start secondaries powered off (a reset puts them back so). */
  secondariesStartOff: boolean;
  /** The CPUs are AArch64 (cortex-a57): QEMU's qemu-system-aarch64 layout and register list. */
  aarch64?: boolean;
  /** The CPU is configured like QEMU's with EL3 and EL2 (vexpress-a15): its register list has their rows. */
  el3?: boolean;
  /** Virtual time: ns per instruction (0: host time). */
  nsPerInsn?: number;
  /** How to treat register ids this CPU does not know (default "lenient": skip and report). */
  cpregPolicy?: CpregPolicy;
  /** The counter frequency of the KVM host a stream came from (its counter values are in its ticks). */
  kvmCounterHz?: number;
}

/** One CPU's staged parts, gathered by the sections' load() and applied by cpu's postLoad(). */
interface Staged { common?: CpuState; cpu?: CpuState; armlet?: CpuState }

export function registerCpuSections(reg: SectionRegistry, host: CpuSnapshotHost): void {
  const { core, cpus } = host;
  const a64 = host.aarch64 === true;
  const list = buildCpregList({ el3: host.el3, model: a64 ? "a57" : "a15" });
  const regs = a64
    ? { read: readCoreRegsA64, write: writeCoreRegsA64, problems: coreRegsProblemsA64, vfpIds: vfpIdDifferencesA64 }
    : { read: readCoreRegs, write: writeCoreRegs, problems: coreRegsProblems, vfpIds: vfpIdDifferences };
  const plans = new WeakMap<object, { plan: MergePlan; virtualCount?: bigint }>();
  const staged: Staged[] = Array.from({ length: host.numCpus }, () => ({}));

  /** Run `fn` with CPU i loaded in STATE, then load the CPU that was there before. */
  const onCpu = <T>(i: number, fn: () => T): T => {
    const before = cpus.running;
    cpus.switchTo(i);
    try { return fn(); } finally { if (before >= 0) cpus.switchTo(before); }
  };
  const powerOf = (i: number) => cpus.powerState(i);

  for (let i = 0; i < host.numCpus; i++) {
    const common: CpuState = { halted: 0, interrupt_request: 0 };
    reg.add({
      idstr: "cpu_common", instanceId: i, decl: CPU_COMMON_DECL,
      state: () => common,
      preSave: () => {
        const halted = cpus.peek32(i, S_HALTED) !== 0;
        common.halted = halted || powerOf(i) !== PowerState.On ? 1 : 0;
        common.interrupt_request = linesToQemu(cpus.peek32(i, S_IRQ_LINES));
      },
      staging: () => cloneState(common),
      load: (st) => { staged[i].common = st; },
    });

    const cpu = emptyCpuState(list.length);
    reg.add({
      idstr: "cpu", instanceId: i, decl: cpuDecl(a64),
      state: () => cpu,
      preSave: () => onCpu(i, () => {
        regs.read(core, cpu);
        core.pmuHostBegin();
        cpu.cpreg_vmstate_array_len = list.length;
        cpu.cpreg_vmstate_indexes = list.map((e) => e.id);
        cpu.cpreg_vmstate_values = list.map((e) => BigInt.asUintN(64, e.read(core)));
        core.pmuHostEnd();
        const count = BigInt(Math.max(0, Math.floor(host.guestNs() / 16)));
        const sr = (n: string) => new DataView(core.memory.buffer).getBigUint64(core.stateBase() + S_SYSREGS + SYSREG_STORAGE[n], true);
        cpu["gt_timer[0]"] = qemuTimerDeadline(sr("CNTP_CTL"), sr("CNTP_CVAL"), 0n, count);
        cpu["gt_timer[1]"] = qemuTimerDeadline(sr("CNTV_CTL"), sr("CNTV_CVAL"), sr("CNTVOFF"), count);
        // On-pending (a CPU_ON not applied yet) is not a QEMU state: off here, exact in armlet-cpu.
        cpu.power_state = powerOf(i) === PowerState.On ? 0 : 1;
      }),
      staging: () => cloneState(cpu),
      check: (st, report) => checkCpu(i, st, report),
      load: (st) => { staged[i].cpu = st; },
      postLoad: () => applyCpu(i),
    });
  }
  for (let i = 0; i < host.numCpus; i++) {
    const a = emptyArmletCpuState();
    reg.add({
      idstr: "armlet-cpu", instanceId: i, decl: ARMLET_CPU_DECL, armletOnly: true,
      state: () => a,
      preSave: () => onCpu(i, () => {
        core.pmuHostBegin();
        readArmletCpu(core, a);
        core.pmuHostEnd();
        a.psci_power = powerOf(i);
      }),
      staging: () => cloneState(a),
      check: (st) => {
        if (![0, 1, 2].includes(Number(st.psci_power))) throw new ArmletError("snapshot", `armlet-cpu ${i}: power state ${st.psci_power} is not one of on (0), off (1), on-pending (2)`);
      },
      load: (st) => { staged[i].armlet = st; },
    });
  }

  /** Validate CPU i's staged `cpu` state and plan its register list (nothing applied yet). */
  function checkCpu(i: number, st: CpuState, report: LoadReport): void {
    const problems = regs.problems(st);
    if (problems.length) throw new ArmletError("snapshot", `cpu ${i}: ${problems.join("; ")}`);
    for (const d of regs.vfpIds(st)) report.decisions.push(`cpu ${i}: ${d}`);
    const n = Number(st.cpreg_vmstate_array_len);
    const norm = normaliseList(st.cpreg_vmstate_indexes.slice(0, n), st.cpreg_vmstate_values.slice(0, n),
      { kvmCounterHz: host.kvmCounterHz, ourHz: CNTFRQ_RESET });
    if (i === 0) report.decisions.push(...norm.decisions);
    const plan = onCpu(i, () => mergeCpregs(i, core, list, norm.ids, norm.values, host.cpregPolicy ?? "lenient", { aarch64: a64 }));
    report.decisions.push(...plan.decisions);
    if (norm.virtualCount !== undefined) report.decisions.push(`cpu ${i}: the stream's virtual count becomes a counter offset (CNTVOFF) so the guest's virtual count continues`);
    const note = powerNote(i, Number(st.power_state), host.secondariesStartOff);
    if (note) report.notes.push(note);
    plans.set(st, { plan, virtualCount: norm.virtualCount });
  }

  /** Apply CPU i's staged parts (after every section loaded: the guest clock is restored). */
  function applyCpu(i: number): void {
    const s = staged[i];
    staged[i] = {};
    if (!s.cpu) return;
    const planned = plans.get(s.cpu);
    onCpu(i, () => {
      regs.write(core, s.cpu!);
      core.pmuHostBegin();
      for (const w of planned?.plan.writes ?? []) w.entry.write(core, w.value);
      const v = new DataView(core.memory.buffer), b = core.stateBase();
      if (s.armlet) {
        writeArmletCpu(core, s.armlet);
      } else {
        v.setUint32(b + S_HALTED, Number(s.common?.halted ?? 0) ? 1 : 0, true);
        const ns = host.nsPerInsn ?? 0;
        if (ns > 0) v.setFloat64(b + S_TIME_BASE_NS, host.guestNs() - core.getIcount() * ns, true);
      }
      if (planned?.virtualCount !== undefined) {
        const phys = BigInt(Math.max(0, Math.floor(host.guestNs() / 16)));
        v.setBigUint64(b + S_SYSREGS + SYSREG_STORAGE.CNTVOFF, BigInt.asUintN(64, phys - planned.virtualCount), true);
      }
      core.pmuHostEnd();
    });
    cpus.setPowerState(i, powerFromStream(Number(s.cpu.power_state), s.armlet ? Number(s.armlet.psci_power) : undefined,
      cpus.pendingOn.some((p) => p.cpu === i)));
  }
}

export { cpregName, cpregEncoding } from "./names.js";
export { buildCpregList, type CpregEntry } from "./cpreg-list.js";
void ({} as CpregEntry);
