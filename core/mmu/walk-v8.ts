// VMSAv8-64 stage 1 table walk (ARM ARM D5.2): placeholder until the walk lands; every access
// with the MMU on takes a level 0 translation fault.
import { setFault64 } from "./translate64";

export function walk64(va: u64, type: i32, user: bool): bool {
  setFault64(0x04);
  return false;
}
