// Short-descriptor translation table walk (ARM ARM B3.5). Placeholder until the walk lands: flat.
import { setTranslation } from "./translate";

export function walkShort(va: u32, type: i32, user: bool): bool {
  setTranslation(va, 0);
  return true;
}
