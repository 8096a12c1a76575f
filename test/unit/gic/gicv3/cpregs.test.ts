// QEMU keeps the GICv3 CPU interface's state in the arm_gicv3 section, not in the cpreg list: the
// A57's list with gic-version=3 is the GICv2 one (the golden list), so the ICC rows of the table
// migrate "none". Also the ICC rows are AArch64 views of the Cortex-A57 only, UNDEFINED without a
// GICv3 (gicv3Check) and forwarded to the host otherwise.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aa64OnlyRegisters } from "../../../../core/sysregs/defs/index.js";
import { ICC_REGISTERS } from "../../../../core/sysregs/defs/gicv3-cpuif.js";
import { readStream } from "../../../../machines/snapshot/stream.js";
import { QEMU_SYSTEM_AARCH64 } from "../../../helpers/qemu.js";
import { qemuStream } from "../../../helpers/qemu-stream.js";
import { lacksCommand } from "../../../helpers/requirements.js";

const here = dirname(fileURLToPath(import.meta.url));
const hex = (v: bigint) => v.toString(16).padStart(16, "0");
const golden = readFileSync(join(here, "..", "..", "snapshot", "golden", "virt-cortex-a57-cpu0.txt"), "utf8").trim().split("\n");

describe("the GICv3 CPU interface registers in the table", () => {
  it("are A57-only AArch64 rows, not migrated, checked by gicv3Check, forwarded by readICC/writeICC", () => {
    const rows = aa64OnlyRegisters.filter((d) => d.name.startsWith("ICC_"));
    expect(rows.map((d) => d.name)).toEqual(ICC_REGISTERS.map(([n]) => n));
    for (const d of rows) {
      expect(d).toMatchObject({ migrate: "none", model: "a57", check: "gicv3Check", onRead: "readICC", onWrite: "writeICC" });
    }
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("QEMU 7.2's cpreg list with a GICv3", () => {
  it("virt,gic-version=3 -cpu cortex-a57 -smp 2: the same ids and reset values as with the GICv2 (no ICC register)", async () => {
    const p = readStream(await qemuStream(["-M", "virt,gic-version=3", "-cpu", "cortex-a57", "-smp", "2", "-m", "128M", "-nic", "none"], { binary: QEMU_SYSTEM_AARCH64 }), () => undefined);
    const v = p.sections.find((s) => s.idstr === "cpu")!.values as Record<string, unknown[]>;
    const ids = v.cpreg_vmstate_indexes.map((id) => BigInt.asUintN(64, BigInt(id as bigint)));
    const lines = ids.map((id, i) => `${hex(id)} ${hex(BigInt.asUintN(64, BigInt(v.cpreg_vmstate_values[i] as bigint)))}`);
    expect(lines).toEqual(golden);
    // op0 3, op1 0, CRn 12, CRm 8..12 (and ICC_PMR_EL1 at CRn 4, CRm 6): none listed
    const aa64 = ids.filter((id) => id >> 56n === 0x60n).map((id) => Number(id & 0xffffn));
    expect(aa64.filter((k) => (k >> 7 & 0xf) === 12 && (k >> 11 & 7) === 0 && (k >> 3 & 0xf) >= 8)).toEqual([]);
    expect(aa64).not.toContain((3 << 14) | (4 << 7) | (6 << 3));
  }, 60_000);
});
