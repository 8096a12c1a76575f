// A32 branches and exception-generating instructions (ARM ARM A8.8.18 B, A8.8.25 BL).
import { rreg, wreg, branchWritePC } from "../../cpu";
import { takeSVC } from "../../exceptions/a32-entry";
import { semihostingEnabled, semihostingCall } from "../semihosting";
import { isPrivileged } from "../../cpu";

@inline function branchOffset(insn: u32): u32 { return <u32>((<i32>(insn << 8)) >> 6); }

export function B(insn: u32): bool {
  branchWritePC(rreg(15) + branchOffset(insn));
  return true;
}

export function BL_imm(insn: u32): bool {
  const pc = rreg(15);
  wreg(14, pc - 4);
  branchWritePC(pc + branchOffset(insn));
  return true;
}

/** SVC; SVC #0x123456 is the A32 semihosting trap when semihosting is on (privileged modes only, as QEMU). */
export function SVC(insn: u32): bool {
  if ((insn & 0xffffff) == 0x123456 && semihostingEnabled && isPrivileged()) {
    semihostingCall();
    return true;
  }
  takeSVC();
  return true;
}
