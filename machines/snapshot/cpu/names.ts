// Names of register-list ids for people (`armlet snapshot info`, load reports): from the
// system-register table (AArch32 rows, their AArch64 views, Secure copies, AArch64-only state),
// then KVM's own ids, then the encoding itself.
import { SYSREGS } from "../../../core/sysregs/defs/index.js";
import { dispatchKey, isWildcard } from "../../../core/sysregs/defs/types.js";
import { aa32FromKvmId } from "../../../core/sysregs/keys.js";
import { entryForId } from "./cpreg-list.js";
import { KVM32_PSCI_VERSION, KVM32_TIMER_CNT, KVM64_PSCI_VERSION, KVM64_TIMER_CVAL } from "./kvm-ids.js";

const KVM_NAMES = new Map<bigint, string>([
  [KVM32_TIMER_CNT, "KVM_REG_ARM_TIMER_CNT (virtual count)"],
  [KVM64_TIMER_CVAL, "KVM_REG_ARM_TIMER_CVAL (arm64 KVM: the virtual timer's compare value)"],
  [KVM32_PSCI_VERSION, "KVM_REG_ARM_PSCI_VERSION"],
  [KVM64_PSCI_VERSION, "KVM_REG_ARM_PSCI_VERSION"],
]);
const exact = new Map(SYSREGS.filter((d) => !isWildcard(d.aa32)).map((d) => [dispatchKey(d.aa32), d.name]));

/** The encoding of an id when no name is known ("cp15 c1, 0, c0, 0", "S3_3_C14_C0_2", "KVM fw 0x1"). */
export function cpregEncoding(id: bigint): string {
  const a = aa32FromKvmId(id);
  if (a) {
    const e = a.enc;
    const s = e.is64 ? `cp${e.cp} opc1=${e.opc1} c${e.crm} (64-bit)` : `cp${e.cp} c${e.crn}, ${e.opc1}, c${e.crm}, ${e.opc2}`;
    return a.secure ? `${s} (Secure)` : s;
  }
  const arch = id >> 56n, group = (id >> 16n) & 0xfffn;
  if (arch === 0x60n && group === 0x13n) {
    const x = id & 0xffffn;
    return `S${x >> 14n}_${(x >> 11n) & 7n}_C${(x >> 7n) & 15n}_C${(x >> 3n) & 15n}_${x & 7n}`;
  }
  const groups: Record<string, string> = { "16": "core", "17": "demux", "18": "vfp", "20": "fw", "21": "sve", "22": "fw feature" };
  return `KVM ${groups[group.toString()] ?? `group 0x${group.toString(16)}`} register 0x${(id & 0xffffn).toString(16)}`;
}

/** The register an id names, from the table first; the encoding when nothing names it. */
export function cpregName(id: bigint): string {
  const e = entryForId(id);
  if (e) return e.name;
  if (KVM_NAMES.has(id)) return KVM_NAMES.get(id)!;
  const a = aa32FromKvmId(id);
  if (a) {
    const n = exact.get(dispatchKey(a.enc));
    if (n) return a.secure ? `${n} (Secure)` : n;
  }
  // the Cortex-A57's own rows (its ID registers, CBAR_EL1...)
  return entryForId(id, "a57")?.name ?? cpregEncoding(id);
}
