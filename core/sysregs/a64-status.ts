// Outcomes of an MRS/MSR/SYS access (sysregA64Status): how core/exec/a64/system.ts completes it.
export const A64_OK: i32 = 0;
export const A64_UNDEF: i32 = 1;     // UNDEFINED: EC 0 ("unknown")
export const A64_TRAP: i32 = 2;      // trapped to EL1: EC 0x18 with the MSR/MRS syndrome
export const A64_FP_TRAP: i32 = 3;   // CPACR_EL1.FPEN: EC 0x07
export const A64_NOP: i32 = 4;       // a NOP register (QEMU ARM_CP_NOP): MRS leaves Xt unchanged
