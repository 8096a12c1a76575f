// A32 unconditional instructions (cond = 1111, ARM ARM A5.7). Fixed bits follow QEMU 7.2's
// a32-uncond.decode; anything not listed (MCR2/MRC2/LDC2/STC2/CDP2, SB...) is UNDEFINED.
import { row, type Row } from "../formats";

export const a32Unconditional: Row[] = [
  // ---- branch, status and system (branch/system helper) ----
  row("BLX_imm", "1111 101H iiii iiii iiii iiii iiii iiii", { since: "v5T" }),
  row("RFE", "1111 100P U0W1 nnnn 0000 1010 0000 0000", { since: "v6" }),
  row("SRS", "1111 100P U1W0 1101 0000 0101 000m mmmm", { since: "v6" }),
  row("CPS", "1111 0001 0000 iiM0 0000 000A IF0m mmmm", { since: "v6" }),
  row("SETEND", "1111 0001 0000 0001 0000 00E0 0000 0000", { since: "v6" }),
  row("CLREX", "1111 0101 0111 1111 1111 0000 0001 1111", { since: "v6K" }),
  // QEMU ignores the barrier option field.
  row("DSB", "1111 0101 0111 1111 1111 0000 0100 ----", { since: "v7" }),
  row("DMB", "1111 0101 0111 1111 1111 0000 0101 ----", { since: "v7" }),
  row("ISB", "1111 0101 0111 1111 1111 0000 0110 ----", { since: "v7" }),
  // ---- preload hints (load/store helper): NOPs, as QEMU (ARM ARM A8.8.128..A8.8.131) ----
  row("PLD_imm", "1111 0101 U101 nnnn 1111 iiii iiii iiii", { since: "v5TE" }),
  row("PLDW_imm", "1111 0101 U001 nnnn 1111 iiii iiii iiii", { since: "v7MP" }),
  row("PLI_imm", "1111 0100 U101 nnnn 1111 iiii iiii iiii", { since: "v7" }),
  row("PLD_reg", "1111 0111 U101 nnnn 1111 iiii itt0 mmmm", { since: "v5TE" }),
  row("PLDW_reg", "1111 0111 U001 nnnn 1111 iiii itt0 mmmm", { since: "v7MP" }),
  row("PLI_reg", "1111 0110 U101 nnnn 1111 iiii itt0 mmmm", { since: "v7" }),
  // unallocated memory hints execute as NOPs in QEMU 7.2 (as its PLDW)
  row("MEMHINT_imm", "1111 0100 -001 ---- ---- ---- ---- ----", { since: "v7MP" }),
  row("MEMHINT_reg", "1111 0110 -001 ---- ---- ---- ---0 ----", { since: "v7MP" }),
];
