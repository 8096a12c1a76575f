// The architectural name of a table row's AArch64 view when the row does not give one: the
// AArch32 name with the suffix of the view's exception level (op1 0-2: _EL1, 3: _EL0, 4: _EL2,
// 6: _EL3), but for the registers AArch64 renamed.
import type { SysregDef } from "../../../core/sysregs/defs/types.js";

const RENAMED: Record<string, string> = {
  TPIDRURW: "TPIDR_EL0", TPIDRURO: "TPIDRRO_EL0", TPIDRPRW: "TPIDR_EL1", HACTLR: "ACTLR_EL2",
  DBGDSCRext: "MDSCR_EL1", DBGOSLSR: "OSLSR_EL1", DBGOSDLR: "OSDLR_EL1", DBGOSLAR: "OSLAR_EL1",
  DBGDRAR64: "MDRAR_EL1", DBGDRAR: "MDRAR_EL1",
};
const SUFFIX: Record<number, string> = { 0: "_EL1", 1: "_EL1", 2: "_EL1", 3: "_EL0", 4: "_EL2", 6: "_EL3" };

export function aa64ViewName(d: SysregDef): string {
  if (!d.a64) return d.name;
  if (d.a64.name) return d.a64.name;
  if (RENAMED[d.name]) return RENAMED[d.name];
  const [op0, op1, crn, crm, op2] = d.a64.enc;
  // Reserved encodings (RES_0_..., ID_RAZ_...) have no name: the encoding is clearer.
  if (/^(RES_0|ID_RAZ)/.test(d.name)) return `S${op0}_${op1}_C${crn}_C${crm}_${op2}`;
  const suffix = SUFFIX[op1];
  return suffix ? `${d.name}${suffix}` : `${d.name} (AArch64)`;
}
