// A KVM-origin stream made from one of ours: every `cpu` section's register list rewritten as
// QEMU on a 32-bit KVM host with a Cortex-A15 sends it (../shared/spec/arm-cpu-vmstate.md §5-7),
// the rest of the stream kept as it was. What KVM's list looks like (Linux arch/arm/kvm, 5.x):
// the cp15 registers KVM keeps per vCPU plus the invariant ID registers (the host's values),
// under ids without the non-secure bit; the virtual timer as KVM_REG_ARM_TIMER_CTL/CNT/CVAL (the
// count under CNTVCT's encoding, no physical timer, no CNTFRQ), every counter value in the host's
// ticks; one DEMUX CCSIDR id per cache level; the firmware pseudo-registers (PSCI version, SMCCC
// workarounds). KVM-backed QEMU leaves the timer deadline fields at -1 and writes none of
// armlet's own sections. Sections are decoded and re-encoded with the snapshot codec, so each
// rewritten section's bytes and its entry in the stream's JSON description agree.
import { ByteWriter } from "../../machines/snapshot/bytes.js";
import { encodeVmsd } from "../../machines/snapshot/codec.js";
import { ARMLET_CPU_DECL, cpuDecl, emptyArmletCpuState, emptyCpuState } from "../../machines/snapshot/cpu/layout.js";
import { TIMER_DECL } from "../../machines/snapshot/machine-sections.js";
import { findVmdesc, qemuJson, readStream, type ParsedSection } from "../../machines/snapshot/stream.js";

/** armlet's (and QEMU TCG's) counter: 62.5 MHz, 16 ns a tick. */
export const OUR_COUNTER_HZ = 62_500_000;

/** Ids as a 32-bit KVM host lists them (bit 29 clear). */
const cp15 = (crn: number, opc1: number, crm: number, opc2: number) =>
  0x4020_0000_000f_0000n | (BigInt(crn) << 11n) | (BigInt(crm) << 7n) | (BigInt(opc1) << 3n) | BigInt(opc2);
const cp15x64 = (opc1: number, crm: number) => 0x4030_0000_000f_0000n | (BigInt(crm) << 7n) | (BigInt(opc1) << 3n);
export const KVM_IDS = {
  MPIDR: cp15(0, 0, 0, 5), CSSELR: cp15(0, 2, 0, 0), SCTLR: cp15(1, 0, 0, 0), ACTLR: cp15(1, 0, 0, 1), CPACR: cp15(1, 0, 0, 2),
  TTBR0_64: cp15x64(0, 2), TTBR1_64: cp15x64(1, 2), TTBR0: cp15(2, 0, 0, 0), TTBR1: cp15(2, 0, 0, 1), TTBCR: cp15(2, 0, 0, 2),
  DACR: cp15(3, 0, 0, 0), DFSR: cp15(5, 0, 0, 0), IFSR: cp15(5, 0, 0, 1), ADFSR: cp15(5, 0, 1, 0), AIFSR: cp15(5, 0, 1, 1),
  DFAR: cp15(6, 0, 0, 0), IFAR: cp15(6, 0, 0, 2), PAR_64: cp15x64(0, 7), L2CTLR: cp15(9, 1, 0, 2),
  PRRR: cp15(10, 0, 2, 0), NMRR: cp15(10, 0, 2, 1), AMAIR0: cp15(10, 0, 3, 0), AMAIR1: cp15(10, 0, 3, 1), VBAR: cp15(12, 0, 0, 0),
  CONTEXTIDR: cp15(13, 0, 0, 1), TPIDRURW: cp15(13, 0, 0, 2), TPIDRURO: cp15(13, 0, 0, 3), TPIDRPRW: cp15(13, 0, 0, 4),
  CNTKCTL: cp15(14, 0, 1, 0),
  // invariant_cp15: the host's values
  MIDR: cp15(0, 0, 0, 0), CTR: cp15(0, 0, 0, 1), TCMTR: cp15(0, 0, 0, 2), TLBTR: cp15(0, 0, 0, 3), REVIDR: cp15(0, 0, 0, 6),
  CLIDR: cp15(0, 1, 0, 1), AIDR: cp15(0, 1, 0, 7),
  ID_PFR0: cp15(0, 0, 1, 0), ID_PFR1: cp15(0, 0, 1, 1), ID_DFR0: cp15(0, 0, 1, 2), ID_AFR0: cp15(0, 0, 1, 3),
  ID_MMFR0: cp15(0, 0, 1, 4), ID_MMFR1: cp15(0, 0, 1, 5), ID_MMFR2: cp15(0, 0, 1, 6), ID_MMFR3: cp15(0, 0, 1, 7),
  ID_ISAR0: cp15(0, 0, 2, 0), ID_ISAR1: cp15(0, 0, 2, 1), ID_ISAR2: cp15(0, 0, 2, 2), ID_ISAR3: cp15(0, 0, 2, 3),
  ID_ISAR4: cp15(0, 0, 2, 4), ID_ISAR5: cp15(0, 0, 2, 5),
  // arch/arm/include/uapi/asm/kvm.h
  TIMER_CTL: cp15(14, 0, 3, 1), TIMER_CNT: cp15x64(1, 14), TIMER_CVAL: cp15x64(3, 14),
  CCSIDR_L1D: 0x4020_0000_0011_0000n, CCSIDR_L1I: 0x4020_0000_0011_0001n, CCSIDR_L2: 0x4020_0000_0011_0002n,
  PSCI_VERSION: 0x4030_0000_0014_0000n, SMCCC_WORKAROUND_1: 0x4030_0000_0014_0001n, SMCCC_WORKAROUND_2: 0x4030_0000_0014_0002n,
} as const;
export type KvmRegName = keyof typeof KVM_IDS;

