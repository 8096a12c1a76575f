// KVM's register-list ABI quirks, normalised before the merge (../shared/spec/arm-cpu-vmstate.md
// §5-6): a 32-bit KVM host lists AArch32 ids without the non-secure bit 29 (QEMU's TCG lists keep
// it); its virtual count travels as KVM_REG_ARM_TIMER_CNT (the CNTVCT encoding); arm64 KVM swaps
// the count and compare ids of the virtual timer; and every counter value is in the host's ticks,
// whose frequency the list does not carry.
import { KVM_NS_BIT } from "../../../core/sysregs/keys.js";

/** arm (32-bit) uapi: KVM_REG_ARM_TIMER_CNT = ARM_CP15_REG64(1, 14), CVAL = ARM_CP15_REG64(3, 14). */
export const KVM32_TIMER_CNT = 0x4030_0000_000f_0708n;
export const KVM32_TIMER_CVAL = 0x4030_0000_000f_0718n;
/** arm64 uapi: KVM_REG_ARM_TIMER_CNT = ARM64_SYS_REG(3,3,14,3,2) (the encoding of CNTV_CVAL_EL0)
 *  and KVM_REG_ARM_TIMER_CVAL = ARM64_SYS_REG(3,3,14,0,2) (that of CNTVCT_EL0): swapped, frozen ABI. */
export const KVM64_TIMER_CNT = 0x6030_0000_0013_df1an;
export const KVM64_TIMER_CVAL = 0x6030_0000_0013_df02n;
/** KVM_REG_ARM_FW_REG(0) = KVM_REG_ARM_PSCI_VERSION, 32-bit and arm64 forms. */
export const KVM32_PSCI_VERSION = 0x4030_0000_0014_0000n;
export const KVM64_PSCI_VERSION = 0x6030_0000_0014_0000n;

/** Ids (as QEMU's TCG lists them, bit 29 set) whose values are counts of the system counter. */
export const COUNTER_VALUED_IDS: ReadonlySet<bigint> = new Set([
  0x4030_0000_200f_0710n, // CNTP_CVAL
  0x4030_0000_200f_0718n, // CNTV_CVAL
  0x4030_0000_200f_0730n, // CNTHP_CVAL
  0x6030_0000_0013_df12n, // CNTP_CVAL_EL0
  0x6030_0000_0013_df1an, // CNTV_CVAL_EL0
  0x6030_0000_0013_e712n, // CNTHP_CVAL_EL2
  0x6030_0000_0013_ff12n, // CNTPS_CVAL_EL1
]);

export type ListOrigin = "tcg" | "kvm32" | "kvm64";

/** The register list after normalisation, with what it took. */
export interface NormalisedList {
  origin: ListOrigin;
  ids: bigint[];
  values: bigint[];
  /** The guest's virtual count when the list carried one (KVM), in our counter's ticks. */
  virtualCount?: bigint;
  decisions: string[];
}

const is32 = (id: bigint) => id >> 56n === 0x40n;
/** An AArch32 coprocessor register id (cp14/cp15 group); other 0x40 ids (DEMUX, VFP, firmware) have no NS bit. */
const isCoproc32 = (id: bigint) => is32(id) && [14n, 15n].includes((id >> 16n) & 0xfffn);

/** Where a list comes from: arm64 KVM lists CNTVCT_EL0's encoding (TCG never does, it has no
 *  state); a 32-bit KVM host lists AArch32 ids and none of them with the NS bit. */
export function listOrigin(ids: readonly bigint[]): ListOrigin {
  if (ids.includes(KVM64_TIMER_CVAL)) return "kvm64";
  const aa32 = ids.filter(isCoproc32);
  if (aa32.length > 0 && aa32.every((id) => (id & KVM_NS_BIT) === 0n)) return "kvm32";
  return "tcg";
}

/** Scale a count from the host's ticks to ours (rounded to nearest). */
export function rescaleCount(v: bigint, fromHz: number, toHz: number): bigint {
  if (fromHz === toHz) return v;
  const f = BigInt(Math.round(fromHz)), t = BigInt(Math.round(toHz));
  return BigInt.asUintN(64, (v * t + f / 2n) / f);
}

/**
 * Normalise an incoming list: ids as QEMU's TCG would list them, the virtual count taken out,
 * counter values in our ticks when the host's frequency is known. Sorted ascending.
 */
export function normaliseList(ids: readonly bigint[], values: readonly bigint[], opts: { kvmCounterHz?: number; ourHz: number }): NormalisedList {
  const origin = listOrigin(ids);
  const out: NormalisedList = { origin, ids: [], values: [], decisions: [] };
  let pairs = ids.map((id, i) => [id, BigInt.asUintN(64, values[i] ?? 0n)] as [bigint, bigint]);
  if (origin === "tcg") {
    out.ids = pairs.map((p) => p[0]);
    out.values = pairs.map((p) => p[1]);
    return out;
  }
  let count: bigint | undefined;
  if (origin === "kvm32") {
    out.decisions.push("the register list is a 32-bit KVM host's (AArch32 ids without the non-secure bit): read as non-secure");
    pairs = pairs.map(([id, v]) => [isCoproc32(id) ? id | KVM_NS_BIT : id, v]);
    const cnt = KVM32_TIMER_CNT | KVM_NS_BIT;
    const at = pairs.findIndex((p) => p[0] === cnt);
    if (at >= 0) { count = pairs[at][1]; pairs.splice(at, 1); }
  } else {
    out.decisions.push("the register list is an arm64 KVM host's: its swapped virtual-timer ids (count and compare) are swapped back");
    const cnt = pairs.find((p) => p[0] === KVM64_TIMER_CNT);
    const cval = pairs.find((p) => p[0] === KVM64_TIMER_CVAL);
    count = cnt?.[1];
    pairs = pairs.filter((p) => p[0] !== KVM64_TIMER_CNT && p[0] !== KVM64_TIMER_CVAL);
    if (cval) pairs.push([KVM64_TIMER_CNT /* = CNTV_CVAL_EL0's encoding */, cval[1]]);
  }
  const hz = opts.kvmCounterHz;
  const scale = (v: bigint) => (hz ? rescaleCount(v, hz, opts.ourHz) : v);
  if (hz) {
    out.decisions.push(`counter values (the virtual count, timer compare values) rescaled from the host's ${hz} Hz to this machine's ${opts.ourHz} Hz`);
  } else {
    out.decisions.push(`counter values are in the KVM host's ticks at a frequency the stream does not record: taken as they are for this machine's ${opts.ourHz} Hz counter ` +
      "(give the host's counter frequency, --kvm-counter-hz, to rescale them)");
  }
  pairs = pairs.map(([id, v]) => [id, COUNTER_VALUED_IDS.has(id) ? scale(v) : v]);
  if (count !== undefined) out.virtualCount = scale(count);
  out.decisions.push("the timer deadlines a KVM-backed QEMU writes (-1) are ignored: timers re-armed from their control and compare registers");
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  out.ids = pairs.map((p) => p[0]);
  out.values = pairs.map((p) => p[1]);
  return out;
}
