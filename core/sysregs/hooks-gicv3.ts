// The GICv3 CPU interface (ICC_*_EL1) lives in the host with the rest of the GICv3: these hooks
// forward each access. Without a GICv3 on the board the registers are UNDEFINED and the ID
// registers do not advertise the system-register interface (QEMU 7.2 adds the GIC field to
// ID_AA64PFR0/ID_PFR1 at read time when the CPU has a GICv3 CPU interface).
import { gicSysreg } from "../host";
import { A64_OK, A64_UNDEF } from "./a64-status";

let gicv3: bool = false;

/** The board has a GICv3 whose CPU interface answers the ICC registers. */
export function setGicV3(on: i32): void { gicv3 = on != 0; }

export function gicv3Check(el0: bool, isRead: bool): i32 { return gicv3 ? A64_OK : A64_UNDEF; }

export function readICC(reg: u32): u64 { return <u64>gicSysreg(<i32>reg, 0, 0, 0); }
export function writeICC(v: u64, reg: u32): void { gicSysreg(<i32>reg, 1, <u32>v, <u32>(v >>> 32)); }

/** ID_AA64PFR0_EL1 of the Cortex-A57 (EL0/EL1 AArch64+AArch32, FP, AdvSIMD), GIC = 1 with a GICv3. */
export function readID_AA64PFR0(): u64 { return 0x22 | (gicv3 ? <u64>1 << 24 : 0); }
/** ID_PFR1: GIC (bits 31:28) = 1 with a GICv3. */
export function readID_PFR1(): u64 { return 0x00010001 | (gicv3 ? <u64>1 << 28 : 0); }
