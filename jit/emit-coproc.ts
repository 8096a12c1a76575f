// Inline MRC for system registers whose read is plain (jit/generated/sysreg-reads.ts, made from
// the one system-register table): a load from the state block or a constant. Everything else,
// and any read the region's privilege may not make, stays with the interpreter's handler.
import { STATE, S_SYSREGS } from "../core/state/layout.js";
import { PLAIN_SYSREG_READS } from "./generated/sysreg-reads.js";
import type { RegionEmitter } from "./emit-region.js";

/** dispatchKey (core/sysregs/defs/types.ts) of an MRC/MCR in its A32 layout (T32's is the same). */
export function coprocKey(w: number): number {
  return (((w >>> 8) & 0xf) << 16) | (((w >>> 16) & 0xf) << 11) | ((w & 0xf) << 7) | (((w >>> 21) & 7) << 3) | ((w >>> 5) & 7);
}

/** Whether `emitMrc` takes this MRC word in a region of state key `key` (bit 0: user mode). */
export function mrcInline(w: number, key: number): boolean {
  const r = PLAIN_SYSREG_READS.get(coprocKey(w));
  return r !== undefined && ((w >>> 12) & 15) !== 15 && (r.pl0 || (key & 1) === 0);
}

/** Rt = the register (mrcInline said yes). */
export function emitMrc(e: RegionEmitter, w: number): void {
  const r = PLAIN_SYSREG_READS.get(coprocKey(w))!;
  if (r.offset !== undefined) e.b.i32Const(0).i32Load(STATE + S_SYSREGS + r.offset);
  else e.b.i32Const(r.value! | 0);
  e.setReg((w >>> 12) & 15);
}
