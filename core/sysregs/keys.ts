// Encoding <-> KVM register id, the only place that does this bit math (see
// ../shared/spec/arm-cpu-vmstate.md §5). Plain TypeScript: used by the generator,
// the snapshot code and the tests.
import type { Aa32Enc, A64Enc, Aa64OnlyDef, CpuModel, SysregDef } from "./defs/types.js";

const KVM_REG_ARM = 0x4000_0000_0000_0000n;
const KVM_REG_SIZE_U32 = 0x0020_0000_0000_0000n;
const KVM_REG_SIZE_U64 = 0x0030_0000_0000_0000n;
/** QEMU keeps bit 29 (non-secure instance) in the ids of AArch32 registers it migrates. */
export const KVM_NS_BIT = 1n << 29n;

/** KVM id of an AArch32 coprocessor register (non-secure instance unless secure is set). */
export function aa32KvmId(e: Aa32Enc, secure = false): bigint {
  const size = e.is64 ? KVM_REG_SIZE_U64 : KVM_REG_SIZE_U32;
  let id = KVM_REG_ARM | size | (BigInt(e.cp) << 16n);
  id |= BigInt(e.is64 ? 0 : e.crn) << 11n;
  id |= BigInt(e.crm) << 7n;
  id |= BigInt(e.opc1) << 3n;
  id |= BigInt(e.is64 ? 0 : e.opc2);
  if (!secure) id |= KVM_NS_BIT;
  return id;
}

/** Decode an AArch32 KVM id back to its encoding; undefined if it is not one. */
export function aa32FromKvmId(id: bigint): { enc: Aa32Enc; secure: boolean } | undefined {
  if ((id >> 56n) !== 0x40n) return undefined;
  const size = (id >> 52n) & 0xfn;
  const cp = Number((id >> 16n) & 0xfffn);
  if (cp !== 14 && cp !== 15) return undefined;
  const is64 = size === 3n;
  const enc: Aa32Enc = {
    cp: cp as 14 | 15,
    crn: is64 ? 0 : Number((id >> 11n) & 0xfn),
    crm: Number((id >> 7n) & 0xfn),
    opc1: Number((id >> 3n) & 0xfn),
    opc2: is64 ? 0 : Number(id & 7n),
    ...(is64 ? { is64: true } : {}),
  };
  return { enc, secure: (id & KVM_NS_BIT) === 0n };
}

const KVM_REG_ARM64 = 0x6000_0000_0000_0000n;
const KVM_REG_ARM64_SYSREG = 0x13n << 16n;

/** KVM id of an AArch64 system register. */
export function aa64KvmId(op0: number, op1: number, crn: number, crm: number, op2: number): bigint {
  return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG |
    (BigInt(op0) << 14n) | (BigInt(op1) << 11n) | (BigInt(crn) << 7n) | (BigInt(crm) << 3n) | BigInt(op2);
}

/** What decides which rows QEMU lists: the CPU model (default the Cortex-A15) and whether it has
 *  EL3 (and EL2), as QEMU's vexpress-a15 does. */
export interface CpregConfig { el3?: boolean; model?: CpuModel }

/** The id of an AArch64 view or register. */
export const a64KvmId = (e: A64Enc): bigint => aa64KvmId(...e);

/**
 * The ids under which QEMU 7.2 migrates a row's state (empty for aliases and stateless rows):
 * the AArch32 NS id unless QEMU aliases it, the AArch64 view's id, the Secure copy's id.
 */
export function qemuCpregIds(d: SysregDef, cfg: CpregConfig = {}): bigint[] {
  const model = cfg.model ?? "a15";
  if (d.model && d.model !== model) return [];
  if (d.migrate !== "normal" && d.migrate !== "constant") return [];
  if (d.qemu?.el3 && !cfg.el3) return [];
  if (model === "a57" && d.qemu?.noneOnA57) return [];
  const ids: bigint[] = [];
  if (!d.qemu?.aa32Alias) ids.push(aa32KvmId(d.aa32));
  if (d.a64 && d.a64.cpreg !== "none" && (d.a64.cpreg !== "a57" || model === "a57")) ids.push(a64KvmId(d.a64.enc));
  if (d.qemu?.secure && (model === "a15" || d.qemu.secureOnA57)) ids.push(aa32KvmId(d.qemu.secureEnc ?? d.aa32, true));
  return ids;
}

/** How an AArch64-only register migrates ("none": not at all). */
export function aa64OnlyMigrate(d: Aa64OnlyDef): "normal" | "constant" | "none" {
  return d.migrate ?? (d.kind === "field" ? "normal" : d.kind === "const" ? "constant" : "none");
}

/** The id of a register QEMU lists only by its AArch64 encoding (none when the config lacks it). */
export function aa64OnlyCpregIds(d: Aa64OnlyDef, cfg: CpregConfig = {}): bigint[] {
  if (d.model && d.model !== (cfg.model ?? "a15")) return [];
  if (aa64OnlyMigrate(d) === "none") return [];
  return d.el3 && !cfg.el3 ? [] : [a64KvmId(d.aa64)];
}
