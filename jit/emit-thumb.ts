// Inline wasm for the hottest Thumb rows (T16 and T32). Regions are entered only outside IT
// blocks and end at an IT instruction, so a T16 data-processing instruction here always sets
// the flags. Everything without an emitter returns false: the fallback.
import type { GuestInsn } from "./region-finder.js";
import type { RegionEmitter } from "./emit-region.js";

/** Inline code for `insn` if its row has an emitter that takes it; false: the caller emits the fallback. */
export function emitThumbInline(_e: RegionEmitter, _insn: GuestInsn): boolean {
  return false;
}
