// Virtual memory system architecture registers (ARM ARM B4.1).
import { type SysregDef, cp15, PL1_RW } from "./types";

export const mmuRegisters: SysregDef[] = [
  { name: "SCTLR", aa32: cp15(1, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0x00c50078, migrate: "normal", onWrite: "writeSCTLR" },
  { name: "DFSR", aa32: cp15(5, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal" },
  { name: "IFSR", aa32: cp15(5, 0, 0, 1), access: PL1_RW, kind: "field", reset: 0, migrate: "normal" },
  { name: "DFAR", aa32: cp15(6, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, migrate: "normal" },
  { name: "IFAR", aa32: cp15(6, 0, 0, 2), access: PL1_RW, kind: "field", reset: 0, migrate: "normal" },
  { name: "VBAR", aa32: cp15(12, 0, 0, 0), access: PL1_RW, kind: "field", reset: 0, writeMask: 0xffffffe0, migrate: "normal" },
];
