// Identification registers of the Cortex-A15 as QEMU 7.2 reports them on -M virt.
import { type SysregDef, cp15, PL1_R } from "./types";

const idConst = (name: string, enc: ReturnType<typeof cp15>, reset: number): SysregDef =>
  ({ name, aa32: enc, access: PL1_R, kind: "const", reset, migrate: "constant" });

export const idRegisters: SysregDef[] = [
  idConst("MIDR", cp15(0, 0, 0, 0), 0x412fc0f1),
];
