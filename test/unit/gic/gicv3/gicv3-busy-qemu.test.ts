// armlet's arm_gicv3 section after running roms/bin/a64/gicv3-state.elf (a GICv3 left busy:
// groups, enables, priorities, routes, latched SPIs, pending SGIs, LPI tables, an interrupt
// dropped but active under EOImode 1, an active group 0 SGI) is byte for byte the one QEMU 7.2
// saves after running the same program (which ends in WFI: armlet stops at its timeout);
// QEMU's section loads into a fresh GICv3 that then reads as the one that ran.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Machine } from "../../../../machines/machine.js";
import { QEMU_SYSTEM_AARCH64 } from "../../../helpers/qemu.js";
import { qemuStream } from "../../../helpers/qemu-stream.js";
import { lacksCommand } from "../../../helpers/requirements.js";
import { ICC, gicv3SectionBytes, idleGicV3Machine, loadGicV3SectionOnly } from "./helpers.js";

const ELF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../roms/bin/a64/gicv3-state.elf");

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("a busy arm_gicv3 against QEMU 7.2's", () => {
  it("the same program leaves the same section; QEMU's loads and reads the same", async () => {
    const stream = await qemuStream(["-M", "virt,gic-version=3", "-cpu", "cortex-a57", "-m", "128M", "-nic", "none", "-semihosting", "-kernel", ELF],
      { binary: QEMU_SYSTEM_AARCH64, runSeconds: 1.5 });
    let out = "";
    const m = new Machine({
      machine: "virt", machineProps: { "gic-version": "3" }, cpu: "cortex-a57", memory: "128M", semihosting: true,
      kernel: new Uint8Array(fs.readFileSync(ELF)), timeoutSec: 2, onConsole: (b) => { out += Buffer.from(b).toString("latin1"); },
    });
    try {
      await m.run();
      expect(out).toBe("acknowledged 80 (dropped), 1023, 2; waiting\n");
      const fresh = idleGicV3Machine(1);
      const { report, payload } = loadGicV3SectionOnly(fresh, stream);
      expect(report.decisions).toEqual([]);
      const ours = gicv3SectionBytes(m.gicv3!);
      const diff = ours.findIndex((b, i) => b !== payload[i]);
      expect(diff, `first differing byte at ${diff}`).toBe(-1);
      expect(ours.length).toBe(payload.length);
      for (const reg of Object.values(ICC)) {
        if ([ICC.ICC_IAR0_EL1, ICC.ICC_IAR1_EL1].includes(reg)) continue;
        expect(fresh.gicv3!.sysreg(0, reg, false, 0, 0), `ICC register ${reg}`).toBe(m.gicv3!.sysreg(0, reg, false, 0, 0));
      }
      expect(fresh.gicv3!.hppi[0]).toEqual(m.gicv3!.hppi[0]);
    } finally {
      m.dispose();
    }
  }, 60_000);
});
