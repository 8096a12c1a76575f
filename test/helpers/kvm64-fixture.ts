// An arm64 KVM host's stream made from one of ours (a Cortex-A57 on virt): every `cpu` section's
// register list rewritten as QEMU with KVM on an arm64 host sends it (../shared/spec/
// arm-cpu-vmstate.md §6): AArch64 system-register ids only (no AArch32 ids, no CNTFRQ_EL0), the
// state QEMU's TCG list keeps under an AArch32 id (PAR) under its AArch64 one, breakpoint slots
// this CPU lacks, the virtual timer's swapped ids (KVM_REG_ARM_TIMER_CNT under CNTV_CVAL_EL0's
// encoding holding the virtual count, KVM_REG_ARM_TIMER_CVAL under CNTVCT_EL0's holding the
// compare value), every counter value in the host's ticks, the host's ID registers, one DEMUX
// CCSIDR id per cache level and the firmware pseudo-registers. Timer deadlines -1, no armlet
// sections, the core registers as they were (KVM-backed QEMU fills the same fields).
import { aa64KvmId } from "../../core/sysregs/keys.js";
import { OUR_COUNTER_HZ, rewriteCpuLists } from "./kvm-fixture.js";

const sys = aa64KvmId;
export const KVM64_IDS = {
  MIDR_EL1: sys(3, 0, 0, 0, 0), ID_AA64PFR0_EL1: sys(3, 0, 0, 4, 0), CLIDR_EL1: sys(3, 1, 0, 0, 1), CTR_EL0: sys(3, 3, 0, 0, 1),
  PAR_EL1: sys(3, 0, 7, 4, 0), DBGBVR15_EL1: sys(2, 0, 0, 15, 4), CNTFRQ_EL0: sys(3, 3, 14, 0, 0),
  CNTP_CVAL_EL0: sys(3, 3, 14, 2, 2),
  /** KVM_REG_ARM_TIMER_CNT: CNTV_CVAL_EL0's encoding, the virtual count. */
  TIMER_CNT: sys(3, 3, 14, 3, 2),
  /** KVM_REG_ARM_TIMER_CVAL: CNTVCT_EL0's encoding, the compare value. */
  TIMER_CVAL: sys(3, 3, 14, 0, 2),
  CCSIDR_L1D: 0x6020_0000_0011_0000n, CCSIDR_L1I: 0x6020_0000_0011_0001n, CCSIDR_L2: 0x6020_0000_0011_0002n,
  PSCI_VERSION: 0x6030_0000_0014_0000n, SMCCC_WORKAROUND_1: 0x6030_0000_0014_0001n,
  SMCCC_WORKAROUND_2: 0x6030_0000_0014_0002n, SMCCC_WORKAROUND_3: 0x6030_0000_0014_0003n,
} as const;

/** A Cortex-A72 host (r0p3) with a GICv3 system-register interface, its caches, PSCI 1.1. */
export const HOST64_VALUES = {
  MIDR_EL1: 0x410f_d083n, ID_AA64PFR0_EL1: 0x0100_0022n, CLIDR_EL1: 0x0a20_0023n, CTR_EL0: 0x8444_c004n,
  CCSIDR_L1D: 0x701f_e01an, CCSIDR_L1I: 0x201f_e01an, CCSIDR_L2: 0x707f_e07an,
  PSCI_VERSION: 0x0001_0001n, SMCCC_WORKAROUND_1: 1n, SMCCC_WORKAROUND_2: 0n, SMCCC_WORKAROUND_3: 1n,
} as const;

/** QEMU TCG's id of the A57's PAR (the AArch32 64-bit view carries PAR_EL1). */
const TCG_PAR64 = 0x4030_0000_200f_0380n;
const toHost = (v: bigint, hz: number) => (v * BigInt(hz) + BigInt(OUR_COUNTER_HZ / 2)) / BigInt(OUR_COUNTER_HZ);

export interface Kvm64CpuList { cpu: number; ids: bigint[]; values: bigint[]; virtualCountOurs: bigint }

/** Rewrite `bytes` (a Cortex-A57 stream of ours) as an arm64 KVM host's QEMU would have written it. */
export function kvm64OriginStream(bytes: Uint8Array, opts: { hostCounterHz: number }): { bytes: Uint8Array; cpus: Kvm64CpuList[] } {
  const cpus: Kvm64CpuList[] = [];
  const out = rewriteCpuLists(bytes, ({ cpu, ids, values, guestNs, cntvoff, state }) => {
    const tcg = new Map(ids.map((id, i) => [id, values[i]]));
    const virtualCountOurs = BigInt.asUintN(64, guestNs / 16n - cntvoff);
    const host = (v: bigint) => toHost(v, opts.hostCounterHz);
    const pairs = new Map<bigint, bigint>();
    for (const [id, v] of tcg) if (id >> 56n === 0x60n) pairs.set(id, v);
    pairs.delete(KVM64_IDS.CNTFRQ_EL0); // KVM does not list it: the guest reads the host's
    pairs.set(KVM64_IDS.CNTP_CVAL_EL0, host(tcg.get(KVM64_IDS.CNTP_CVAL_EL0) ?? 0n));
    pairs.set(KVM64_IDS.TIMER_CVAL, host(tcg.get(KVM64_IDS.TIMER_CNT) ?? 0n)); // CNTV_CVAL_EL0's value
    pairs.set(KVM64_IDS.TIMER_CNT, host(virtualCountOurs));
    pairs.set(KVM64_IDS.PAR_EL1, tcg.get(TCG_PAR64) ?? 0n);
    pairs.set(KVM64_IDS.DBGBVR15_EL1, 0n);
    for (const [name, v] of Object.entries(HOST64_VALUES)) pairs.set(KVM64_IDS[name as keyof typeof HOST64_VALUES], v);
    const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    state["gt_timer[0]"] = -1n; // KVM-backed QEMU does not use its own timers
    state["gt_timer[1]"] = -1n;
    const list = { cpu, ids: sorted.map((p) => p[0]), values: sorted.map((p) => p[1]), virtualCountOurs };
    cpus.push(list);
    return list;
  }, { dropArmletSections: true, aarch64: true });
  return { bytes: out, cpus };
}
