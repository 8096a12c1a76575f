// PSCI as QEMU 7.2's TCG provides it on the HVC/SMC conduit (../shared/spec/psci.md): the
// function-id table, the return codes, and what each function does to the CPUs' power states.
// The core passes r0..r3 (x0..x3) of a conduit call to the machine (core/exec/psci.ts), which
// calls psciCall() with a PsciHost giving access to the CPUs; the result goes to r0 (x0,
// sign-extended). No EL2/EL3 is given to the guest, so CPU_ON starts the target at EL1: SVC mode
// on the Cortex-A15, AArch64 EL1h on the Cortex-A57. From AArch32 the SMC64 ids are refused;
// from AArch64 both forms are served with the full 64-bit register values.

/** Return codes (signed, in r0). */
export const PSCI_SUCCESS = 0;
export const PSCI_NOT_SUPPORTED = -1;
export const PSCI_INVALID_PARAMETERS = -2;
export const PSCI_DENIED = -3;
export const PSCI_ALREADY_ON = -4;
export const PSCI_ON_PENDING = -5;

/** AFFINITY_INFO answers, and the per-CPU power state the machine keeps. */
export const PowerState = { On: 0, Off: 1, OnPending: 2 } as const;
export type PowerState = (typeof PowerState)[keyof typeof PowerState];

/** Function ids (SMC32; the SMC64 form has bit 30 set) and QEMU's PSCI 0.1 ids. */
export const PSCI_FN = {
  VERSION: 0x8400_0000,
  CPU_SUSPEND: 0x8400_0001,
  CPU_OFF: 0x8400_0002,
  CPU_ON: 0x8400_0003,
  AFFINITY_INFO: 0x8400_0004,
  MIGRATE: 0x8400_0005,
  MIGRATE_INFO_TYPE: 0x8400_0006,
  MIGRATE_INFO_UP_CPU: 0x8400_0007,
  SYSTEM_OFF: 0x8400_0008,
  SYSTEM_RESET: 0x8400_0009,
  FEATURES: 0x8400_000a,
  V01_CPU_SUSPEND: 0x95c1_ba5e,
  V01_CPU_OFF: 0x95c1_ba5f,
  V01_CPU_ON: 0x95c1_ba60,
  V01_MIGRATE: 0x95c1_ba61,
} as const;
/** Bit 30 of a function id: the SMC64 calling convention. */
export const PSCI_SMC64 = 0x4000_0000;

/** PSCI 1.1, what QEMU 7.2 reports. */
export const PSCI_VERSION_1_1 = 0x0001_0001;
/** MIGRATE_INFO_TYPE: no Trusted OS, migration not required. */
const TOS_NOT_PRESENT_MP = 2;

/** What PSCI needs from the machine. */
export interface PsciHost {
  readonly numCpus: number;
  /** Index of the CPU making the call. */
  currentCpu(): number;
  /** The affinity value (MPIDR[23:0]) identifying a CPU. */
  affinityOf(cpu: number): number;
  powerState(cpu: number): PowerState;
  /** Start a powered-off CPU at `entry` (AArch32 target: odd is Thumb) with r0/x0 = contextId,
   *  as CPU_ON does (64-bit values from an AArch64 caller). */
  cpuOn(cpu: number, entry: bigint, contextId: bigint): void;
  /** Power off the calling CPU: it executes nothing more until a CPU_ON. */
  cpuOff(cpu: number): void;
  /** The calling CPU waits for an interrupt, as WFI (CPU_SUSPEND's standby). */
  standby(cpu: number): void;
  systemOff(): void;
  systemReset(): void;
}

/** Ids PSCI_FEATURES reports as implemented (answer 0: no feature flags), SMC32 and SMC64 forms. */
const FEATURES = new Set<number>([
  PSCI_FN.VERSION, PSCI_FN.MIGRATE_INFO_TYPE, PSCI_FN.AFFINITY_INFO, PSCI_FN.AFFINITY_INFO | PSCI_SMC64,
  PSCI_FN.SYSTEM_RESET, PSCI_FN.SYSTEM_OFF,
  PSCI_FN.V01_CPU_ON, PSCI_FN.CPU_ON, PSCI_FN.CPU_ON | PSCI_SMC64,
  PSCI_FN.V01_CPU_OFF, PSCI_FN.CPU_OFF,
  PSCI_FN.V01_CPU_SUSPEND, PSCI_FN.CPU_SUSPEND, PSCI_FN.CPU_SUSPEND | PSCI_SMC64,
  PSCI_FN.FEATURES,
].map((v) => v >>> 0));

/** SMC64 ids QEMU serves (AArch64 callers only); MIGRATE and MIGRATE_INFO_UP_CPU are known but
 *  NOT_SUPPORTED either way. CPU_OFF, SYSTEM_OFF/RESET, VERSION and FEATURES have no SMC64 form. */
const SMC64_IDS = new Set<number>([
  PSCI_FN.CPU_SUSPEND | PSCI_SMC64, PSCI_FN.CPU_ON | PSCI_SMC64, PSCI_FN.AFFINITY_INFO | PSCI_SMC64,
  PSCI_FN.MIGRATE | PSCI_SMC64, PSCI_FN.MIGRATE_INFO_UP_CPU | PSCI_SMC64,
].map((v) => v >>> 0));

/** The CPU whose affinity value is exactly `mpidr` (QEMU compares all 64 bits), or -1. */
function cpuByAffinity(host: PsciHost, mpidr: bigint): number {
  for (let i = 0; i < host.numCpus; i++) if (BigInt(host.affinityOf(i) >>> 0) === mpidr) return i;
  return -1;
}