/** Where the state of a KVM register lives in our (QEMU TCG's) list: id, and which half of a 64-bit value. */
const FROM_TCG: Partial<Record<KvmRegName, [bigint, "lo" | "hi" | "all"]>> = {
  CSSELR: [0x6030_0000_0013_d000n, "all"], SCTLR: [0x6030_0000_0013_c080n, "all"], CPACR: [0x6030_0000_0013_c082n, "all"],
  TTBR0_64: [0x6030_0000_0013_c100n, "all"], TTBR1_64: [0x6030_0000_0013_c101n, "all"],
  TTBR0: [0x6030_0000_0013_c100n, "lo"], TTBR1: [0x6030_0000_0013_c101n, "lo"], TTBCR: [0x6030_0000_0013_c102n, "all"],
  DACR: [0x4020_0000_200f_1800n, "all"], DFSR: [0x6030_0000_0013_c290n, "all"], IFSR: [0x4020_0000_200f_2801n, "all"],
  ADFSR: [0x4020_0000_200f_2880n, "all"], AIFSR: [0x4020_0000_200f_2881n, "all"],
  // FAR_EL1 is IFAR:DFAR, MAIR_EL1 is NMRR:PRRR
  DFAR: [0x6030_0000_0013_c300n, "lo"], IFAR: [0x6030_0000_0013_c300n, "hi"], PAR_64: [0x4030_0000_200f_0380n, "all"],
  PRRR: [0x6030_0000_0013_c510n, "lo"], NMRR: [0x6030_0000_0013_c510n, "hi"],
  AMAIR0: [0x4020_0000_200f_5180n, "all"], AMAIR1: [0x4020_0000_200f_5181n, "all"], VBAR: [0x6030_0000_0013_c600n, "all"],
  CONTEXTIDR: [0x6030_0000_0013_c681n, "all"], TPIDRURW: [0x6030_0000_0013_de82n, "all"], TPIDRURO: [0x6030_0000_0013_de83n, "all"],
  TPIDRPRW: [0x6030_0000_0013_c684n, "all"], CNTKCTL: [0x6030_0000_0013_c708n, "all"], TIMER_CTL: [0x6030_0000_0013_df19n, "all"],
  CTR: [0x4020_0000_200f_0001n, "all"], TCMTR: [0x4020_0000_200f_0002n, "all"], TLBTR: [0x4020_0000_200f_0003n, "all"],
  CLIDR: [0x4020_0000_200f_0009n, "all"], AIDR: [0x4020_0000_200f_000fn, "all"],
  ID_PFR0: [0x4020_0000_200f_0080n, "all"], ID_DFR0: [0x4020_0000_200f_0082n, "all"], ID_AFR0: [0x4020_0000_200f_0083n, "all"],
  ID_MMFR0: [0x4020_0000_200f_0084n, "all"], ID_MMFR1: [0x4020_0000_200f_0085n, "all"], ID_MMFR2: [0x4020_0000_200f_0086n, "all"],
  ID_MMFR3: [0x4020_0000_200f_0087n, "all"], ID_ISAR0: [0x4020_0000_200f_0100n, "all"], ID_ISAR1: [0x4020_0000_200f_0101n, "all"],
  ID_ISAR2: [0x4020_0000_200f_0102n, "all"], ID_ISAR3: [0x4020_0000_200f_0103n, "all"], ID_ISAR4: [0x4020_0000_200f_0104n, "all"],
  ID_ISAR5: [0x4020_0000_200f_0105n, "all"],
};
const TCG_CNTV_CVAL = 0x6030_0000_0013_df1an;

