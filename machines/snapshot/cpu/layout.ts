// QEMU 7.2's per-vCPU sections, `cpu_common` (v1) and `cpu` (v22) with its cpu/vfp, cpu/thumb2ee
// and cpu/irq-line-state subsections, field for field as target/arm/machine.c and cpu.c write
// them (../shared/spec/arm-cpu-vmstate.md §1-2); and armlet's own `armlet-cpu`, which carries what
// our core needs beyond QEMU's fields for a resumed run to continue bit for bit.
// State objects are keyed by QEMU's field names.
import { scalar, subsection, timer, u32, u64, u8, unused, vmsd, type VmsdDecl } from "../vmstate.js";

export const CPU_COMMON_DECL: VmsdDecl = vmsd("cpu_common", 1, [u32("halted"), u32("interrupt_request")]);

/** cpu/vfp: 32 vector registers as QEMU packs them (two uint64 each), FPSID, xregs[2..15], FPSCR. */
const VFP_DECL = vmsd("cpu/vfp", 3, [
  ...Array.from({ length: 32 }, (_, i) => u64(`env.vfp.zregs[${i}].d`, 2)),
  u32("env.vfp.xregs[0]"),
  u32("env.vfp.xregs", 14),
  scalar("fpscr", "fpscr"),
]);
const THUMB2EE_DECL = vmsd("cpu/thumb2ee", 1, [u32("env.teecr"), u32("env.teehbr")]);
const IRQ_LINE_STATE_DECL = vmsd("cpu/irq-line-state", 1, [u32("env.irq_line_state")]);

/** The `cpu` section's fields, the same for every A-profile CPU of QEMU 7.2. */
const CPU_FIELDS = [
  u32("env.regs", 16),
  u64("env.xregs", 32),
  u64("env.pc"),
  scalar("cpsr", "cpsr"),
  u32("env.spsr"),
  u64("env.banked_spsr", 8),
  u32("env.banked_r13", 8),
  u32("env.banked_r14", 8),
  u32("env.usr_regs", 5),
  u32("env.fiq_regs", 5),
  u64("env.elr_el", 4),
  u64("env.sp_el", 4),
  // QEMU's "int32 le": the receiver checks it against its own list length; our merge does not need to.
  scalar("int32 le", "cpreg_vmstate_array_len"),
  u64("cpreg_vmstate_indexes", { field: "cpreg_vmstate_array_len" }),
  u64("cpreg_vmstate_values", { field: "cpreg_vmstate_array_len" }),
  u64("env.exclusive_addr"),
  u64("env.exclusive_val"),
  u64("env.exclusive_high"),
  unused(8),
  u32("env.exception.syndrome"),
  u32("env.exception.fsr"),
  u64("env.exception.vaddress"),
  timer("gt_timer[0]"),
  timer("gt_timer[1]"),
  scalar("powered_off", "power_state"),
];

export const CPU_DECL: VmsdDecl = vmsd("cpu", 22, CPU_FIELDS, [
  // The Cortex-A15 has VFPv4 with 32 D registers, and ThumbEE; the line state is always sent.
  subsection(VFP_DECL, () => true),
  subsection(THUMB2EE_DECL, () => true),
  subsection(IRQ_LINE_STATE_DECL, () => true),
]);

/** The Cortex-A57's (qemu-system-aarch64 -cpu cortex-a57): FP/SIMD, no ThumbEE, no SVE. */
export const CPU_DECL_A64: VmsdDecl = vmsd("cpu", 22, CPU_FIELDS, [
  subsection(VFP_DECL, () => true),
  subsection(IRQ_LINE_STATE_DECL, () => true),
]);

/** The `cpu` declaration of a CPU: AArch64 (cortex-a57) or AArch32 (cortex-a15). */
export const cpuDecl = (aarch64: boolean): VmsdDecl => (aarch64 ? CPU_DECL_A64 : CPU_DECL);

/** armlet-cpu: per-CPU run state QEMU's sections do not carry (or carry only approximately). */
export const ARMLET_CPU_DECL: VmsdDecl = vmsd("armlet-cpu", 1, [
  u8("psci_power"),          // PowerState: 0 on, 1 off, 2 on-pending (QEMU's power_state has no third value)
  u32("halted"),             // waiting in WFI/WFE (QEMU's halted also means "powered off")
  u32("event"),              // the WFE event register
  u64("icount"),             // instructions this CPU retired (its time base in --icount runs)
  u64("time_base_ns"),       // f64 bits: guest ns at icount 0
  u32("timer_lines"),        // timer and PMU output levels last computed
  u64("exclusive_addr"),     // the monitor exactly (QEMU has no access size, and -1 for "none")
  u32("exclusive_size"),
  u32("exclusive_valid"),
  u64("exclusive_val"),
  u64("cntvoff"),            // virtual counter offset (in QEMU's list only with EL2)
  u64("pmu_delta", 7),       // PMU counter bases (core/pmu.ts), cycle counter then 6 event counters
  u64("pmu_due_ns"),         // f64 bits
  u64("pmu_due_insns"),
]);

export type CpuState = Record<string, any>;

/** A `cpu` state object with every array at its size (the cpreg arrays at `cpregs`). */
export function emptyCpuState(cpregs = 0): CpuState {
  const s: CpuState = {
    "env.regs": new Array(16).fill(0), "env.xregs": new Array(32).fill(0n), "env.pc": 0n, cpsr: 0, "env.spsr": 0,
    "env.banked_spsr": new Array(8).fill(0n), "env.banked_r13": new Array(8).fill(0), "env.banked_r14": new Array(8).fill(0),
    "env.usr_regs": new Array(5).fill(0), "env.fiq_regs": new Array(5).fill(0),
    "env.elr_el": new Array(4).fill(0n), "env.sp_el": new Array(4).fill(0n),
    cpreg_vmstate_array_len: cpregs, cpreg_vmstate_indexes: new Array(cpregs).fill(0n), cpreg_vmstate_values: new Array(cpregs).fill(0n),
    "env.exclusive_addr": -1n, "env.exclusive_val": 0n, "env.exclusive_high": 0n,
    "env.exception.syndrome": 0, "env.exception.fsr": 0, "env.exception.vaddress": 0n,
    "gt_timer[0]": -1n, "gt_timer[1]": -1n, power_state: 0,
    "env.vfp.xregs[0]": 0, "env.vfp.xregs": new Array(14).fill(0), fpscr: 0,
    "env.teecr": 0, "env.teehbr": 0, "env.irq_line_state": 0,
  };
  for (let i = 0; i < 32; i++) s[`env.vfp.zregs[${i}].d`] = [0n, 0n];
  return s;
}

export function emptyArmletCpuState(): CpuState {
  return {
    psci_power: 0, halted: 0, event: 0, icount: 0n, time_base_ns: 0n, timer_lines: 0,
    exclusive_addr: 0n, exclusive_size: 0, exclusive_valid: 0, exclusive_val: 0n, cntvoff: 0n,
    pmu_delta: new Array(7).fill(0n), pmu_due_ns: 0n, pmu_due_insns: 0n,
  };
}

/** QEMU's CPU_INTERRUPT_* bits of the input lines (7.2): IRQ, FIQ, VIRQ, VFIQ. */
export const IRQ_LINE_BITS = [0x0002, 0x0010, 0x0040, 0x0200] as const;