/** A register value as the unsigned 64-bit (AArch64) or 32-bit (AArch32) number PSCI sees. */
function regValue(v: number | bigint, aarch64: boolean): bigint {
  return typeof v === "bigint" ? BigInt.asUintN(aarch64 ? 64 : 32, v) : BigInt(aarch64 ? v : v >>> 0);
}

/**
 * One PSCI call: fn = r0/x0, a1..a3 = r1..r3 / x1..x3 (numbers or, for 64-bit values,
 * bigints). Returns the value for r0 (signed; the core sign-extends it into x0). Calls that
 * power the caller off return fn (r0 is left alone). `aarch64`: the caller is in AArch64
 * (SMC64 ids served, CPU_ON entry must be word aligned, all bits of x0..x3 count).
 */
export function psciCall(host: PsciHost, fnReg: number | bigint, a1r: number | bigint, a2r: number | bigint,
  a3r: number | bigint, opts: { aarch64?: boolean } = {}): number {
  const a64 = opts.aarch64 === true;
  const x0 = regValue(fnReg, a64);
  const a1 = regValue(a1r, a64), a2 = regValue(a2r, a64), a3 = regValue(a3r, a64);
  if (x0 > 0xffff_ffffn) return PSCI_NOT_SUPPORTED; // no id has bits 63..32 set
  const id = Number(x0);
  if ((id & PSCI_SMC64) && !a64) return PSCI_NOT_SUPPORTED; // SMC64 ids from AArch32
  // SMC64 ids with an SMC32 twin behave like it (64-bit arguments); the others are unknown.
  const fn = SMC64_IDS.has(id) ? (id & ~PSCI_SMC64) >>> 0 : id;
  const self = host.currentCpu();
  switch (fn) {
    case PSCI_FN.VERSION:
      return PSCI_VERSION_1_1;
    case PSCI_FN.MIGRATE_INFO_TYPE:
      return TOS_NOT_PRESENT_MP;
    case PSCI_FN.FEATURES:
      // AArch32 caller: SMC64 ids are not supported even where the SMC32 form is.
      // AArch64 caller: both forms. The id is matched in full (x1 bits 63..32 too).
      return a1 <= 0xffff_ffffn && FEATURES.has(Number(a1)) && (a64 || !(Number(a1) & PSCI_SMC64)) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
    case PSCI_FN.AFFINITY_INFO: {
      if (a2 !== 0n) return PowerState.On; // levels above 0 are always on
      const cpu = cpuByAffinity(host, a1);
      return cpu < 0 ? PSCI_INVALID_PARAMETERS : host.powerState(cpu);
    }
    case PSCI_FN.CPU_ON:
    case PSCI_FN.V01_CPU_ON: {
      // AArch32 target: any entry is accepted (bit 0 selects Thumb). The target starts in the
      // caller's EL1 state, so an AArch64 caller means an AArch64 target: word-aligned entry.
      if (a64 && (a2 & 3n) !== 0n) return PSCI_INVALID_PARAMETERS;
      const cpu = cpuByAffinity(host, a1);
      if (cpu < 0) return PSCI_INVALID_PARAMETERS;
      const state = host.powerState(cpu);
      if (state === PowerState.On) return PSCI_ALREADY_ON;
      if (state === PowerState.OnPending) return PSCI_ON_PENDING;
      host.cpuOn(cpu, a2, a3);
      return PSCI_SUCCESS;
    }
    case PSCI_FN.CPU_OFF:
    case PSCI_FN.V01_CPU_OFF:
      host.cpuOff(self);
      return fn | 0;
    case PSCI_FN.CPU_SUSPEND:
    case PSCI_FN.V01_CPU_SUSPEND:
      // Only the standby form: no power down, so entry point and context id are unused.
      if (a1 & 0xfffe_0000n) return PSCI_INVALID_PARAMETERS; // QEMU tests these bits only
      host.standby(self);
      return PSCI_SUCCESS;
    case PSCI_FN.SYSTEM_OFF:
      host.systemOff();
      host.cpuOff(self);
      return fn | 0;
    case PSCI_FN.SYSTEM_RESET:
      host.systemReset();
      host.cpuOff(self);
      return fn | 0;
    default:
      // MIGRATE, MIGRATE_INFO_UP_CPU, SMCCC and anything else.
      return PSCI_NOT_SUPPORTED;
  }
}

/** What machinePsciHost needs of the machine's CPU set (machines/cpus.ts CpuSet). */
interface PsciCpus {
  readonly count: number;
  readonly running: number;
  powerState(cpu: number): PowerState;
  requestOn(cpu: number, entry: bigint, contextId: bigint): void;
  powerOff(cpu: number): void;
  standby(cpu: number): void;
}

/**
 * PsciHost of a machine: affinity values as QEMU's virt builds them (2^clusterBits CPUs per
 * cluster: 8 with GICv2, 16 with GICv3; Aff1 = cluster, Aff0 = CPU in it, as the core's MPIDR). Power changes end the caller's slice
 * (stop), so CPU_ON takes effect (CpuSet.startPending) before any other instruction runs.
 */
export function machinePsciHost(cpus: PsciCpus, stop: () => void, system: { off(): void; reset(): void }, clusterBits = 3): PsciHost {
  return {
    numCpus: cpus.count,
    currentCpu: () => cpus.running,
    affinityOf: (cpu) => ((cpu >> clusterBits) << 8) | (cpu & ((1 << clusterBits) - 1)),
    powerState: (cpu) => cpus.powerState(cpu),
    cpuOn: (cpu, entry, contextId) => { cpus.requestOn(cpu, entry, contextId); stop(); },
    cpuOff: (cpu) => { cpus.powerOff(cpu); stop(); },
    standby: (cpu) => cpus.standby(cpu),
    systemOff: () => system.off(),
    systemReset: () => system.reset(),
  };
}