/**
 * The host's values where they are not our CPU's: an r2p2 Cortex-A15 with the Security and
 * Virtualization Extensions, its ACTLR (SMP bit), L2CTLR and cache geometry, PSCI 1.0 and the
 * SMCCC workaround states. ID_PFR0 and CLIDR differ from ours too (a host of another revision),
 * so the merge has constants to keep in every family the issue names.
 */
export const HOST_VALUES: Partial<Record<KvmRegName, bigint>> = {
  MIDR: 0x412f_c0f2n, REVIDR: 0n, ID_PFR0: 0x0000_0031n, ID_PFR1: 0x0001_1011n, ID_DFR0: 0x0201_0555n,
  ACTLR: 0x0000_0040n, L2CTLR: 0x0100_0002n, CLIDR: 0x0920_0023n,
  CCSIDR_L1D: 0x701f_e00an, CCSIDR_L1I: 0x201f_e00an, CCSIDR_L2: 0x73ff_e07an,
  PSCI_VERSION: 0x0001_0000n, SMCCC_WORKAROUND_1: 1n, SMCCC_WORKAROUND_2: 0n,
};

export interface KvmFixtureOptions {
  /** The host's counter frequency: every counter value is written in its ticks. */
  hostCounterHz: number;
  /** KVM registers to leave out of the list (a register of ours the stream then lacks). */
  omit?: readonly KvmRegName[];
  /** Override host values (ids by name). */
  host?: Partial<Record<KvmRegName, bigint>>;
}

/** What the fixture wrote for one CPU, for the tests to check the load against. */
export interface KvmCpuList {
  cpu: number;
  ids: bigint[];
  values: bigint[];
  /** The guest's virtual count at the save, in our ticks (what the load must continue from). */
  virtualCountOurs: bigint;
  /** CNTV_CVAL in our ticks (the stream holds it in the host's). */
  cntvCvalOurs: bigint;
}

const toHost = (v: bigint, hz: number) => (v * BigInt(hz) + BigInt(OUR_COUNTER_HZ / 2)) / BigInt(OUR_COUNTER_HZ);

/** One CPU's list as the stream has it, with what a rewrite needs to know of the save. */
export interface CpuListContext {
  cpu: number;
  ids: bigint[];
  values: bigint[];
  /** The whole decoded `cpu` section (fields other than the list may be changed too). */
  state: any;
  /** Guest time at the save (the `timer` section) and the CPU's CNTVOFF (armlet-cpu). */
  guestNs: bigint;
  cntvoff: bigint;
}

/**
 * Rewrite every `cpu` section's register list of `bytes` with `edit`, re-encoding the section and
 * its JSON description (the A57's layout when `aarch64`); optionally drop armlet's own sections
 * (a stream QEMU wrote has none).
 */
