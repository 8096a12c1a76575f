// CBAR (cp15 c15, 4, c0, 0) as QEMU wires reset-cbar per board.
import { it, expect } from "vitest";
import { Machine } from "../../machines/machine.js";
it("CBAR reports the board's private peripheral base (vexpress-a15 0x2c000000, virt 0x08000000)", async () => {
  // mrc p15, 4, r0, c15, c0, 0 ; b .  (vexpress runs it after the Linux boot stub)
  const words = [0xee9f0f10, 0xeafffffe];
  const b = Buffer.alloc(8); words.forEach((w, i) => b.writeUInt32LE(w >>> 0, 4 * i));
  for (const [m, want] of [["vexpress-a15", 0x2c000000], ["virt", 0x08000000]] as const) {
    const mc = new Machine({ machine: m, kernel: new Uint8Array(b), maxInsns: 40, memory: "64M" });
    await mc.run();
    expect(mc.core.getReg(0) >>> 0).toBe(want);
  }
});
