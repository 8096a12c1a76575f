// Cache and branch-predictor maintenance and the CP15 barrier operations (ARM ARM B4.2.1).
// There are no caches to maintain: every operation is a NOP, as in QEMU. Reads are UNDEFINED.
import { type SysregDef, type Access, cp15, PL1_W, ANY } from "./types.js";

const PL0_W: Access = { pl1: "w", pl0: "w" };
const op = (name: string, crm: number, opc2: number, access: Access = PL1_W): SysregDef =>
  ({ name, aa32: cp15(7, 0, crm, opc2), access, kind: "nop", migrate: "none" });

export const cacheOpsRegisters: SysregDef[] = [
  op("ICIALLUIS", 1, 0),
  op("BPIALLIS", 1, 6),
  op("ICIALLU", 5, 0),
  op("ICIMVAU", 5, 1),
  op("BPIALL", 5, 6),
  op("BPIMVA", 5, 7),
  op("DCIMVAC", 6, 1),
  op("DCISW", 6, 2),
  op("DCCMVAC", 10, 1),
  op("DCCSW", 10, 2),
  op("DCCMVAU", 11, 1),
  op("DCCIMVAC", 14, 1),
  op("DCCISW", 14, 2),
  // The ARMv6-style barriers stay usable from PL0.
  op("CP15ISB", 5, 4, PL0_W),
  op("CP15DSB", 10, 4, PL0_W),
  op("CP15DMB", 10, 5, PL0_W),
  // QEMU's CACHEMAINT wildcard: every other c7 write with opc1 0 (old WFI c7,c0,4, prefetch by
  // MVA...) is a PL1 NOP; exact rows (PAR, ATS*) override it.
  // (ARMv8 QEMU has no such wildcard.)
  { name: "CACHEMAINT", aa32: cp15(7, 0, ANY, ANY), access: PL1_W, kind: "nop", migrate: "none", model: "a15" },
];
