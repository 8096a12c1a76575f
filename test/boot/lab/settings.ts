// Knobs for the boot tests (environment overrides for slow machines or experiments).

/** armlet's wall-clock limit per boot (s): the default suite boots once, so this bounds its cost. */
export const ARMLET_BOOT_TIMEOUT = Number(process.env.ARMLET_BOOT_TIMEOUT ?? 240);

/** Deterministic mode's virtual time per instruction (ns; QEMU -icount shift=0 is 1 ns). */
export const DETERMINISTIC_NS_PER_INSN = Number(process.env.ARMLET_NS_PER_INSN ?? 1);

/** The matrix and the shell (npm run test:long). */
export const LONG = process.env.ARMLET_LONG === "1" || process.env.ARMLET_LONG === "true";
