// The GICv3 in the virt machine: chosen by gic-version=3, mapped at QEMU's addresses (the
// distributor at 0x0800_0000, the redistributors from 0x080a_0000, 0x20000 per CPU), the PPIs of
// the timers reaching it, and refused with an AArch32 CPU (no AArch32 ICC registers here).
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Machine } from "../../../../machines/machine.js";
import { idleGicV3Machine } from "./helpers.js";

describe("virt with gic-version=3", () => {
  it("has a GICv3 and no GICv2, at QEMU's addresses", () => {
    const m = idleGicV3Machine(2);
    expect(m.gic).toBeUndefined();
    expect(m.gicv3).toBeDefined();
    expect(m.bus.read(0x0800_0004, 0, 4) >>> 0).toBe(0x037a0007);
    expect(m.bus.read(0x080a_0008, 0, 4) >>> 0).toBe(0x01000001); // CPU 0: not Last
    expect(m.bus.read(0x080c_0008, 0, 4) >>> 0).toBe(0x01000111); // CPU 1: Last
    expect(m.bus.read(0x080c_000c, 0, 4) >>> 0).toBe(1);
    const ids = m.snapshot.all().map((s) => s.idstr);
    expect(ids.indexOf("arm_gicv3")).toBeLessThan(ids.indexOf("cpu"));
    expect(ids).not.toContain("arm_gic");
  });

  it("is refused with the Cortex-A15", () => {
    const elf = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../roms/bin/a64/gicv3.elf"));
    expect(() => new Machine({ machine: "virt", machineProps: { "gic-version": "3" }, cpu: "cortex-a15", memory: "128M", kernel: new Uint8Array(elf) }))
      .toThrow(/a GICv3 needs --cpu cortex-a57/);
  });
});