export function rewriteCpuLists(bytes: Uint8Array, edit: (c: CpuListContext) => { ids: bigint[]; values: bigint[] } | void,
  opts: { dropArmletSections?: boolean; aarch64?: boolean } = {}): Uint8Array {
  const CPU_DECL = cpuDecl(opts.aarch64 === true);
  const found = findVmdesc(bytes);
  if (!found) throw new Error("the stream has no JSON description");
  let guestNs = 0n;
  const cntvoff = new Map<number, bigint>();
  const parsed = readStream(bytes, (idstr) => {
    if (idstr === "cpu") return { decl: CPU_DECL, state: emptyCpuState() };
    if (idstr === "armlet-cpu") return { decl: ARMLET_CPU_DECL, state: emptyArmletCpuState() };
    if (idstr === "timer") return { decl: TIMER_DECL, state: { cpu_ticks_offset: 0n, cpu_clock_offset: 0n } };
    return undefined;
  });
  for (const s of parsed.sections) {
    if (s.idstr === "timer") guestNs = BigInt(s.state.cpu_clock_offset);
    if (s.idstr === "armlet-cpu") cntvoff.set(s.instanceId, BigInt(s.state.cntvoff));
  }
  const isArmlet = (name: string) => name.startsWith("armlet") || name.includes("/armlet");
  const chunks: Uint8Array[] = [];
  let at = 0;
  const devices = [];
  for (const s of parsed.sections) {
    const desc = found.desc.devices.find((d) => d.name === s.idstr && d.instance_id === s.instanceId)!;
    if (opts.dropArmletSections && isArmlet(s.idstr)) {
      chunks.push(bytes.subarray(at, recordStart(s)));
      at = s.end + 5; // the footer: 0x7e and the section id
      continue;
    }
    if (s.idstr !== "cpu") { devices.push(desc); continue; }
    const st = s.state;
    const n = Number(st.cpreg_vmstate_array_len);
    const u = (x: unknown) => BigInt.asUintN(64, BigInt(x as bigint));
    const ctx: CpuListContext = {
      cpu: s.instanceId, ids: st.cpreg_vmstate_indexes.slice(0, n).map(u), values: st.cpreg_vmstate_values.slice(0, n).map(u),
      state: st, guestNs, cntvoff: cntvoff.get(s.instanceId) ?? 0n,
    };
    const out = edit(ctx) ?? ctx;
    st.cpreg_vmstate_array_len = out.ids.length;
    st.cpreg_vmstate_indexes = out.ids;
    st.cpreg_vmstate_values = out.values;
    const w = new ByteWriter();
    const json = encodeVmsd(w, CPU_DECL, st);
    devices.push({ name: desc.name, instance_id: desc.instance_id, ...json });
    chunks.push(bytes.subarray(at, s.offset), Uint8Array.from(w.view()));
    at = s.end;
  }
  chunks.push(bytes.subarray(at, found.start));
  const json = Buffer.from(qemuJson({ ...found.desc, devices }), "utf8");
  const tail = Buffer.alloc(5);
  tail[0] = 0x06;
  tail.writeUInt32BE(json.length, 1);
  chunks.push(tail, json);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Rewrite `bytes` (one of our streams) as a 32-bit KVM host's QEMU would have written it. */
export function kvmOriginStream(bytes: Uint8Array, opts: KvmFixtureOptions): { bytes: Uint8Array; cpus: KvmCpuList[] } {
  const cpus: KvmCpuList[] = [];
  const out = rewriteCpuLists(bytes, (c) => {
    const list = kvmList(c, opts);
    cpus.push(list);
    c.state["gt_timer[0]"] = -1n; // KVM-backed QEMU does not use its own timers
    c.state["gt_timer[1]"] = -1n;
    return list;
  }, { dropArmletSections: true });
  return { bytes: out, cpus };
}

/** Where a FULL record starts: type, section id, name, instance and version precede the payload. */
function recordStart(s: ParsedSection): number {
  return s.offset - (1 + 4 + 1 + Buffer.byteLength(s.idstr, "latin1") + 4 + 4);
}

function kvmList({ cpu, ids, values, guestNs, cntvoff }: CpuListContext, opts: KvmFixtureOptions): KvmCpuList {
  const tcg = new Map(ids.map((id, i) => [id, values[i]]));
  const host = { ...HOST_VALUES, ...opts.host };
  const omit = new Set(opts.omit ?? []);
  const virtualCountOurs = BigInt.asUintN(64, guestNs / 16n - cntvoff);
  const cntvCvalOurs = tcg.get(TCG_CNTV_CVAL) ?? 0n;
  const pairs: [bigint, bigint][] = [];
  for (const [name, id] of Object.entries(KVM_IDS) as [KvmRegName, bigint][]) {
    if (omit.has(name)) continue;
    let v: bigint;
    if (host[name] !== undefined) v = host[name]!;
    else if (name === "MPIDR") v = 0x8000_0000n | BigInt(cpu);
    else if (name === "TIMER_CNT") v = toHost(virtualCountOurs, opts.hostCounterHz);
    else if (name === "TIMER_CVAL") v = toHost(cntvCvalOurs, opts.hostCounterHz);
    else {
      const src = FROM_TCG[name];
      if (!src) throw new Error(`no source for KVM register ${name}`);
      const x = tcg.get(src[0]);
      if (x === undefined) throw new Error(`the stream's list has no ${src[0].toString(16)} (for ${name})`);
      v = src[1] === "lo" ? x & 0xffff_ffffn : src[1] === "hi" ? x >> 32n : x;
    }
    pairs.push([id, v]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { cpu, ids: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]), virtualCountOurs, cntvCvalOurs };
}
