// Long-descriptor (LPAE) translation table walk (ARM ARM B3.6). Placeholder until the walk lands.
import { setTranslation } from "./translate";

/** TTBCR.EAE selects the long-descriptor format. */
export function lpaeEnabled(): bool { return false; }

export function walkLpae(va: u32, type: i32, user: bool): bool {
  setTranslation(va, 0);
  return true;
}
