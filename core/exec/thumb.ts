// T32 execution (the Thumb-2 issue). Until then every Thumb instruction is UNDEFINED.
import { takeUndef, setInsnLength } from "../exceptions/a32-entry";

export function stepThumb(pc: u32): void {
  setInsnLength(2);
  takeUndef();
}
