// The FP status an operation runs with (ARM FPSCR control bits) and the flags it raises.
// Callers: fpBegin(ctl); compute with core/fp/ops; then OR fpFlags into FPSCR's cumulative bits.

/** FPSCR control bits in FPSCR positions: RMode [23:22], FZ [24], DN [25], AHP [26]. */
export let fpCtl: u32 = 0;
/** Cumulative exception flags raised, in FPSCR positions: IOC 0, DZC 1, OFC 2, UFC 3, IXC 4, IDC 7. */
export let fpFlags: u32 = 0;

export const FP_IOC: u32 = 1 << 0;
export const FP_DZC: u32 = 1 << 1;
export const FP_OFC: u32 = 1 << 2;
export const FP_UFC: u32 = 1 << 3;
export const FP_IXC: u32 = 1 << 4;
export const FP_IDC: u32 = 1 << 7;

export const FPSCR_AHP: u32 = 1 << 26;
export const FPSCR_DN: u32 = 1 << 25;
export const FPSCR_FZ: u32 = 1 << 24;

/** Rounding modes (FPSCR.RMode values). */
export const RM_RN: u32 = 0;
export const RM_RP: u32 = 1;
export const RM_RM: u32 = 2;
export const RM_RZ: u32 = 3;
/** Round to nearest, ties away from zero: not an FPSCR mode, only passed explicitly
 *  (A64 FCVTAS/FCVTAU, FRINTA). */
export const RM_TIEAWAY: u32 = 4;

/** NEON's "Standard FPSCR value": round to nearest, FZ = 1, DN = 1, AHP = 0. */
export const FPSCR_STANDARD: u32 = FPSCR_DN | FPSCR_FZ;

export function fpBegin(ctl: u32): void {
  fpCtl = ctl;
  fpFlags = 0;
}

// @ts-ignore: decorator
@inline export function fpRaise(f: u32): void { fpFlags |= f; }
// @ts-ignore: decorator
@inline export function fpRMode(): u32 { return (fpCtl >> 22) & 3; }
// @ts-ignore: decorator
@inline export function fpFZ(): bool { return (fpCtl & FPSCR_FZ) != 0; }
// @ts-ignore: decorator
@inline export function fpDN(): bool { return (fpCtl & FPSCR_DN) != 0; }
